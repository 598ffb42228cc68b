//! Grounding: each model finding is checked against the code it talks about. The file must be in scope (looked
//! up in memory: a path from a model is never opened), the lines must exist and have been shown to the model, and
//! any code it quotes must be there. A finding that fails is kept, marked unverified with the reason.

use crate::SourceFile;
use crate::answer::RawFinding;
use crate::chunk::Chunk;
use turk_run::Grounding;

/// The result of grounding one finding: the path to report (normalised, or resolved to the scope file it names),
/// the verdict, and the code to fingerprint.
pub struct Grounded {
    pub path: String,
    pub grounding: Grounding,
    pub code: String,
}

/// A path as a model wrote it, made `/`-separated and relative; Err when it points outside the root.
pub(crate) fn normalise_path(path: &str) -> Result<String, String> {
    let p = path.trim().trim_matches('`').replace('\\', "/");
    let p = p.trim_start_matches("./").to_string();
    let bytes = p.as_bytes();
    let absolute =
        p.starts_with('/') || (bytes.len() >= 2 && bytes[1] == b':' && bytes[0].is_ascii_alphabetic());
    if absolute || p.split('/').any(|c| c == "..") {
        return Err(format!(
            "path `{}` points outside the reviewed scope (absolute or `..`); it was not opened",
            path.trim()
        ));
    }
    if p.is_empty() {
        return Err("the finding names no file".into());
    }
    Ok(p)
}

pub fn ground(raw: &RawFinding, chunk: &Chunk, files: &[SourceFile]) -> Grounded {
    let fallback_code = raw.title.clone();
    let path = match normalise_path(&raw.file) {
        Ok(p) => p,
        Err(reason) => {
            return Grounded {
                path: raw.file.trim().to_string(),
                grounding: Grounding::unverified(reason),
                code: fallback_code,
            };
        }
    };
    // Exact path, else a unique scope file the model named by a shorter suffix ("cache.go").
    let file = files.iter().find(|f| f.path == path).or_else(|| {
        let suffix = format!("/{path}");
        let mut matches = files.iter().filter(|f| f.path.ends_with(&suffix));
        match (matches.next(), matches.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        }
    });
    let Some(file) = file else {
        return Grounded {
            grounding: Grounding::unverified(format!("file `{path}` is not in the reviewed scope")),
            path,
            code: fallback_code,
        };
    };
    let path = file.path.clone();
    let lines: Vec<&str> = file.text.lines().collect();
    let total = lines.len() as u32;
    let (start, end) = (raw.start_line, raw.end_line);
    if start == 0 || end > total {
        return Grounded {
            grounding: Grounding::unverified(format!(
                "lines {start}-{end} do not exist: `{path}` has {total} lines"
            )),
            path,
            code: fallback_code,
        };
    }
    let code = lines[start as usize - 1..end as usize]
        .iter()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join("\n");
    let parts: Vec<_> = chunk.parts.iter().filter(|p| p.path == path).collect();
    if parts.is_empty() {
        return Grounded {
            grounding: Grounding::unverified(format!(
                "`{path}` was not part of the request this answer came from"
            )),
            path,
            code,
        };
    }
    if !parts.iter().any(|p| p.shows(start) && p.shows(end)) {
        return Grounded {
            grounding: Grounding::unverified(format!(
                "lines {start}-{end} were not in the code sent with this request"
            )),
            path,
            code,
        };
    }
    let grounding = match &raw.quote {
        None => Grounding::Verified,
        Some(quote) => check_quote(quote, &lines, start, end),
    };
    Grounded {
        path,
        grounding,
        code,
    }
}

/// Whitespace-insensitive form for comparing code.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes a copied line-number column (`  42 | `) from a quoted line.
fn strip_line_number(line: &str) -> &str {
    let t = line.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = t[digits..].trim_start();
        if let Some(rest) = rest.strip_prefix('|').or_else(|| rest.strip_prefix(':')) {
            return rest;
        }
    }
    line
}

fn check_quote(quote: &str, lines: &[&str], start: u32, end: u32) -> Grounding {
    // Fragments of at least a few characters; models elide with "..." between them.
    let fragments: Vec<String> = quote
        .lines()
        .map(strip_line_number)
        .flat_map(|l| {
            l.split("...")
                .flat_map(|p| p.split('…'))
                .map(squash)
                .collect::<Vec<_>>()
        })
        .filter(|f| f.chars().filter(|c| !c.is_whitespace()).count() >= 3)
        .collect();
    if fragments.is_empty() {
        return Grounding::Verified;
    }
    let squashed: Vec<String> = lines.iter().map(|l| squash(l)).collect();
    let window_start = start.saturating_sub(3) as usize;
    let window_end = ((end + 2) as usize).min(lines.len());
    let window = squashed[window_start..window_end].join(" ");
    if fragments.iter().all(|f| window.contains(f.as_str())) {
        return Grounding::Verified;
    }
    let first_missing = fragments
        .iter()
        .find(|f| !window.contains(f.as_str()))
        .cloned()
        .unwrap_or_default();
    match squashed.iter().position(|l| l.contains(first_missing.as_str())) {
        Some(i) => Grounding::unverified(format!(
            "the quoted code `{}` is at line {}, not at lines {start}-{end}",
            crate::answer::excerpt(&first_missing),
            i + 1
        )),
        None => Grounding::unverified(format!(
            "the quoted code `{}` does not appear in the file",
            crate::answer::excerpt(&first_missing)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chunk::ChunkPart;
    use turk_findings::{Category, Priority};

    fn files() -> Vec<SourceFile> {
        vec![SourceFile {
            path: "internal/cache/cache.go".into(),
            text: "package cache\n\nfunc Get() {\n\tmu.Lock()\n\tdefer mu.Unlock()\n}\n".into(),
        }]
    }

    fn chunk() -> Chunk {
        Chunk {
            parts: vec![ChunkPart {
                path: "internal/cache/cache.go".into(),
                start_line: 1,
                end_line: 6,
                context_end: 0,
                file_lines: 6,
            }],
        }
    }

    fn raw(file: &str, start: u32, end: u32, quote: Option<&str>) -> RawFinding {
        RawFinding {
            file: file.into(),
            start_line: start,
            end_line: end,
            priority: Priority::P1,
            category: Category::Concurrency,
            title: "t".into(),
            why: String::new(),
            fix: String::new(),
            quote: quote.map(str::to_string),
        }
    }

    fn verdict(r: RawFinding) -> Grounding {
        ground(&r, &chunk(), &files()).grounding
    }

    fn reason(g: Grounding) -> String {
        match g {
            Grounding::Unverified { reason } => reason,
            Grounding::Verified => panic!("expected unverified"),
        }
    }

    #[test]
    fn real_lines_and_quotes_are_verified() {
        assert!(verdict(raw("internal/cache/cache.go", 4, 5, Some("mu.Lock()"))).is_verified());
        assert!(
            verdict(raw(
                "./internal/cache/cache.go",
                4,
                4,
                Some("    4 | \tmu.Lock()")
            ))
            .is_verified()
        );
        let g = ground(&raw("cache.go", 4, 4, None), &chunk(), &files());
        assert!(g.grounding.is_verified());
        assert_eq!(g.path, "internal/cache/cache.go");
    }

    #[test]
    fn failures_are_kept_with_the_reason() {
        assert!(reason(verdict(raw("internal/other.go", 1, 1, None))).contains("not in the reviewed scope"));
        assert!(reason(verdict(raw("internal/cache/cache.go", 40, 52, None))).contains("has 6 lines"));
        assert!(
            reason(verdict(raw("internal/cache/cache.go", 3, 3, Some("wg.Wait()"))))
                .contains("does not appear")
        );
        assert!(
            reason(verdict(raw("internal/cache/cache.go", 1, 1, Some("mu.Unlock()")))).contains("at line 5")
        );
    }

    #[test]
    fn paths_outside_the_scope_are_refused_without_opening_them() {
        for p in [
            "../../etc/passwd",
            "/etc/passwd",
            "C:\\Windows\\win.ini",
            "internal/../../x.go",
        ] {
            assert!(
                reason(verdict(raw(p, 1, 1, None))).contains("outside the reviewed scope"),
                "{p}"
            );
        }
    }
}
