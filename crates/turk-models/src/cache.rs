//! The answer cache: each answer is stored as one small JSON file named by a hash of (endpoint, model, prompt),
//! written atomically (temp file + rename) the moment it arrives. A re-run, or a run resumed after a crash or
//! Ctrl-C, only sends what has no entry yet. No key or header is ever part of an entry.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// One stored answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedAnswer {
    pub reviewer: String,
    pub model: String,
    /// The endpoint URL (never a key).
    pub endpoint: String,
    pub content: String,
    #[serde(default)]
    pub finish_reason: Option<String>,
    #[serde(default)]
    pub prompt_tokens: u64,
    #[serde(default)]
    pub completion_tokens: u64,
}

/// The cache key of a request: hex SHA-256 of the endpoint, model and both prompts.
pub fn key(endpoint: &str, model: &str, system: &str, user: &str) -> String {
    let mut h = Sha256::new();
    for part in ["turk-answer-v1", endpoint, model, system, user] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A folder of cached answers.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Cache { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.json"))
    }

    /// The stored answer, if there is a readable one (a damaged entry counts as missing and is overwritten).
    pub fn get(&self, key: &str) -> Option<CachedAnswer> {
        let bytes = std::fs::read(self.path(key)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Stores an answer atomically: a reader sees the old entry, no entry, or the whole new one.
    pub fn put(&self, key: &str, answer: &CachedAnswer) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let json = serde_json::to_vec_pretty(answer).map_err(std::io::Error::other)?;
        let tmp = self
            .dir
            .join(format!(".{key}.{}.{}.tmp", std::process::id(), unique()));
        let result = (|| {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(&json)?;
            f.sync_all()?;
            std::fs::rename(&tmp, self.path(key))
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }
}

fn unique() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_depend_on_every_input() {
        let k = key("e", "m", "s", "u");
        assert_eq!(k.len(), 64);
        assert_ne!(k, key("e2", "m", "s", "u"));
        assert_ne!(k, key("e", "m2", "s", "u"));
        assert_ne!(k, key("e", "m", "s2", "u"));
        assert_ne!(k, key("e", "m", "s", "u2"));
        // Field boundaries matter: ("ab","c") is not ("a","bc").
        assert_ne!(key("ab", "c", "", ""), key("a", "bc", "", ""));
    }

    #[test]
    fn put_then_get_round_trips_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().join("answers"));
        let a = CachedAnswer {
            reviewer: "r".into(),
            model: "m".into(),
            endpoint: "http://x".into(),
            content: "{}".into(),
            finish_reason: Some("stop".into()),
            prompt_tokens: 1,
            completion_tokens: 2,
        };
        assert!(cache.get("k").is_none());
        cache.put("k", &a).unwrap();
        assert_eq!(cache.get("k"), Some(a));
        let names: Vec<_> = std::fs::read_dir(cache.dir())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("k.json")]);
        std::fs::write(cache.dir().join("bad.json"), "{trunc").unwrap();
        assert!(cache.get("bad").is_none(), "a damaged entry is a miss");
    }
}
