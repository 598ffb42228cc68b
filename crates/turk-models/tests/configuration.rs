//! Reviewer configuration as users write it: the flat YAML, its errors, and the checks made before anything is
//! sent (keys in the environment, the replay folder).

use turk_models::{PreflightError, Provider, ProviderConfig, ReviewerConfig, preflight};

fn parse(yaml: &str) -> Result<ReviewerConfig, String> {
    serde_yaml::from_str::<ReviewerConfig>(yaml).map_err(|e| e.to_string())
}

#[test]
fn the_documented_yaml_reads_into_typed_provider_settings() {
    let full = parse(
        "id: codex\nlabel: GPT-5.3-Codex\nprovider: openai\nbase_url: https://api.openai.com/v1\nmodel: gpt-5.3-codex\n\
         api_key_env: OPENAI_API_KEY\nconcurrency: 8\ntimeout_secs: 60\nmax_retries: 2\nmax_request_tokens: 30000\n\
         price_input_per_mtok: 1.5\nstructured_output: json_object\n",
    )
    .unwrap();
    full.validate().unwrap();
    assert_eq!(
        (full.concurrency, full.max_retries, full.timeout_secs),
        (8, 2, 60)
    );
    assert_eq!(full.prices(), Some((1.5, 14.0)));
    assert_eq!(full.api_key_env(), Some("OPENAI_API_KEY"));
    assert_eq!(full.provider.kind(), Provider::Openai);

    let azure = parse(
        "id: az\nprovider: azure\nbase_url: https://res.openai.azure.com\ndeployment: gpt4o-prod\n\
         api_version: 2024-10-21\napi_key_env: AZURE_OPENAI_API_KEY\n",
    )
    .unwrap();
    azure.validate().unwrap();
    let ProviderConfig::Azure(settings) = &azure.provider else {
        panic!("{azure:?}");
    };
    assert_eq!(settings.api_version, "2024-10-21");
    assert_eq!(azure.model, "gpt4o-prod", "the deployment names the model");
    assert_eq!(
        azure.endpoint(),
        "https://res.openai.azure.com/openai/deployments/gpt4o-prod?api-version=2024-10-21"
    );

    let minimal = parse("id: local\nprovider: openai\nmodel: llama3\n").unwrap();
    assert_eq!(minimal.label, "local", "the label defaults to the id");
    assert_eq!(minimal.endpoint(), "https://api.openai.com/v1");
    assert_eq!(minimal.timeout_secs, turk_models::DEFAULT_TIMEOUT_SECS);
    assert_eq!(minimal.api_key_env(), None);
}

#[test]
fn a_misspelt_key_is_an_error_with_a_suggestion() {
    let typo = parse("id: x\nprovider: openai\nmodel: m\nconcurency: 3\n").unwrap_err();
    assert!(
        typo.contains("reviewer `x`: unknown key `concurency` (did you mean `concurrency`?)"),
        "{typo}"
    );
    let nonsense = parse("id: x\nprovider: openai\nmodel: m\ncolour: blue\n").unwrap_err();
    assert!(
        nonsense.contains("unknown key `colour`") && !nonsense.contains("did you mean"),
        "{nonsense}"
    );
}

#[test]
fn a_key_of_another_provider_is_an_error_that_names_its_provider() {
    let azure_key_on_openai = parse("id: x\nprovider: openai\nmodel: m\ndeployment: d\n").unwrap_err();
    assert!(
        azure_key_on_openai.contains("reviewer `x`: `deployment` is a key of provider azure, not of openai"),
        "{azure_key_on_openai}"
    );
    let replay_key_on_azure = parse(
        "id: x\nprovider: azure\nbase_url: https://r.openai.azure.com\ndeployment: d\napi_version: v\n\
         api_key_env: K\nreplay_dir: rec\n",
    )
    .unwrap_err();
    assert!(
        replay_key_on_azure.contains("`replay_dir` is a key of provider replay"),
        "{replay_key_on_azure}"
    );
    let base_url_on_replay =
        parse("id: x\nprovider: replay\nreplay_dir: rec\nbase_url: http://h/v1\n").unwrap_err();
    assert!(
        base_url_on_replay.contains("`base_url` is a key of provider openai and azure, not of replay"),
        "{base_url_on_replay}"
    );
}

#[test]
fn provider_fields_that_are_missing_or_wrong_say_what_to_write() {
    let no_deployment = parse(
        "id: az\nprovider: azure\nmodel: gpt-4o\nbase_url: https://r.openai.azure.com\napi_key_env: AZ_KEY\napi_version: v\n",
    )
    .unwrap_err();
    assert!(
        no_deployment.contains("reviewer `az`: `deployment` is required for azure (the deployment name"),
        "{no_deployment}"
    );
    let unknown = parse("id: x\nprovider: anthropic\nmodel: m\n").unwrap_err();
    assert!(
        unknown.contains("unknown provider `anthropic` (known: openai, azure, replay")
            && !unknown.contains("canned"),
        "{unknown}"
    );
    let wrong_type = parse("id: x\nprovider: openai\nmodel: m\nconcurrency: many\n").unwrap_err();
    assert!(
        wrong_type.contains("`concurrency` has the wrong type"),
        "{wrong_type}"
    );
    let key_inline = parse("id: x\nprovider: openai\nmodel: m\napi_key_env: \"sk-abc def\"\n").unwrap();
    assert!(key_inline.validate().unwrap_err().to_string().contains("*name*"));
    let ftp = parse("id: x\nprovider: openai\nmodel: m\nbase_url: ftp://h/v1\n").unwrap();
    assert!(
        ftp.validate()
            .unwrap_err()
            .to_string()
            .contains("http:// or https://")
    );
    let no_provider = parse("id: x\nmodel: m\n").unwrap_err();
    assert!(no_provider.contains("`provider` is required"), "{no_provider}");
}

#[test]
fn ids_are_lower_case_names_that_cannot_leave_the_cache_folder() {
    for bad in ["..", "a/b", "Codex", "gpt.5", "a b", "ü"] {
        let c = parse(&format!("id: \"{bad}\"\nprovider: openai\nmodel: m\n")).unwrap();
        let err = c.validate().unwrap_err().to_string();
        assert!(
            err.contains("may contain only lower-case letters, digits, `-` and `_`"),
            "{bad}: {err}"
        );
    }
    for good in ["codex", "opus-4", "gpt_5", "r2"] {
        parse(&format!("id: {good}\nprovider: openai\nmodel: m\n"))
            .unwrap()
            .validate()
            .unwrap();
    }
}

#[test]
fn a_configuration_round_trips_without_its_key_and_keeps_the_flat_shape() {
    // SAFETY: a variable only this test uses.
    unsafe { std::env::set_var("TURK_TEST_ROUNDTRIP_KEY", "sk-roundtrip-0123456789") };
    let c = parse(
        "id: az\nprovider: azure\nbase_url: https://r.openai.azure.com\ndeployment: d\napi_version: v\n\
         api_key_env: TURK_TEST_ROUNDTRIP_KEY\n",
    )
    .unwrap();
    let yaml = serde_yaml::to_string(&c).unwrap();
    assert!(
        yaml.contains("provider: azure\n") && yaml.contains("deployment: d\n"),
        "{yaml}"
    );
    assert!(!yaml.contains("sk-roundtrip"));
    assert_eq!(parse(&yaml).unwrap(), c);
}

#[test]
fn moving_a_reviewer_to_another_url_is_checked_like_the_file() {
    let c = parse("id: x\nprovider: openai\nmodel: m\n").unwrap();
    let moved = c.with_base_url("http://127.0.0.1:8080/v1").unwrap();
    assert_eq!(moved.endpoint(), "http://127.0.0.1:8080/v1");
    assert!(
        c.with_base_url("localhost:8080")
            .unwrap_err()
            .to_string()
            .contains("http://")
    );
    let replay = parse("id: r\nprovider: replay\nreplay_dir: rec\n").unwrap();
    assert!(
        replay
            .with_base_url("http://h/v1")
            .unwrap_err()
            .to_string()
            .contains("not of replay")
    );
}

#[test]
fn an_unset_or_empty_key_variable_is_found_before_anything_is_sent() {
    // SAFETY: variables only this test uses.
    unsafe {
        std::env::remove_var("TURK_TEST_PREFLIGHT_UNSET");
        std::env::set_var("TURK_TEST_PREFLIGHT_EMPTY", "  ");
        std::env::set_var("TURK_TEST_PREFLIGHT_SET", "sk-preflight-0123456789");
    }
    let with = |id: &str, var: &str| {
        parse(&format!(
            "id: {id}\nprovider: openai\nmodel: m\napi_key_env: {var}\n"
        ))
        .unwrap()
    };
    let unset = with("codex", "TURK_TEST_PREFLIGHT_UNSET");
    let empty = with("opus", "TURK_TEST_PREFLIGHT_EMPTY");
    let set = with("ok", "TURK_TEST_PREFLIGHT_SET");
    assert!(matches!(
        unset.check_ready(),
        Err(PreflightError::KeyNotSet { ref reviewer, ref var }) if reviewer == "codex" && var == "TURK_TEST_PREFLIGHT_UNSET"
    ));
    set.check_ready().unwrap();
    let all = preflight(&[unset, set.clone(), empty]).unwrap_err();
    assert_eq!(
        all.0.len(),
        2,
        "every reviewer that is not ready, not only the first"
    );
    let message = all.to_string();
    assert!(
        message.contains(
            "reviewer `codex`: environment variable TURK_TEST_PREFLIGHT_UNSET (api_key_env) is not set: export it"
        ),
        "{message}"
    );
    assert!(
        message.contains(
            "reviewer `opus`: environment variable TURK_TEST_PREFLIGHT_EMPTY (api_key_env) is empty"
        ),
        "{message}"
    );
    assert!(!message.contains("sk-preflight"));
    preflight(&[set]).unwrap();
}

#[test]
fn a_missing_or_empty_replay_folder_is_found_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let replay = |path: &std::path::Path| {
        parse(&format!(
            "id: rec\nprovider: replay\nreplay_dir: {}\n",
            path.display()
        ))
        .unwrap()
    };
    let missing = replay(&dir.path().join("nope"))
        .check_ready()
        .unwrap_err()
        .to_string();
    assert!(
        missing.contains("reviewer `rec`: replay_dir") && missing.contains("cannot be read"),
        "{missing}"
    );
    let empty = replay(dir.path()).check_ready().unwrap_err().to_string();
    assert!(empty.contains("holds no recorded answers"), "{empty}");
    std::fs::write(dir.path().join("a.json"), r#"{"findings": []}"#).unwrap();
    replay(dir.path()).check_ready().unwrap();
}
