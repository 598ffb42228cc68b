//! `cargo xtask rules-doc [--check]`: writes `docs/rules.md` from the rule metadata (`turk_go::docs`).
//! `--check` only reports whether the file is up to date (the `rules_doc_fresh` test does the same).

use anyhow::{Context, Result, bail};

pub fn run(args: &[String]) -> Result<()> {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => bail!("usage: cargo xtask rules-doc [--check]"),
    };
    let path = crate::workspace_root().join("docs/rules.md");
    let generated = turk_go::docs::rules_markdown();
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current.replace("\r\n", "\n") == generated {
        println!("docs/rules.md is up to date");
        return Ok(());
    }
    if check {
        bail!("docs/rules.md is stale: run `cargo xtask rules-doc` and commit the result");
    }
    std::fs::write(&path, generated).with_context(|| format!("writing {}", path.display()))?;
    println!("wrote docs/rules.md ({} rules)", turk_go::rule_metas().count());
    Ok(())
}
