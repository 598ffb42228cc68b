use serde::{Deserialize, Serialize};
use std::fmt;

/// A stable identity for a finding: a 64-bit FNV-1a hash (16 hex digits) of the origin id, the file path and the
/// flagged code with its whitespace folded. Line numbers are not part of it, so the fingerprint survives edits
/// above the finding; it changes when the flagged code itself changes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Fingerprint(String);

impl Fingerprint {
    pub fn compute(origin_id: &str, path: &str, code: &str) -> Self {
        let mut hash = Fnv::new();
        hash.write(origin_id.as_bytes());
        hash.write(&[0]);
        hash.write(path.as_bytes());
        hash.write(&[0]);
        for (i, word) in code.split_whitespace().enumerate() {
            if i > 0 {
                hash.write(b" ");
            }
            hash.write(word.as_bytes());
        }
        Fingerprint(format!("{:016x}", hash.0))
    }

    /// The fingerprint of the `ordinal`-th repeat (1-based) of the same code in the same file.
    pub fn with_ordinal(&self, ordinal: u32) -> Self {
        let mut hash = Fnv::new();
        hash.write(self.0.as_bytes());
        hash.write(&ordinal.to_le_bytes());
        Fingerprint(format!("{:016x}", hash.0))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// FNV-1a, 64 bit: tiny, fast and fixed forever (unlike `std`'s hasher, whose output may change between releases).
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_fixed_across_releases() {
        // Stored reports and baselines rely on this value never changing.
        assert_eq!(
            Fingerprint::compute("r", "a.go", "x := 1").as_str(),
            Fingerprint::compute("r", "a.go", " x  := 1 ").as_str()
        );
        assert_eq!(Fingerprint::compute("", "", "").as_str(), "08328807b4eb6fed");
    }
}
