//! Audits with profiles, on testdata/profiles/ledger: a Go module whose benchmark spends 77% of its CPU in
//! `digest.Sum`, a function the syntax ranks last. With its real profiles the file of `Sum` leads the scope, its
//! reason quotes the share, and the static finding in `Sum` rises a priority saying why; a finding the syntax
//! raised in a function the profile shows cold goes back to its rule's priority; and without a profile nothing
//! changes.

use std::path::{Path, PathBuf};
use turk_audit::{AuditError, AuditSettings, Prepared, prepare};
use turk_findings::{Finding, Priority};
use turk_run::PhaseStatus;
use turk_testgit::git_in;

const DIGEST: &str = "internal/digest/digest.go";
const RUNE_CONVERSION: &str = "alloc/range-over-rune-conversion";

fn ledger() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/profiles/ledger")
}

fn prepared(root: &Path, profiles: &[&str], sample: Option<&str>) -> Prepared {
    try_prepare(root, profiles, sample).unwrap_or_else(|e| panic!("{e}"))
}

fn try_prepare(root: &Path, profiles: &[&str], sample: Option<&str>) -> Result<Prepared, AuditError> {
    let mut settings = AuditSettings::new(root);
    settings.scope.profiles = profiles.iter().map(|p| ledger().join(p)).collect();
    settings.scope.profile_sample = sample.map(str::to_string);
    prepare(&settings, &|_| {})
}

fn finding<'a>(prepared: &'a Prepared, rule: &str) -> &'a Finding {
    prepared
        .scan
        .findings()
        .find(|f| f.origin.id() == rule)
        .unwrap_or_else(|| panic!("no {rule} finding"))
}

fn order(prepared: &Prepared) -> Vec<&str> {
    prepared.scope.iter().map(|e| e.path.as_str()).collect()
}

#[test]
fn without_a_profile_the_ranking_and_the_findings_are_the_syntaxs() {
    let plain = prepared(&ledger(), &[], None);
    assert_eq!(
        order(&plain),
        [
            "internal/store/cache.go",
            "internal/api/handler.go",
            "ledger.go",
            DIGEST
        ],
        "by syntax, the file that burns the CPU comes last"
    );
    let rune = finding(&plain, RUNE_CONVERSION);
    assert_eq!((rune.priority, rune.because.as_str()), (Priority::P2, ""));
    assert!(
        plain
            .scope
            .iter()
            .all(|e| e.profile.is_empty() && !e.reason.contains("profile"))
    );
    assert!(plain.profiles.is_empty() && plain.profile_phases.is_empty());
}

#[test]
fn a_cpu_profile_puts_the_hot_file_first_quotes_it_and_raises_its_finding() {
    let with = prepared(&ledger(), &["cpu.pprof"], None);
    assert_eq!(order(&with)[0], DIGEST);
    // The rest keep the syntactic order.
    assert_eq!(
        order(&with)[1..],
        ["internal/store/cache.go", "internal/api/handler.go", "ledger.go"]
    );
    let digest = &with.scope[0];
    assert!(
        digest
            .reason
            .starts_with("profile: 77% of CPU attributed (28% flat, 77% cum), hottest: Sum; loops"),
        "{}",
        digest.reason
    );
    let cpu = &digest.profile[0];
    assert_eq!(cpu.sample_type, "cpu");
    let sum = &cpu.functions[0];
    assert_eq!(
        (sum.name.as_str(), sum.start_line, sum.end_line, sum.hot),
        ("Sum", Some(8), Some(15), true)
    );
    assert_eq!(cpu.lines[0].line, 10, "the []rune conversion is the hottest line");
    // A file the profile reaches but does not lead says so last.
    let ledger_entry = with.scope.iter().find(|e| e.path == "ledger.go").unwrap();
    assert!(
        ledger_entry
            .reason
            .ends_with("; profile: 1.9% of CPU attributed (0.0% flat, 80% cum), hottest: (*Ledger).Export"),
        "{}",
        ledger_entry.reason
    );
    assert!(!ledger_entry.profile[0].functions[0].hot);

    let rune = finding(&with, RUNE_CONVERSION);
    assert_eq!(rune.span.start_line, 10);
    assert_eq!(
        rune.priority,
        Priority::P1,
        "P2 by its rule, one up for the profile"
    );
    assert_eq!(rune.because, "`Sum` holds 77% of CPU in the profile");
    // The reviewers get the finding as it now is.
    assert!(
        with.input
            .hints
            .iter()
            .any(|h| h.origin.id() == RUNE_CONVERSION && h.priority == Priority::P1)
    );

    let [source] = with.profiles.as_slice() else {
        panic!("one profile: {:?}", with.profiles)
    };
    assert_eq!(
        (source.kind.as_str(), source.sample_type.as_str()),
        ("CPU", "cpu")
    );
    assert_eq!((source.raised, source.kept_down), (1, 0));
    let phase = &with.profile_phases[0];
    assert_eq!(phase.status, PhaseStatus::Done);
    assert!(
        phase
            .detail
            .contains("first in the scope: internal/digest/digest.go")
            && phase.detail.contains("static findings raised: 1"),
        "{}",
        phase.detail
    );
    assert!(
        with.scope_phase
            .detail
            .ends_with("; the files a profile shows hot first")
    );
}

#[test]
fn profiles_of_another_checkout_and_of_a_trimpath_build_map_the_same() {
    for profile in ["cpu-other-checkout.pprof", "cpu-trimpath.pprof"] {
        let with = prepared(&ledger(), &[profile], None);
        assert_eq!(order(&with)[0], DIGEST, "{profile}");
        assert!(with.scope[0].reason.starts_with("profile: "), "{profile}");
        let rune = finding(&with, RUNE_CONVERSION);
        assert_eq!(rune.priority, Priority::P1, "{profile}");
        assert!(
            rune.because.starts_with("`Sum` holds "),
            "{profile}: {}",
            rune.because
        );
        assert!(with.warnings.is_empty(), "{profile}: {:?}", with.warnings);
    }
}

#[test]
fn a_heap_profile_raises_the_allocation_findings_it_covers() {
    let with = prepared(&ledger(), &["mem.pprof"], None);
    assert_eq!(order(&with)[0], DIGEST);
    assert!(
        with.scope[0]
            .reason
            .starts_with("profile: 99% of alloc_space attributed"),
        "{}",
        with.scope[0].reason
    );
    let rune = finding(&with, RUNE_CONVERSION);
    assert_eq!(rune.priority, Priority::P1);
    assert_eq!(rune.because, "`Sum` holds 99% of alloc_space in the profile");
    assert_eq!(with.profiles[0].kind, "heap");

    // Another sample type of the same profile, asked for by name.
    let objects = prepared(&ledger(), &["mem.pprof"], Some("alloc_objects"));
    assert_eq!(objects.profiles[0].sample_type, "alloc_objects");
}

#[test]
fn a_cpu_and_a_heap_profile_both_count_and_the_finding_rises_once() {
    let with = prepared(&ledger(), &["cpu.pprof", "mem.pprof"], None);
    let samples: Vec<&str> = with.scope[0]
        .profile
        .iter()
        .map(|p| p.sample_type.as_str())
        .collect();
    assert_eq!(samples, ["cpu", "alloc_space"]);
    assert!(
        with.scope[0].reason.starts_with(
            "profile: 77% of CPU attributed (28% flat, 77% cum), hottest: Sum; 99% of alloc_space attributed"
        ),
        "{}",
        with.scope[0].reason
    );
    let rune = finding(&with, RUNE_CONVERSION);
    assert_eq!(rune.priority, Priority::P1, "one priority, however many profiles");
    assert_eq!(
        rune.because,
        "`Sum` holds 77% of CPU and 99% of alloc_space in the profiles"
    );
    // --profile-sample applies to the profiles that record it; the CPU profile keeps `cpu`.
    let objects = prepared(&ledger(), &["cpu.pprof", "mem.pprof"], Some("alloc_objects"));
    let samples: Vec<&str> = objects.profiles.iter().map(|p| p.sample_type.as_str()).collect();
    assert_eq!(samples, ["cpu", "alloc_objects"]);
}

#[test]
fn two_cpu_profiles_add_up_into_one() {
    let with = prepared(&ledger(), &["cpu.pprof", "cpu-other-checkout.pprof"], None);
    let [source] = with.profiles.as_slice() else {
        panic!("one CPU profile of both: {:?}", with.profiles)
    };
    assert_eq!(source.files.len(), 2);
    assert!(
        with.profile_phases[0].name.contains("cpu.pprof + "),
        "{}",
        with.profile_phases[0].name
    );
    assert_eq!(with.scope[0].profile.len(), 1);
    assert_eq!(order(&with)[0], DIGEST);
}

/// The ledger with a method the benchmark never calls added to the cache's file, whose finding the syntax raises
/// (a loop over the entries): the CPU profile reaches the file but not the method.
fn ledger_with_a_cold_method() -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    for file in [
        "go.mod",
        "ledger.go",
        "ledger_test.go",
        "internal/api/handler.go",
        DIGEST,
        "internal/store/cache.go",
    ] {
        let to = copy.path().join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(ledger().join(file), to).unwrap();
    }
    let cache = copy.path().join("internal/store/cache.go");
    let text = std::fs::read_to_string(&cache).unwrap();
    // An import added on the line of another keeps every line of the profiled functions where it was.
    let text = text.replacen("\t\"sync\"\n", "\t\"regexp\"; \"sync\"\n", 1)
        + "\n// Dated returns the cached lines whose id starts with a date.\n\
           func (c *Cache) Dated() []string {\n\
           \tc.mu.Lock()\n\tdefer c.mu.Unlock()\n\tvar out []string\n\
           \tfor id, e := range c.entries {\n\
           \t\tif regexp.MustCompile(`^[0-9]{4}-[0-9]{2}`).MatchString(id) {\n\
           \t\t\tout = append(out, e.line)\n\t\t}\n\t}\n\treturn out\n}\n";
    std::fs::write(cache, text).unwrap();
    copy
}

#[test]
fn a_finding_in_a_function_the_profile_shows_cold_does_not_rise() {
    let copy = ledger_with_a_cold_method();
    let plain = prepared(copy.path(), &[], None);
    let raised = finding(&plain, "regexp/compile-in-func");
    assert_eq!(raised.priority, Priority::P1, "raised by syntax: in a loop");
    let because = raised.because.clone();

    let with = prepared(copy.path(), &["cpu.pprof"], None);
    let kept = finding(&with, "regexp/compile-in-func");
    assert_eq!(kept.priority, Priority::P2, "back to its rule's priority");
    assert_eq!(
        kept.because,
        format!("{because}, but the profile shows `Cache.Dated` cold (0.0% of CPU): not raised")
    );
    assert_eq!(with.profiles[0].kept_down, 1);
    // The finding in the hot function still rises.
    assert_eq!(finding(&with, RUNE_CONVERSION).priority, Priority::P1);

    // Only a profile that reaches the file judges its functions: the heap profile never reaches the cache's.
    let heap = prepared(copy.path(), &["mem.pprof"], None);
    assert_eq!(finding(&heap, "regexp/compile-in-func").priority, Priority::P1);
}

#[test]
fn a_bad_profile_stops_the_audit_with_the_file_and_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("cpu.txt");
    std::fs::write(&text, "--- contention:\ncycles/second=1000000000\n").unwrap();
    let missing = dir.path().join("missing.pprof");
    for (path, problem) in [
        (&text, "not a pprof profile: this is text"),
        (&missing, "cannot read the profile"),
    ] {
        let mut settings = AuditSettings::new(ledger());
        settings.scope.profiles = vec![path.clone()];
        let err = prepare(&settings, &|_| {}).unwrap_err().to_string();
        assert!(
            err.starts_with(&path.display().to_string()) && err.contains(problem),
            "{err}"
        );
    }
    let err = try_prepare(&ledger(), &["cpu.pprof"], Some("inuse_space"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(
            "cpu.pprof: the profile has no sample type `inuse_space` (it has samples/count, cpu/nanoseconds)"
        ),
        "{err}"
    );
    let err = try_prepare(&ledger(), &["cpu.pprof", "mem.pprof"], Some("delay"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("no sample type `delay`"), "{err}");
}

#[test]
fn a_profile_of_other_code_is_a_warning_and_ranks_nothing() {
    // The ledger's profile against another module: no sample reaches its files.
    let other = tempfile::tempdir().unwrap();
    std::fs::write(
        other.path().join("go.mod"),
        "module example.com/shop\n\ngo 1.22\n",
    )
    .unwrap();
    std::fs::write(
        other.path().join("poll.go"),
        "package shop\n\nimport \"time\"\n\nfunc Poll(jobs <-chan int) {\n\tfor {\n\t\tselect {\n\t\tcase <-jobs:\n\
         \t\tcase <-time.After(time.Second):\n\t\t\treturn\n\t\t}\n\t}\n}\n",
    )
    .unwrap();
    let plain = prepared(other.path(), &[], None);
    let with = prepared(other.path(), &["cpu.pprof"], None);
    assert_eq!(order(&with), order(&plain));
    assert_eq!(with.scope[0].reason, plain.scope[0].reason);
    assert_eq!(
        with.scan.findings().collect::<Vec<_>>(),
        plain.scan.findings().collect::<Vec<_>>()
    );
    assert!(
        with.warnings
            .iter()
            .any(|w| w.contains("cpu.pprof: no cpu reaches a Go file of")),
        "{:?}",
        with.warnings
    );
    assert_eq!(with.profile_phases[0].status, PhaseStatus::Partial);
}

#[test]
fn a_pinned_scope_keeps_its_order_and_says_what_the_profile_says_first() {
    let mut settings = AuditSettings::new(ledger());
    settings.scope.include = vec!["ledger.go".into(), "internal/digest/*.go".into()];
    settings.scope.profiles = vec![ledger().join("cpu.pprof")];
    let with = prepare(&settings, &|_| {}).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(order(&with), [DIGEST, "ledger.go"], "path order, as pinned");
    for entry in &with.scope {
        assert!(
            entry.reason.starts_with("profile: ") && entry.reason.ends_with("; pinned in configuration"),
            "{}",
            entry.reason
        );
    }
    assert!(!with.profile_phases[0].detail.contains("first in the scope"));
}

#[test]
fn in_an_audit_of_a_change_the_profile_orders_the_changed_files_only() {
    let copy = ledger_with_a_cold_method();
    let dir = copy.path();
    git_in(dir, &["init", "-q", "-b", "main"]);
    git_in(dir, &["config", "user.name", "Dev"]);
    git_in(dir, &["config", "user.email", "dev@example.com"]);
    git_in(dir, &["add", "."]);
    git_in(dir, &["commit", "-q", "-m", "ledger"]);
    // A line added at the end of a file: the profiled lines stay where they were.
    let change = |file: &str| {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap() + "\n// Changed.\n";
        std::fs::write(path, text).unwrap();
    };
    change("ledger.go");
    change("internal/store/cache.go");
    let mut settings = AuditSettings::new(dir);
    settings.since = Some("HEAD".into());
    settings.scope.profiles = vec![ledger().join("cpu.pprof")];
    let audit = || prepare(&settings, &|_| {}).unwrap_or_else(|e| panic!("{e}"));
    let with = audit();
    assert_eq!(
        order(&with),
        ["internal/store/cache.go", "ledger.go"],
        "the digest leads the profile but did not change"
    );
    assert!(with.scope.iter().all(|e| e.reason.contains("profile: ")));
    // The digest's finding the profile raises is not on a changed line: it is neither reported nor counted.
    assert!(with.scan.findings().all(|f| f.span.path != DIGEST));
    assert_eq!((with.profiles[0].raised, with.profiles[0].kept_down), (0, 0));
    change(DIGEST);
    let changed = audit();
    assert_eq!(order(&changed), [DIGEST, "internal/store/cache.go", "ledger.go"]);
    for entry in &changed.scope {
        assert!(
            entry.reason.contains("; 2 lines changed") && !entry.reason.contains("; ;"),
            "{}: {}",
            entry.path,
            entry.reason
        );
    }
    // The digest alone changed: in scope for its profile, its reason is the profile's and the change's.
    git_in(dir, &["commit", "-q", "-a", "-m", "changes"]);
    change(DIGEST);
    let digest_only = audit();
    assert_eq!(order(&digest_only), [DIGEST]);
    let reason = &digest_only.scope[0].reason;
    assert!(
        reason.starts_with("profile: ") && reason.ends_with("; 2 lines changed") && !reason.contains("; ;"),
        "{reason}"
    );
}
