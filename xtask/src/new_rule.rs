//! `cargo xtask new-rule <family>/<name>`: starts a rule. Writes `crates/turk-go/src/rules/<family>/<name>.rs`
//! from a template, its fixtures `testdata/go/<family>/<name>/{positive,negative}.go`, its module line and its
//! place in the `rules!` list of `crates/turk-go/src/rules/mod.rs`, then regenerates `docs/rules.md`.
//!
//! The template compiles, and the rule's test fails until the metadata, the examples and the fixtures say
//! something (the test rejects `TODO:` in them, and the `bad` example must be flagged).

use anyhow::{Context, Result, bail};
use std::path::Path;
use std::process::Command;
use turk_go::Family;

const RULES_MOD: &str = "crates/turk-go/src/rules/mod.rs";

pub fn run(args: &[String]) -> Result<()> {
    let [id] = args else {
        bail!("usage: cargo xtask new-rule <family>/<name>   (e.g. conc/goroutine-leak)");
    };
    let rule = NewRule::parse(id)?;
    let root = crate::workspace_root();
    rule.check_free(&root)?;

    let rules_mod = root.join(RULES_MOD);
    let listing = std::fs::read_to_string(&rules_mod).with_context(|| format!("reading {RULES_MOD}"))?;
    let listing = rule.listed_in(&listing)?;
    let source = root.join(rule.source_path());
    let fixtures = root.join(rule.fixture_dir());
    // The first rule of a new family starts its folder.
    if let Some(folder) = source.parent() {
        std::fs::create_dir_all(folder).with_context(|| format!("creating {}", folder.display()))?;
    }
    write_new(&source, &rule.template())?;
    std::fs::create_dir_all(&fixtures).with_context(|| format!("creating {}", fixtures.display()))?;
    write_new(&fixtures.join("positive.go"), &rule.positive_fixture())?;
    write_new(&fixtures.join("negative.go"), &rule.negative_fixture())?;
    std::fs::write(&rules_mod, listing).with_context(|| format!("writing {RULES_MOD}"))?;
    println!("wrote {}", rule.source_path());
    println!("wrote {}/positive.go and negative.go", rule.fixture_dir());
    println!(
        "added {} to {RULES_MOD} (its module and its place in the rules! list)",
        rule.module
    );

    // The running xtask does not have the new rule compiled in: the docs come from a fresh build.
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(&cargo)
        .args(["run", "--quiet", "-p", "xtask", "--", "rules-doc"])
        .current_dir(&root)
        .status()
        .context("running cargo xtask rules-doc")?;
    if !status.success() {
        bail!("the rule was added, but `cargo xtask rules-doc` failed ({status})");
    }

    println!(
        "\nNext:\n\
         1. Write the metadata, the examples and the check in {source}.\n\
         2. Write the fixtures: flagged lines of positive*.go end in `// want`; negative*.go holds the look-alikes \
         that must stay quiet.\n\
         3. `cargo test -p turk-go {module}` runs the rule's test; accept its fixture snapshot with \
         `INSTA_UPDATE=always cargo test -p turk-go {module}` and read crates/turk-go/tests/snapshots/rules/{family}__{name}.snap.\n\
         4. `cargo xtask rules-doc` once the metadata is written, then `cargo xtask ci --skip-e2e-llm`.",
        source = rule.source_path(),
        module = rule.module,
        family = rule.family.name(),
        name = rule.name,
    );
    Ok(())
}

/// Writes a file that must not exist yet.
fn write_new(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("writing {}", path.display()))
}

/// The rule to add: `conc/goroutine-leak` is family `conc`, name `goroutine-leak`, module `goroutine_leak`.
struct NewRule {
    family: Family,
    name: String,
    module: String,
}

impl NewRule {
    fn parse(id: &str) -> Result<NewRule> {
        let Some((family, name)) = id.split_once('/') else {
            bail!("`{id}`: a rule id is <family>/<name>, e.g. conc/goroutine-leak");
        };
        let Some(family) = Family::from_name(family) else {
            let known: Vec<&str> = Family::ALL.iter().map(|f| f.name()).collect();
            bail!(
                "`{family}` is not a family; the families are {}",
                known.join(", ")
            );
        };
        let words_ok = !name.is_empty()
            && name
                .split('-')
                .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
            && name.starts_with(|c: char| c.is_ascii_lowercase());
        if !words_ok {
            bail!("`{name}`: a rule name is lowercase words joined by `-`, starting with a letter");
        }
        let module = name.replace('-', "_");
        if KEYWORDS.contains(&module.as_str()) {
            bail!("`{name}` would make the module `{module}`, a Rust keyword: choose another name");
        }
        Ok(NewRule {
            family,
            name: name.to_string(),
            module,
        })
    }

    fn id(&self) -> String {
        format!("{}/{}", self.family.name(), self.name)
    }

    fn source_path(&self) -> String {
        format!(
            "crates/turk-go/src/rules/{}/{}.rs",
            self.family.name(),
            self.module
        )
    }

    fn fixture_dir(&self) -> String {
        format!("testdata/go/{}", self.id())
    }

    /// Refuses a rule that exists, in the registry or on disk.
    fn check_free(&self, root: &Path) -> Result<()> {
        if turk_go::rule_meta(&self.id()).is_some() {
            bail!("the rule {} exists already", self.id());
        }
        for path in [self.source_path(), self.fixture_dir()] {
            if root.join(&path).exists() {
                bail!("{path} exists already");
            }
        }
        Ok(())
    }

    /// `rules/mod.rs` with the rule's module in its family's module (in name order) and the rule at the end of
    /// its family in the `rules!` list.
    fn listed_in(&self, listing: &str) -> Result<String> {
        let family = self.family.name();
        let mut lines: Vec<String> = listing.lines().map(str::to_string).collect();

        let modules_start = position(&lines, 0, &format!("pub(crate) mod {family} {{"))
            .with_context(|| format!("{RULES_MOD} has no `pub(crate) mod {family} {{` block"))?;
        let modules_end = position(&lines, modules_start, "}").context("an unclosed module block")?;
        let line = format!("    pub(crate) mod {};", self.module);
        let at = (modules_start + 1..modules_end)
            .find(|i| lines[*i].as_str() > line.as_str())
            .unwrap_or(modules_end);
        lines.insert(at, line);

        let list_start =
            position(&lines, 0, "rules! {").with_context(|| format!("{RULES_MOD} has no `rules! {{`"))?;
        let family_start = position(&lines, list_start, &format!("    {family} {{"))
            .with_context(|| format!("the rules! list has no `{family} {{` block"))?;
        let family_end =
            position(&lines, family_start, "    }").context("an unclosed family in the rules! list")?;
        lines.insert(family_end, format!("        {},", self.module));

        let mut text = lines.join("\n");
        text.push('\n');
        Ok(text)
    }

    fn template(&self) -> String {
        // The category most rules of the family have, as a starting point.
        let category = turk_go::rule_metas()
            .find(|m| m.family() == self.family)
            .map_or("Cpu".to_string(), |m| format!("{:?}", m.category));
        TEMPLATE
            .replace("{id}", &self.id())
            .replace("{category}", &category)
    }

    fn positive_fixture(&self) -> String {
        format!(
            "package fixture\n\n\
             // TODO: code that {id} flags, each flagged line ending in `// want`,\n\
             // with the tricky cases that must still be flagged (an import alias, a nested func literal...).\n",
            id = self.id()
        )
    }

    fn negative_fixture(&self) -> String {
        format!(
            "package fixture\n\n\
             // TODO: code that {id} must leave alone: the fixed form, and look-alikes\n\
             // (a local variable named like the package, another package's function, a cold path).\n",
            id = self.id()
        )
    }
}

/// The index of the first line at or after `from` that is exactly `line`.
fn position(lines: &[String], from: usize, line: &str) -> Option<usize> {
    (from..lines.len()).find(|i| lines[*i] == line)
}

/// Words that cannot name a module.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof",
    "unsized", "virtual", "yield",
];

const TEMPLATE: &str = r##"//! TODO: one line on what this rule finds.

use crate::context::FileContext;
use crate::rule::{Rule, RuleMeta, Tier, Visits};
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "{id}",
    category: Category::{category},
    // TODO: the default on the scale of docs/rules.md (P0 leak, race, deadlock, crash, unbounded growth or
    // blocking per request; P1 real waste on a hot path or a lost error, bound or cancellation; P2 the rest).
    priority: Priority::P2,
    // TODO: Performance, Correctness or Style (style rules are off unless asked for).
    tier: Tier::Performance,
    // TODO: Heuristic when the match infers part of the problem (a name, a likely type, an idiom that is
    // sometimes meant); High when the shape is the problem.
    confidence: Confidence::High,
    // Only a rule about test code itself is true here: it keeps running in test code.
    about_tests: false,
    message: "TODO: what is wrong, in one line",
    why: "TODO: why it matters (what it costs, with numbers where there are some).",
    fix: "TODO: the fix.",
    bad: r#"// TODO: Go declarations that this rule flags (package clause and imports are added by its test)."#,
    good: r#"// TODO: the same code, fixed."#,
    applies: "",
};

pub static RULE: Rule = Rule {
    meta: &META,
    // What the rule is handed: node kinds (`Visits::kinds`), calls by name (`Visits::calls`), or package
    // functions by import path (`Visits::package_calls(&[("regexp", &["MustCompile"])])`).
    visits: Visits::kinds(&["call_expression"]),
    check,
};

fn check(node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // TODO: test the shape around `node` (the questions of `cx`, the helpers of `crate::syntax`) and report
    // what is found with `cx.finding(&META, node).report(out)` (`.raised_on_hot_path()` before `.report` when
    // the cost multiplies per item or per request).
    let _ = (node, cx, out);
}
"##;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_family_and_lowercase_words() {
        let rule = NewRule::parse("conc/goroutine-leak").unwrap();
        assert_eq!(
            (rule.family, rule.module.as_str()),
            (Family::Conc, "goroutine_leak")
        );
        assert_eq!(
            rule.source_path(),
            "crates/turk-go/src/rules/conc/goroutine_leak.rs"
        );
        assert_eq!(rule.fixture_dir(), "testdata/go/conc/goroutine-leak");
        for bad in [
            "goroutine-leak",
            "net/leak",
            "conc/Leak",
            "conc/leak_it",
            "conc/-leak",
            "conc/2leak",
            "conc/loop",
        ] {
            assert!(NewRule::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_rule_is_listed_in_its_family() {
        let listing = "pub(crate) mod conc {\n    pub(crate) mod busy_loop;\n    pub(crate) mod lock_by_value;\n}\n\n\
                       pub(crate) mod io {\n    pub(crate) mod defer_in_loop;\n}\n\n\
                       rules! {\n    conc {\n        lock_by_value,\n        busy_loop,\n    }\n    io {\n        defer_in_loop,\n    }\n}\n";
        let rule = NewRule::parse("conc/goroutine-leak").unwrap();
        let listed = rule.listed_in(listing).unwrap();
        assert_eq!(
            listed,
            "pub(crate) mod conc {\n    pub(crate) mod busy_loop;\n    pub(crate) mod goroutine_leak;\n    pub(crate) mod lock_by_value;\n}\n\n\
             pub(crate) mod io {\n    pub(crate) mod defer_in_loop;\n}\n\n\
             rules! {\n    conc {\n        lock_by_value,\n        busy_loop,\n        goroutine_leak,\n    }\n    io {\n        defer_in_loop,\n    }\n}\n"
        );
        let io = NewRule::parse("io/zero-copy")
            .unwrap()
            .listed_in(listing)
            .unwrap();
        assert!(io.contains("    pub(crate) mod defer_in_loop;\n    pub(crate) mod zero_copy;\n}"));
        assert!(io.contains("        defer_in_loop,\n        zero_copy,\n    }"));
    }
}
