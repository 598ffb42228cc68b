//! `turk profile` end to end through the binary, on the profiles committed beside testdata/profiles/ledger:
//! the text and JSON output (snapshotted; the profiles are fixed), the mapping from another checkout path, the
//! defaults, the sample type option, and the errors and warnings a user must see.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const LEDGER: &str = "testdata/profiles/ledger";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn turk_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_turk"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("turk runs")
}

fn turk(args: &[&str]) -> Output {
    turk_in(&repo_root(), args)
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("turk exited normally")
}

fn json(args: &[&str]) -> Value {
    let out = turk(args);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn profile(name: &str) -> String {
    format!("{LEDGER}/{name}")
}

fn file_paths(report: &Value) -> Vec<String> {
    let mut paths: Vec<String> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    paths.sort();
    paths
}

/// A copy of the ledger module (sources and go.mod, no profiles) in a temporary folder.
fn ledger_copy(skip: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = repo_root().join(LEDGER);
    for file in [
        "go.mod",
        "ledger.go",
        "ledger_test.go",
        "internal/api/handler.go",
        "internal/digest/digest.go",
        "internal/store/cache.go",
    ] {
        if skip.iter().any(|s| file.starts_with(s)) {
            continue;
        }
        let to = dir.path().join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from.join(file), to).unwrap();
    }
    dir
}

#[test]
fn text_shows_the_hot_file_and_what_fell_outside() {
    let out = turk(&["profile", &profile("cpu.pprof"), "--repo", LEDGER, "--top", "5"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "a profile that maps raises no warning");
    let text = stdout(&out);
    insta::assert_snapshot!("ledger_cpu_text", text);
}

#[test]
fn json_is_the_profile_report() {
    let args = [
        "profile",
        &profile("mem.pprof"),
        "--repo",
        LEDGER,
        "--top",
        "3",
        "--format",
        "json",
    ];
    let report = json(&args);
    assert_eq!(report["version"], 1);
    assert_eq!(report["kind"], "heap");
    assert_eq!(
        report["sample_type"]["name"], "alloc_space",
        "heap profiles default to alloc_space"
    );
    assert_eq!(report["files"][0]["path"], "internal/digest/digest.go");
    assert_eq!(report["files"][0]["functions"][0]["short_name"], "Sum");
    assert!(report["files"].as_array().unwrap().len() <= 3);
    insta::assert_json_snapshot!("ledger_mem_json", report);
}

#[test]
fn a_profile_from_another_checkout_maps_to_the_same_files() {
    let here = json(&[
        "profile",
        &profile("cpu.pprof"),
        "--repo",
        LEDGER,
        "--format",
        "json",
    ]);
    let elsewhere = json(&[
        "profile",
        &profile("cpu-other-checkout.pprof"),
        "--repo",
        LEDGER,
        "--format",
        "json",
    ]);
    let trimpath = json(&[
        "profile",
        &profile("cpu-trimpath.pprof"),
        "--repo",
        LEDGER,
        "--format",
        "json",
    ]);
    for report in [&here, &elsewhere, &trimpath] {
        assert_eq!(report["files"][0]["path"], "internal/digest/digest.go");
        for path in ["internal/digest/digest.go", "ledger.go", "ledger_test.go"] {
            assert!(file_paths(report).contains(&path.to_string()), "{path}: {report}");
        }
    }
    let profile_file = &elsewhere["files"][0]["profile_files"][0];
    assert!(
        profile_file
            .as_str()
            .unwrap()
            .ends_with("/elsewhere/src/ledger-copy/internal/digest/digest.go"),
        "{profile_file}"
    );
    assert_ne!(profile_file, &here["files"][0]["profile_files"][0]);
}

#[test]
fn defaults_map_onto_the_current_folder_with_or_without_a_config_file() {
    let ledger = repo_root().join(LEDGER);
    let plain = turk_in(&ledger, &["profile", "cpu.pprof"]);
    assert_eq!(code(&plain), 0, "{}", stderr(&plain));
    let text = stdout(&plain);
    assert!(
        text.contains("Repository:  .: 5 Go files; module example.com/ledger in ."),
        "{text}"
    );
    assert!(
        text.contains("Sample type: cpu/nanoseconds, total 3.65 s"),
        "{text}"
    );
    let first_file = text
        .lines()
        .skip_while(|l| !l.starts_with("Files"))
        .nth(2)
        .unwrap();
    assert!(first_file.contains("internal/digest/digest.go"), "{first_file}");

    // turk.yaml configures audits; `turk profile` reads none, so a config file changes nothing.
    let copy = ledger_copy(&[]);
    std::fs::write(copy.path().join("turk.yaml"), "rules:\n  skip: [json]\n").unwrap();
    std::fs::copy(ledger.join("cpu.pprof"), copy.path().join("cpu.pprof")).unwrap();
    let configured = turk_in(copy.path(), &["profile", "cpu.pprof"]);
    assert_eq!(code(&configured), 0, "{}", stderr(&configured));
    assert_eq!(stdout(&configured), text);
}

#[test]
fn the_sample_type_is_chosen_by_name() {
    let objects = json(&[
        "profile",
        &profile("mem.pprof"),
        "--repo",
        LEDGER,
        "--profile-sample",
        "alloc_objects",
        "--format",
        "json",
    ]);
    assert_eq!(objects["sample_type"]["name"], "alloc_objects");
    assert_eq!(objects["total"], 1_060_170);

    let out = turk(&[
        "profile",
        &profile("cpu.pprof"),
        "--repo",
        LEDGER,
        "--profile-sample",
        "inuse_space",
    ]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "error: testdata/profiles/ledger/cpu.pprof: the profile has no sample type `inuse_space` \
         (it has samples/count, cpu/nanoseconds)\n"
    );
    assert_eq!(stdout(&out), "");
}

#[test]
fn a_subfolder_of_the_module_maps_by_module_path() {
    let report = json(&[
        "profile",
        &profile("cpu.pprof"),
        "--repo",
        &format!("{LEDGER}/internal"),
        "--format",
        "json",
    ]);
    assert_eq!(
        report["repo"]["modules"][0]["path"],
        "example.com/ledger/internal"
    );
    assert_eq!(report["files"][0]["path"], "digest/digest.go");
    assert_eq!(report["files"][0]["matched_by"], "module_path");
}

#[test]
fn files_that_are_not_profiles_are_errors_naming_the_file() {
    let out = turk(&["profile", &profile("go.mod"), "--repo", LEDGER]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).starts_with("error: testdata/profiles/ledger/go.mod: not a pprof profile: this is text"),
        "{}",
        stderr(&out)
    );

    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("cut.pprof");
    let bytes = std::fs::read(repo_root().join(profile("cpu.pprof"))).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 3]).unwrap();
    let out = turk(&["profile", cut.to_str().unwrap(), "--repo", LEDGER]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).ends_with("cut.pprof: the gzip stream ends early: the profile is truncated\n"));

    let out = turk(&[
        "profile",
        &profile("cpu.pprof"),
        "--repo",
        "testdata/no-such-folder",
    ]);
    assert_eq!(code(&out), 2);
    assert_eq!(stderr(&out), "error: testdata/no-such-folder: no such folder\n");
}

#[test]
fn a_mapping_that_misses_is_said_on_stderr() {
    let empty = tempfile::tempdir().unwrap();
    let cpu = repo_root().join(profile("cpu.pprof"));
    let out = turk(&[
        "profile",
        cpu.to_str().unwrap(),
        "--repo",
        empty.path().to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0);
    assert!(
        stderr(&out).contains("warning: no Go files under "),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("none: no sample maps to a repository file"));

    // A checkout without the hot file: its function shows as unmapped, and the user is told.
    let partial = ledger_copy(&["internal/digest"]);
    let out = turk(&[
        "profile",
        cpu.to_str().unwrap(),
        "--repo",
        partial.path().to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0);
    let warning = stderr(&out);
    assert!(
        warning.contains("28% of cpu is flat in the repository's packages but matched no file"),
        "{warning}"
    );
    let text = stdout(&out);
    let row = text
        .lines()
        .find(|l| l.contains("example.com/ledger/internal/digest.Sum"))
        .unwrap();
    assert!(row.ends_with("unmapped"), "{row}");
}
