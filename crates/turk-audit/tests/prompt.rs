//! What a request of the bundled sample service's audit tells a reviewer beyond the code: the module and its Go
//! version (with what that version changes), the file's kind and why it is in scope, and the call sites that
//! make its functions hot; and, once per run in the system prompt, the outline of the module's packages.

use std::path::PathBuf;
use turk_audit::{AuditSettings, prepare};
use turk_models::{ProviderConfig, ReplaySettings, ReviewerConfig, plan, system_prompt};

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/sample-service")
}

/// A reviewer whose budget cuts the sample into a request or two per file.
fn reviewer() -> ReviewerConfig {
    let replay = ReplaySettings {
        replay_dir: sample().join("../models/sample-service/codex"),
    };
    let mut config = ReviewerConfig::new("codex", ProviderConfig::Replay(replay), "gpt-5.3-codex");
    config.max_request_tokens = 4_000;
    config
}

#[test]
fn a_request_carries_the_go_version_the_files_kind_and_the_callers_of_its_hot_functions() {
    let prepared = prepare(&AuditSettings::new(sample()), &|_| {}).expect("the sample prepares");
    let plan = plan(&reviewer(), &prepared.input).expect("a plan");
    let request = plan
        .requests
        .iter()
        .find(|r| r.parts.iter().any(|p| p.path == "internal/worker/pool.go"))
        .expect("a request reviews the worker pool");
    let prompt = &request.user_prompt;
    assert!(
        prompt.contains("Module `example.com/orders`, Go 1.21"),
        "{prompt}"
    );
    assert!(
        prompt.contains("loop variables are shared by all iterations"),
        "{prompt}"
    );
    assert!(prompt.contains("Kind: worker pool."), "{prompt}");
    assert!(
        prompt.contains("- Pool.Submit (lines 80-94): called per request from internal/api/handler.go:120"),
        "{prompt}"
    );
    insta::assert_snapshot!("worker_pool_request", prompt);

    // The outline is in the system prompt, once per run: the same for every request.
    let system = system_prompt(&prepared.input, reviewer().max_request_tokens);
    let module = system
        .split_once("## The module under review")
        .map(|(_, module)| module)
        .expect("the system prompt describes the module");
    assert!(module.contains("`internal/worker` (package worker)"), "{module}");
    insta::assert_snapshot!("module_outline", module);
}

#[test]
fn with_a_profile_a_request_says_where_the_profile_spends_its_time() {
    let ledger = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/profiles/ledger");
    let mut settings = AuditSettings::new(&ledger);
    settings.scope.profiles = vec![ledger.join("cpu.pprof")];
    let prepared = prepare(&settings, &|_| {}).expect("the ledger prepares with its profile");
    let plan = plan(&reviewer(), &prepared.input).expect("a plan");
    let request = plan
        .requests
        .iter()
        .find(|r| r.parts.iter().any(|p| p.path == "internal/digest/digest.go"))
        .expect("a request reviews the digest");
    let prompt = &request.user_prompt;
    assert!(
        prompt.contains("A profile of the running code was given"),
        "{prompt}"
    );
    assert!(
        prompt.contains(
            "Profile, CPU (shares of the whole profile):\n- Sum (lines 8-15): 77% attributed, 28% flat, 77% cum; \
             hottest lines 10 (31%), 12 (27%), 11 (19%)\n"
        ),
        "{prompt}"
    );
    // The static finding the profile raised reaches the reviewer with its new priority.
    assert!(prompt.contains("P1"), "{prompt}");
    insta::assert_snapshot!("ledger_request_with_profile", prompt);
}
