//! `docs/rules.md` is generated from the rule metadata; this fails when the committed file is stale.

use std::path::Path;

#[test]
fn rules_doc_is_fresh() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let committed = std::fs::read_to_string(&path)
        .unwrap_or_default()
        .replace("\r\n", "\n");
    let generated = turk_go::docs::rules_markdown();
    assert!(
        committed == generated,
        "docs/rules.md is stale: run `cargo xtask rules-doc` and commit the result"
    );
}
