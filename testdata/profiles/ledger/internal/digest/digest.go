// Package digest computes the check value printed at the end of every exported ledger line.
package digest

// modulus is the largest prime below 2^16, as in Fletcher and Adler checksums.
const modulus = 65521

// Sum returns a Fletcher-style checksum of the characters of text.
func Sum(text string) uint32 {
	var a, b uint32 = 1, 0
	for _, r := range []rune(text) {
		a = (a + uint32(r)) % modulus
		b = (b + a) % modulus
	}
	return b<<16 | a
}
