package render

// LentTexts is how many body texts render has not given back.
func LentTexts() int { return int(lentTexts.Load()) }
