//! `turk.yaml`: reviewers, the review scope, rule settings and the cache. Found in the audited repository's
//! root, or given with `--config`. Relative paths in it (`replay_dir`, `cache.dir`, `scope.profiles`) are
//! relative to the file.

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use turk_models::{ProviderConfig, ReviewerConfig};

/// File names looked for in the repository root, in order.
pub const CONFIG_NAMES: [&str; 2] = ["turk.yaml", ".turk.yaml"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The `reviewers:` list as written; None when turk.yaml has none (or there is no turk.yaml), and then the
    /// [`DEFAULT_REVIEWERS`] whose keys are set review.
    #[serde(default, rename = "reviewers")]
    written_reviewers: Option<Vec<ReviewerConfig>>,
    /// The reviewers of this run: the written ones, or the defaults.
    #[serde(skip)]
    pub reviewers: Vec<ReviewerConfig>,
    #[serde(default)]
    pub scope: ScopeConfig,
    #[serde(default)]
    pub rules: RulesConfig,
    #[serde(default)]
    pub scan: ScanConfig,
    #[serde(default)]
    pub cache: CacheConfig,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeConfig {
    /// Globs relative to the repository root; when set, they are the scope and no ranking happens.
    #[serde(default)]
    pub include: Vec<String>,
    /// How many files the automatic ranking keeps.
    #[serde(default = "default_max_files")]
    pub max_files: usize,
    /// Go pprof profiles of the code, relative to this file (`--profile` on the command line replaces them).
    #[serde(default)]
    pub profiles: Vec<PathBuf>,
    /// The sample type read from the profiles that record it (`--profile-sample` replaces it).
    #[serde(default)]
    pub profile_sample: Option<String>,
}

impl Default for ScopeConfig {
    fn default() -> Self {
        ScopeConfig {
            include: Vec::new(),
            max_files: default_max_files(),
            profiles: Vec::new(),
            profile_sample: None,
        }
    }
}

fn default_max_files() -> usize {
    15
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesConfig {
    /// Rule ids or families never run.
    #[serde(default)]
    pub skip: Vec<String>,
    /// Rule ids or families run besides the default tiers: style rules (in `turk scan` and the audit).
    #[serde(default)]
    pub enable: Vec<String>,
}

/// How the static pass reads the repository. A missing section is all `false`, as a missing key is.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScanConfig {
    /// Report findings in test code too (`--tests`), in `turk scan` and the audit.
    #[serde(default)]
    pub tests: bool,
    /// `turk scan` runs every rule, style rules included (`--all`).
    #[serde(default)]
    pub all: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CacheConfig {
    /// Where model answers are cached; default: `$XDG_CACHE_HOME/turk` or `~/.cache/turk`.
    pub dir: Option<PathBuf>,
    /// `false` turns the cache off (like `--no-cache`).
    #[serde(default = "yes")]
    pub enabled: bool,
}

fn yes() -> bool {
    true
}

/// The same as an empty `cache:` section: on, in the default folder. (A derived `Default` would turn the cache
/// off whenever turk.yaml has no `cache:` section.)
impl Default for CacheConfig {
    fn default() -> Self {
        CacheConfig {
            dir: None,
            enabled: yes(),
        }
    }
}

/// A loaded configuration and where it came from.
pub struct Loaded {
    pub config: Config,
    pub path: Option<PathBuf>,
    /// How the reviewers were chosen when turk.yaml does not list them (the defaults, by the keys that are set).
    pub reviewers_note: Option<String>,
}

/// A reviewer used when turk.yaml has no `reviewers:` list and its key variable is set.
pub struct DefaultReviewer {
    pub id: &'static str,
    pub label: &'static str,
    pub base_url: &'static str,
    pub model: &'static str,
    pub key_env: &'static str,
}

/// The two default reviewers: a new user with the two keys gets the whole dual review without writing turk.yaml.
pub const DEFAULT_REVIEWERS: [DefaultReviewer; 2] = [
    DefaultReviewer {
        id: "codex",
        label: "GPT-5.3-Codex",
        base_url: "https://api.openai.com/v1",
        model: "gpt-5.3-codex",
        key_env: "OPENAI_API_KEY",
    },
    DefaultReviewer {
        id: "opus",
        label: "Claude Opus 4.6",
        base_url: "https://api.anthropic.com/v1",
        model: "claude-opus-4-6",
        key_env: "ANTHROPIC_API_KEY",
    },
];

/// The default reviewers whose key variable is set, and a line saying which were taken.
fn default_reviewers() -> (Vec<ReviewerConfig>, String) {
    let set = |name: &str| std::env::var(name).is_ok_and(|v| !v.trim().is_empty());
    let mut reviewers = Vec::new();
    let mut words = Vec::new();
    for d in &DEFAULT_REVIEWERS {
        if set(d.key_env) {
            let yaml = format!(
                "id: {}\nlabel: {}\nprovider: openai\nbase_url: {}\nmodel: {}\napi_key_env: {}\n",
                d.id, d.label, d.base_url, d.model, d.key_env
            );
            reviewers.push(serde_yaml::from_str(&yaml).expect("the default reviewers are valid"));
            words.push(format!("{} ({} is set)", d.id, d.key_env));
        } else {
            words.push(format!("not {} ({} is not set)", d.id, d.key_env));
        }
    }
    let note = format!(
        "reviewers: none listed in turk.yaml; the defaults: {}",
        words.join(", ")
    );
    (reviewers, note)
}

/// Loads `explicit`, or the first of [`CONFIG_NAMES`] in `root`, or the defaults when there is none.
pub fn load(root: &Path, explicit: Option<&Path>) -> Result<Loaded> {
    let path = match explicit {
        Some(path) => {
            if !path.is_file() {
                bail!("{}: no such configuration file", path.display());
            }
            Some(path.to_path_buf())
        }
        None => CONFIG_NAMES.iter().map(|n| root.join(n)).find(|p| p.is_file()),
    };
    let Some(path) = path else {
        let mut config = Config::default();
        let note = settle_reviewers(&mut config, Path::new("turk.yaml"), Path::new("."))?;
        return Ok(Loaded {
            config,
            path: None,
            reviewers_note: note,
        });
    };
    let text = std::fs::read_to_string(&path).with_context(|| format!("{}: cannot read", path.display()))?;
    let mut config: Config =
        serde_yaml::from_str(&text).with_context(|| format!("{}: invalid configuration", path.display()))?;
    let base = path.parent().unwrap_or(Path::new("."));
    for (key, selectors) in [
        ("rules.skip", &config.rules.skip),
        ("rules.enable", &config.rules.enable),
    ] {
        // Checked here, where the file can be named: the analyzer's own error would not say where the id came from.
        turk_go::Analyzer::select(&[], selectors).with_context(|| format!("{}: {key}", path.display()))?;
    }
    let reviewers_note = settle_reviewers(&mut config, &path, base)?;
    if let Some(dir) = &config.cache.dir
        && dir.is_relative()
    {
        config.cache.dir = Some(base.join(dir));
    }
    for profile in &mut config.scope.profiles {
        if profile.is_relative() {
            *profile = base.join(&*profile);
        }
    }
    Ok(Loaded {
        config,
        path: Some(path),
        reviewers_note,
    })
}

/// The run's reviewers: the written list (paths made relative to the file, checked, with environment overrides),
/// or the defaults. Every reviewer redacts every configured key.
fn settle_reviewers(config: &mut Config, path: &Path, base: &Path) -> Result<Option<String>> {
    let (mut reviewers, note) = match config.written_reviewers.take() {
        Some(list) => (list, None),
        None => {
            let (list, note) = default_reviewers();
            (list, Some(note))
        }
    };
    for reviewer in &mut reviewers {
        if let ProviderConfig::Replay(replay) = &mut reviewer.provider
            && replay.replay_dir.is_relative()
        {
            replay.replay_dir = base.join(&replay.replay_dir);
        }
        reviewer
            .validate()
            .with_context(|| format!("{}: invalid configuration", path.display()))?;
        apply_env_overrides(reviewer)?;
    }
    let mut ids: Vec<&str> = reviewers.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    if let Some(dup) = ids.windows(2).find(|w| w[0] == w[1]) {
        bail!("{}: two reviewers have the id `{}`", path.display(), dup[0]);
    }
    // Any reviewer's answer might echo any configured key (a shared proxy, a model steered by the code): each
    // reviewer redacts them all.
    let key_vars: Vec<String> = reviewers
        .iter()
        .filter_map(|r| r.api_key_env().map(str::to_string))
        .collect();
    for reviewer in &mut reviewers {
        reviewer.redact_env = key_vars.clone();
    }
    config.reviewers = reviewers;
    Ok(note)
}

/// `TURK_REVIEWER_<ID>_MODEL` and `TURK_REVIEWER_<ID>_BASE_URL` override a reviewer's model and endpoint, so a
/// CI job can point the same `turk.yaml` at another deployment. An empty variable counts as unset. A bad value is
/// blamed on the variable, not on the file.
fn apply_env_overrides(reviewer: &mut ReviewerConfig) -> Result<()> {
    let prefix = format!(
        "TURK_REVIEWER_{}_",
        reviewer.id.to_ascii_uppercase().replace('-', "_")
    );
    let set = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let model_var = format!("{prefix}MODEL");
    if let Some(model) = set(&model_var) {
        reviewer.model = model.trim().to_string();
    }
    let url_var = format!("{prefix}BASE_URL");
    if let Some(url) = set(&url_var) {
        *reviewer = reviewer
            .with_base_url(url.trim())
            .with_context(|| format!("environment variable {url_var}"))?;
    }
    Ok(())
}

/// Checks, before anything is sent, that every reviewer's key variable is set and not empty and every replay
/// folder is readable and holds answers. The message names each reviewer, variable or folder; never a key.
/// Runs on the selected reviewers only (`--reviewer`), so it is the audit command's call, not part of [`load`].
pub fn preflight(reviewers: &[ReviewerConfig]) -> Result<()> {
    turk_models::preflight(reviewers).map_err(|errors| {
        let count = errors.0.len();
        anyhow::anyhow!(
            "{} not ready, nothing was sent:\n{errors}",
            if count == 1 {
                "a reviewer is".to_string()
            } else {
                format!("{count} reviewers are")
            }
        )
    })
}

/// The cache folder: `TURK_CACHE_DIR`, then the configured one, then the user's cache folder.
pub fn cache_dir(config: &Config) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("TURK_CACHE_DIR") {
        return Some(PathBuf::from(dir));
    }
    if let Some(dir) = &config.cache.dir {
        return Some(dir.clone());
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("turk"))
}

/// One line per reviewer for messages: `codex (GPT-5.3-Codex, openai gpt-5.3-codex)`, or `codex (openai
/// gpt-5.3-codex)` when the label is the id.
pub fn describe(reviewer: &ReviewerConfig) -> String {
    let provider = reviewer.provider.kind();
    let label = reviewer.display_label();
    if label == reviewer.id {
        format!("{} ({provider} {})", reviewer.id, reviewer.model)
    } else {
        format!("{} ({label}, {provider} {})", reviewer.id, reviewer.model)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Loads `yaml` as turk.yaml from a fresh folder.
    fn load_yaml(yaml: &str) -> (tempfile::TempDir, Result<Loaded>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("turk.yaml"), yaml).unwrap();
        let loaded = load(dir.path(), None);
        (dir, loaded)
    }

    #[test]
    fn scan_and_rules_sections_default_to_off_when_missing() {
        let (_dir, loaded) = load_yaml("scope:\n  max_files: 3\n");
        let config = loaded.unwrap().config;
        assert!(!config.scan.tests && !config.scan.all);
        assert!(config.rules.enable.is_empty() && config.rules.skip.is_empty());
        let none = load(tempfile::tempdir().unwrap().path(), None).unwrap().config;
        assert!(!none.scan.tests && !none.scan.all && none.rules.enable.is_empty());

        let (_dir, loaded) =
            load_yaml("scan:\n  tests: true\nrules:\n  enable: [fmt/format-without-verbs]\n");
        let config = loaded.unwrap().config;
        assert!(config.scan.tests && !config.scan.all);
        assert_eq!(config.rules.enable, ["fmt/format-without-verbs"]);

        let (dir, loaded) = load_yaml("scan:\n  test: true\n");
        let err = format!("{:#}", loaded.err().unwrap());
        assert!(
            err.starts_with(&dir.path().join("turk.yaml").display().to_string()),
            "{err}"
        );
        assert!(err.contains("unknown field `test`"), "{err}");
    }

    #[test]
    fn a_bad_base_url_override_is_blamed_on_the_variable() {
        // SAFETY: variables only this test uses (the reviewer id is unique to it).
        unsafe { std::env::set_var("TURK_REVIEWER_ENVBLAME_BASE_URL", "ftp://proxy/v1") };
        let (_dir, loaded) = load_yaml("reviewers:\n  - id: envblame\n    provider: openai\n    model: m\n");
        let err = format!("{:#}", loaded.err().unwrap());
        assert!(
            err.starts_with(
                "environment variable TURK_REVIEWER_ENVBLAME_BASE_URL: reviewer `envblame`: `base_url`"
            ),
            "{err}"
        );
        assert!(!err.contains("turk.yaml"), "{err}");

        unsafe { std::env::set_var("TURK_REVIEWER_ENVBLAME_BASE_URL", "http://127.0.0.1:8080/v1") };
        let (_dir, loaded) = load_yaml("reviewers:\n  - id: envblame\n    provider: openai\n    model: m\n");
        let reviewer = &loaded.unwrap().config.reviewers[0];
        assert_eq!(reviewer.endpoint(), "http://127.0.0.1:8080/v1");
        unsafe { std::env::set_var("TURK_REVIEWER_ENVBLAME_BASE_URL", "") };
        let (_dir, loaded) = load_yaml("reviewers:\n  - id: envblame\n    provider: openai\n    model: m\n");
        assert_eq!(
            loaded.unwrap().config.reviewers[0].endpoint(),
            turk_models::DEFAULT_OPENAI_BASE_URL,
            "an empty variable counts as unset"
        );
    }

    #[test]
    fn file_mistakes_are_blamed_on_the_file() {
        let (dir, loaded) = load_yaml("reviewers:\n  - id: \"..\"\n    provider: openai\n    model: m\n");
        let err = format!("{:#}", loaded.err().unwrap());
        assert!(
            err.starts_with(&dir.path().join("turk.yaml").display().to_string()),
            "{err}"
        );
        assert!(
            err.contains("reviewer `..`: `id` may contain only lower-case letters"),
            "{err}"
        );
        let (_dir, loaded) =
            load_yaml("reviewers:\n  - id: a\n    provider: openai\n    model: m\n    deployment: d\n");
        let err = format!("{:#}", loaded.err().unwrap());
        assert!(
            err.contains("`deployment` is a key of provider azure, not of openai"),
            "{err}"
        );
    }

    #[test]
    fn every_reviewer_redacts_every_configured_key_and_replay_folders_are_relative_to_the_file() {
        let (dir, loaded) = load_yaml(
            "reviewers:\n  - id: one\n    provider: openai\n    model: m\n    api_key_env: KEY_ONE\n\
             \x20 - id: two\n    provider: replay\n    replay_dir: recorded\n\
             \x20 - id: three\n    provider: azure\n    base_url: https://r.openai.azure.com\n    deployment: d\n\
             \x20   api_version: v\n    api_key_env: KEY_THREE\n",
        );
        let reviewers = loaded.unwrap().config.reviewers;
        for r in &reviewers {
            assert_eq!(r.redact_env, ["KEY_ONE", "KEY_THREE"], "{}", r.id);
        }
        let ProviderConfig::Replay(replay) = &reviewers[1].provider else {
            panic!("{:?}", reviewers[1]);
        };
        assert_eq!(replay.replay_dir, dir.path().join("recorded"));
    }

    #[test]
    fn a_reviewer_without_a_label_is_described_by_its_id_once() {
        let (_dir, loaded) = load_yaml(
            "reviewers:\n  - id: codex\n    provider: openai\n    model: gpt-5.3-codex\n\
             \x20 - id: opus\n    label: Claude Opus 4.6\n    provider: openai\n    model: claude-opus-4-6\n",
        );
        let reviewers = loaded.unwrap().config.reviewers;
        assert_eq!(describe(&reviewers[0]), "codex (openai gpt-5.3-codex)");
        assert_eq!(
            describe(&reviewers[1]),
            "opus (Claude Opus 4.6, openai claude-opus-4-6)"
        );
    }

    #[test]
    fn preflight_names_every_reviewer_that_is_not_ready_and_no_key() {
        // SAFETY: variables only this test uses.
        unsafe {
            std::env::remove_var("TURK_TEST_CFG_PREFLIGHT_MISSING");
            std::env::set_var("TURK_TEST_CFG_PREFLIGHT_SET", "sk-cfg-preflight-0123456789");
        }
        let (_dir, loaded) = load_yaml(
            "reviewers:\n  - id: codex\n    provider: openai\n    model: m\n    api_key_env: TURK_TEST_CFG_PREFLIGHT_MISSING\n\
             \x20 - id: fine\n    provider: openai\n    model: m\n    api_key_env: TURK_TEST_CFG_PREFLIGHT_SET\n\
             \x20 - id: rec\n    provider: replay\n    replay_dir: nowhere\n",
        );
        let reviewers = loaded.unwrap().config.reviewers;
        let err = preflight(&reviewers).unwrap_err().to_string();
        assert!(
            err.starts_with("2 reviewers are not ready, nothing was sent:\n"),
            "{err}"
        );
        assert!(
            err.contains("reviewer `codex`: environment variable TURK_TEST_CFG_PREFLIGHT_MISSING"),
            "{err}"
        );
        assert!(err.contains("reviewer `rec`: replay_dir"), "{err}");
        assert!(!err.contains("fine") && !err.contains("sk-cfg"), "{err}");
        preflight(&reviewers[1..2]).unwrap();
    }
}
