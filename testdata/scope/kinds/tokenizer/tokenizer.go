// Package tokenizer splits text into byte-pair tokens.
package tokenizer

// Split cuts text into words at spaces and punctuation.
func Split(text string) []string {
	var words []string
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == ' ' || c == ',' || c == '.' || c == '\n' {
			if i > start {
				words = append(words, text[start:i])
			}
			start = i + 1
		}
	}
	if start < len(text) {
		words = append(words, text[start:])
	}
	return words
}

// Hash mixes the bytes of a word into a bucket number.
func Hash(word []byte) uint32 {
	var h uint32 = 2166136261
	for i := 0; i < len(word); i++ {
		h ^= uint32(word[i])
		h *= 16777619
		h = h<<13 | h>>19
	}
	return h
}
