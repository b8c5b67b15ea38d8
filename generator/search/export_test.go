package search

// ReferenceCompact lets the tests of package search_test build an index
// the way it was built before the fast paths.
var ReferenceCompact = referenceCompact
