//! The patched Go grammar (`vendor/tree-sitter-go`) is generated from its `grammar.js` by `cargo xtask grammar`,
//! which writes the `GENERATED` stamp: the CLI version and the sha256 of `grammar.js` and of every generated
//! file. This fails when one of them changed since, so an edit of `grammar.js` (or of `parser.c` by hand) that was
//! not regenerated cannot pass `cargo test`. No CLI needed.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

fn grammar_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vendor/tree-sitter-go")
}

/// sha256 with CRLF read as LF, as the generator stamps it.
fn sha256_lf(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

struct Stamp {
    cli_version: String,
    /// (sha256, path relative to the grammar folder)
    files: Vec<(String, String)>,
}

fn read_stamp() -> Stamp {
    let path = grammar_dir().join("GENERATED");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut cli_version = None;
    let mut files = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        if let Some(version) = line.strip_prefix("tree-sitter-cli ") {
            cli_version = Some(version.trim().to_string());
        } else {
            let (hash, file) = line
                .split_once("  ")
                .unwrap_or_else(|| panic!("GENERATED: unreadable line {line:?}"));
            files.push((hash.to_string(), file.to_string()));
        }
    }
    Stamp {
        cli_version: cli_version.expect("GENERATED names the tree-sitter CLI version"),
        files,
    }
}

#[test]
fn generated_parser_matches_grammar_js() {
    let stamp = read_stamp();
    let stamped: Vec<&str> = stamp.files.iter().map(|(_, f)| f.as_str()).collect();
    for needed in ["grammar.js", "src/parser.c", "src/node-types.json"] {
        assert!(
            stamped.contains(&needed),
            "GENERATED does not cover {needed}: {stamped:?}"
        );
    }
    let stale: Vec<&str> = stamp
        .files
        .iter()
        .filter(|(hash, file)| {
            let bytes = std::fs::read(grammar_dir().join(file)).unwrap_or_default();
            sha256_lf(&bytes) != *hash
        })
        .map(|(_, file)| file.as_str())
        .collect();
    assert!(
        stale.is_empty(),
        "vendor/tree-sitter-go: {stale:?} changed since the parser was generated: run `cargo xtask grammar` and \
         commit grammar.js, src/ and GENERATED together"
    );
}

#[test]
fn generated_parser_names_the_pinned_cli() {
    let stamp = read_stamp();
    let parser = std::fs::read_to_string(grammar_dir().join("src/parser.c")).expect("src/parser.c");
    let header = parser.lines().next().unwrap_or_default();
    assert!(
        header.contains(&format!("tree-sitter v{}", stamp.cli_version)),
        "src/parser.c says {header:?}, GENERATED says tree-sitter-cli {}",
        stamp.cli_version
    );
}
