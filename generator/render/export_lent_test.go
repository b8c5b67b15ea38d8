package render

// LentTexts is how many texts LendText made that render has not given
// back.
func LentTexts() int {
	lentTexts.Lock()
	defer lentTexts.Unlock()
	return len(lentTexts.buffers)
}
