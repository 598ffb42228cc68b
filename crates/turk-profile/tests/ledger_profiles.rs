//! The profiles committed beside testdata/profiles/ledger (real `go test -bench` profiles of that module): what
//! turk reads from them, checked against what `go tool pprof -top` reports for the same files, and how they map
//! onto the module's files from any checkout path.

use std::path::PathBuf;
use turk_profile::{MatchedBy, OutsideKind, Profile, ProfileError, ProfileKind, ProfileReport, Repository};

const LEDGER_FILES: [&str; 5] = [
    "ledger.go",
    "ledger_test.go",
    "internal/api/handler.go",
    "internal/digest/digest.go",
    "internal/store/cache.go",
];

fn ledger_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/profiles/ledger")
}

fn profile(name: &str) -> Profile {
    Profile::read(&ledger_dir().join(name)).unwrap_or_else(|e| panic!("{e}"))
}

/// The ledger module as `turk profile` sees it: its files and its go.mod.
fn ledger_repo() -> Repository {
    Repository::new(LEDGER_FILES).with_modules([("example.com/ledger", "")])
}

fn summarize(name: &str, sample: Option<&str>, repo: &Repository) -> ProfileReport {
    profile(name)
        .summarize(sample, repo)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn function_names(report: &ProfileReport) -> Vec<&str> {
    report.functions().iter().map(|(_, f)| f.name.as_str()).collect()
}

/// What must hold for any summary: every sample is counted once as flat (in the repository or outside), the
/// attributed values of the files add up to the samples that reach the repository, cum covers attributed
/// covers flat.
fn assert_accounts_for_every_sample(report: &ProfileReport) {
    assert!(report.total > 0);
    assert_eq!(report.repository.flat + report.outside.flat, report.total);
    assert_eq!(report.repository.cum + report.outside.unreached, report.total);
    let kinds: i64 = report.outside.kinds.iter().map(|k| k.flat).sum();
    assert_eq!(
        kinds, report.outside.flat,
        "outside kinds add up to the outside flat"
    );
    let files_flat: i64 = report.files.iter().map(|f| f.cost.flat).sum();
    let files_attributed: i64 = report.files.iter().map(|f| f.cost.attributed).sum();
    assert_eq!(files_flat, report.repository.flat);
    assert_eq!(files_attributed, report.repository.cum);
    let outside_functions_flat: i64 = report.outside.functions.iter().map(|f| f.flat).sum();
    assert_eq!(outside_functions_flat, report.outside.flat);
    for file in &report.files {
        let c = file.cost;
        assert!(
            c.flat <= c.attributed && c.attributed <= c.cum,
            "{}: {c:?}",
            file.path
        );
        let functions_flat: i64 = file.functions.iter().map(|f| f.cost.flat).sum();
        assert_eq!(
            functions_flat, c.flat,
            "{}: its functions' flat adds up",
            file.path
        );
        for f in &file.functions {
            assert!(
                f.cost.flat <= f.cost.attributed && f.cost.attributed <= f.cost.cum,
                "{}",
                f.name
            );
        }
    }
}

#[test]
fn cpu_profile_agrees_with_go_tool_pprof() {
    let p = profile("cpu.pprof");
    assert_eq!(p.kind(), ProfileKind::Cpu);
    let types: Vec<String> = p.sample_types().iter().map(ToString::to_string).collect();
    assert_eq!(types, ["samples/count", "cpu/nanoseconds"]);
    let report = p.summarize(None, &ledger_repo()).unwrap();
    assert_eq!(
        report.sample_type.name, "cpu",
        "CPU profiles default to cpu/nanoseconds"
    );
    assert_eq!(report.sample_type.unit, "nanoseconds");
    // `go tool pprof -top -unit=ns cpu.pprof`: Total samples = 3650000000ns; digest.Sum flat 1020000000ns,
    // cum 2820000000ns; (*Ledger).Export and BenchmarkExport cum 2930000000ns; runtime.stringtoslicerune
    // flat 690000000ns, cum 1140000000ns.
    assert_eq!(report.total, 3_650_000_000);
    let digest = report.file("internal/digest/digest.go").unwrap();
    let sum = digest.function("Sum").unwrap();
    assert_eq!(sum.name, "example.com/ledger/internal/digest.Sum");
    assert_eq!((sum.cost.flat, sum.cost.cum), (1_020_000_000, 2_820_000_000));
    let export = report
        .file("ledger.go")
        .unwrap()
        .function("(*Ledger).Export")
        .unwrap();
    assert_eq!(export.cost.cum, 2_930_000_000);
    let bench = report
        .file("ledger_test.go")
        .unwrap()
        .function("BenchmarkExport")
        .unwrap();
    assert_eq!(bench.cost.cum, 2_930_000_000);
    let runes = report
        .outside
        .functions
        .iter()
        .find(|f| f.name == "runtime.stringtoslicerune")
        .unwrap();
    assert_eq!((runes.flat, runes.cum), (690_000_000, 1_140_000_000));
    assert_eq!(runes.kind, OutsideKind::Runtime);
    assert_accounts_for_every_sample(&report);
}

#[test]
fn the_hot_function_comes_first_with_the_largest_share() {
    for name in [
        "cpu.pprof",
        "mem.pprof",
        "cpu-other-checkout.pprof",
        "cpu-trimpath.pprof",
    ] {
        let report = summarize(name, None, &ledger_repo());
        assert_eq!(report.files[0].path, "internal/digest/digest.go", "{name}");
        let (file, hottest) = report.functions()[0];
        assert_eq!(file.path, "internal/digest/digest.go", "{name}");
        assert_eq!(hottest.short_name, "Sum", "{name}");
        assert!(hottest.cost.attributed_share > 0.6, "{name}: {:?}", hottest.cost);
        let largest_flat = report.functions().iter().map(|(_, f)| f.cost.flat).max().unwrap();
        assert_eq!(
            hottest.cost.flat, largest_flat,
            "{name}: Sum has the largest flat of the repository"
        );
        assert_accounts_for_every_sample(&report);
    }
}

#[test]
fn the_runtime_work_a_line_causes_is_attributed_to_that_line() {
    let report = summarize("cpu.pprof", None, &ledger_repo());
    let digest = report.file("internal/digest/digest.go").unwrap();
    // Line 10 is `for _, r := range []rune(text)`: its cost is flat in runtime.stringtoslicerune, so pprof
    // shows it nowhere near the repository; turk attributes it to the line that converts.
    let conversion = digest.lines.iter().find(|l| l.line == 10).unwrap();
    assert_eq!(conversion.cost.flat, 0);
    assert!(
        conversion.cost.attributed >= 1_140_000_000,
        "{:?}",
        conversion.cost
    );
    assert_eq!(
        digest.lines[0].line, 10,
        "the conversion is the file's hottest line"
    );
    let (file, hottest) = report.lines()[0];
    assert_eq!(
        (file.path.as_str(), hottest.line),
        ("internal/digest/digest.go", 10),
        "and the report's"
    );
    assert_eq!(
        digest.cost.attributed,
        digest.function("Sum").unwrap().cost.attributed
    );
}

#[test]
fn heap_profile_defaults_to_alloc_space() {
    let p = profile("mem.pprof");
    assert_eq!(p.kind(), ProfileKind::Heap);
    let types: Vec<&str> = p.sample_types().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        types,
        ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"]
    );
    let report = p.summarize(None, &ledger_repo()).unwrap();
    assert_eq!(
        (report.sample_type.name.as_str(), report.sample_type.unit.as_str()),
        ("alloc_space", "bytes")
    );
    // `go tool pprof -top -unit=B -sample_index=alloc_space mem.pprof`: 4062053529B total, digest.Sum flat
    // 4032179700B.
    assert_eq!(report.total, 4_062_053_529);
    let sum = report
        .file("internal/digest/digest.go")
        .unwrap()
        .function("Sum")
        .unwrap();
    assert_eq!(sum.cost.flat, 4_032_179_700);
    // The other sample types by name, and by name and unit; -sample_index=alloc_objects: 1060170 objects.
    let objects = p.summarize(Some("alloc_objects"), &ledger_repo()).unwrap();
    assert_eq!(objects.total, 1_060_170);
    assert_eq!(objects.sample_type.unit, "count");
    let inuse = p.summarize(Some("INUSE_SPACE/bytes"), &ledger_repo()).unwrap();
    assert_eq!(inuse.total, 524_496);
    assert_accounts_for_every_sample(&inuse);
}

#[test]
fn what_never_reaches_the_repository_is_counted_not_dropped() {
    // What is still in use at the end of the benchmark is goroutine stacks (runtime.malg): outside, all of it.
    let inuse = summarize("mem.pprof", Some("inuse_space"), &ledger_repo());
    assert!(inuse.files.is_empty());
    assert_eq!(inuse.outside.unreached, inuse.total);
    assert_eq!(inuse.outside.kinds[0].kind, OutsideKind::Runtime);
    assert_eq!(inuse.outside.functions[0].name, "runtime.malg");

    let cpu = summarize("cpu.pprof", None, &ledger_repo());
    assert!(cpu.outside.flat_share > 0.5, "{:?}", cpu.outside);
    assert!(cpu.outside.unreached > 0 && cpu.outside.unreached < cpu.outside.flat);
    let runtime = cpu
        .outside
        .kinds
        .iter()
        .find(|k| k.kind == OutsideKind::Runtime)
        .unwrap();
    assert!(runtime.flat_share > 0.5, "{runtime:?}");
}

#[test]
fn a_repository_missing_the_hot_file_shows_it_as_unmapped() {
    let repo = Repository::new(["ledger.go", "ledger_test.go"]).with_modules([("example.com/ledger", "")]);
    let report = summarize("cpu.pprof", None, &repo);
    assert!(report.file("internal/digest/digest.go").is_none());
    let sum = report
        .outside
        .functions
        .iter()
        .find(|f| f.short_name == "Sum")
        .unwrap();
    assert_eq!(sum.kind, OutsideKind::Unmapped);
    assert_eq!(sum.flat, 1_020_000_000);
    let unmapped = report
        .outside
        .kinds
        .iter()
        .find(|k| k.kind == OutsideKind::Unmapped)
        .unwrap();
    assert_eq!(unmapped.flat, 1_020_000_000);
    assert_accounts_for_every_sample(&report);
}

#[test]
fn a_profile_from_another_checkout_maps_to_the_same_files() {
    let here = summarize("cpu.pprof", None, &ledger_repo());
    let elsewhere = summarize("cpu-other-checkout.pprof", None, &ledger_repo());
    let trimpath = summarize("cpu-trimpath.pprof", None, &ledger_repo());
    let paths = |r: &ProfileReport| {
        let mut p: Vec<String> = r.files.iter().map(|f| f.path.clone()).collect();
        p.sort();
        p
    };
    // The store is too cheap to be sampled in every run; the files that carry the benchmark always are.
    for report in [&here, &elsewhere, &trimpath] {
        for path in ["internal/digest/digest.go", "ledger.go", "ledger_test.go"] {
            assert!(
                paths(report).contains(&path.to_string()),
                "{}: {path}",
                report.source
            );
        }
        assert!(report.files.iter().all(|f| f.matched_by == MatchedBy::ModulePath));
        assert!(
            report
                .outside
                .kinds
                .iter()
                .all(|k| k.kind != OutsideKind::Unmapped),
            "{}",
            report.source
        );
    }
    let digest = elsewhere.file("internal/digest/digest.go").unwrap();
    assert!(
        digest.profile_files[0].ends_with("/elsewhere/src/ledger-copy/internal/digest/digest.go"),
        "{:?}",
        digest.profile_files
    );
    let here_digest = here.file("internal/digest/digest.go").unwrap();
    assert_ne!(
        digest.profile_files, here_digest.profile_files,
        "the two checkouts differ"
    );
    assert_eq!(
        trimpath.file("internal/digest/digest.go").unwrap().profile_files,
        ["example.com/ledger/internal/digest/digest.go"]
    );
    assert_eq!(
        function_names(&elsewhere)[0],
        "example.com/ledger/internal/digest.Sum"
    );
}

#[test]
fn without_go_mod_the_path_suffix_maps_every_checkout() {
    let repo = Repository::new(LEDGER_FILES);
    for name in ["cpu.pprof", "cpu-other-checkout.pprof", "cpu-trimpath.pprof"] {
        let with_module = summarize(name, None, &ledger_repo());
        let by_suffix = summarize(name, None, &repo);
        assert!(
            by_suffix.files.iter().all(|f| f.matched_by == MatchedBy::Suffix),
            "{name}"
        );
        // The same files with the same values: the rule differs, the answer does not.
        let strip = |r: &ProfileReport| -> Vec<(String, i64, i64, i64)> {
            r.files
                .iter()
                .map(|f| (f.path.clone(), f.cost.flat, f.cost.attributed, f.cost.cum))
                .collect()
        };
        assert_eq!(strip(&by_suffix), strip(&with_module), "{name}");
    }
}

#[test]
fn an_uncompressed_profile_reads_the_same() {
    let gzipped = std::fs::read(ledger_dir().join("cpu.pprof")).unwrap();
    let mut raw = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(gzipped.as_slice()), &mut raw).unwrap();
    let plain = Profile::decode("cpu.pb", &raw).unwrap();
    let from_plain = plain.summarize(None, &ledger_repo()).unwrap();
    let from_gzip = summarize("cpu.pprof", None, &ledger_repo());
    assert_eq!(from_plain.files, from_gzip.files);
    assert_eq!(from_plain.outside, from_gzip.outside);
}

fn decode_error(name: &str, bytes: &[u8]) -> ProfileError {
    match Profile::decode(name, bytes) {
        Ok(_) => panic!("{name} decoded as a profile"),
        Err(e) => e,
    }
}

#[test]
fn bad_files_get_an_error_naming_the_file_and_the_problem() {
    let gzipped = std::fs::read(ledger_dir().join("cpu.pprof")).unwrap();

    let err = decode_error("empty.pprof", b"");
    assert!(matches!(err, ProfileError::Empty { .. }), "{err:?}");
    assert_eq!(err.to_string(), "empty.pprof: the file is empty, not a profile");

    let err = decode_error("cut.pprof", &gzipped[..gzipped.len() / 2]);
    assert!(matches!(err, ProfileError::Truncated { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "cut.pprof: the gzip stream ends early: the profile is truncated"
    );

    let text = std::fs::read(ledger_dir().join("ledger.go")).unwrap();
    let err = decode_error("ledger.go", &text);
    assert!(matches!(err, ProfileError::NotAProfile { .. }), "{err:?}");
    assert!(
        err.to_string()
            .starts_with("ledger.go: not a pprof profile: this is text"),
        "{err}"
    );

    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let err = decode_error("garbage.bin", &garbage);
    assert!(matches!(err, ProfileError::NotAProfile { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("garbage.bin: not a pprof profile: "),
        "{err}"
    );

    let mut raw = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(gzipped.as_slice()), &mut raw).unwrap();
    let err = decode_error("cut.pb", &raw[..raw.len() / 2]);
    assert!(matches!(err, ProfileError::NotAProfile { .. }), "{err:?}");

    let mut gzip_of_text = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gzip_of_text, &text).unwrap();
    let err = decode_error("ledger.go.gz", &gzip_of_text.finish().unwrap());
    assert!(matches!(err, ProfileError::NotAProfile { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("ledger.go.gz: not a pprof profile: "),
        "{err}"
    );

    let mut damaged = gzipped.clone();
    let middle = damaged.len() / 2;
    for b in &mut damaged[middle..middle + 16] {
        *b ^= 0x5a;
    }
    let err = decode_error("damaged.pprof", &damaged);
    assert!(
        matches!(err, ProfileError::Gzip { .. } | ProfileError::NotAProfile { .. }),
        "{err:?}"
    );
    assert!(err.to_string().starts_with("damaged.pprof: "), "{err}");

    let err = Profile::read(&ledger_dir().join("no-such.pprof")).unwrap_err();
    assert!(matches!(err, ProfileError::Read { .. }), "{err:?}");
    assert!(
        err.to_string().contains("no-such.pprof: cannot read the profile"),
        "{err}"
    );
}

#[test]
fn an_unknown_sample_type_lists_the_ones_there_are() {
    let err = profile("cpu.pprof")
        .summarize(Some("alloc_space"), &ledger_repo())
        .unwrap_err();
    assert!(matches!(err, ProfileError::NoSuchSampleType { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.ends_with(
            "cpu.pprof: the profile has no sample type `alloc_space` (it has samples/count, cpu/nanoseconds)"
        ),
        "{text}"
    );
}

#[test]
fn profiles_of_two_checkouts_add_up_as_pprof_adds_them() {
    let (a, b) = (
        summarize("cpu.pprof", None, &ledger_repo()),
        summarize("cpu-other-checkout.pprof", None, &ledger_repo()),
    );
    let merged = profile("cpu.pprof")
        .merge(profile("cpu-other-checkout.pprof"))
        .unwrap_or_else(|e| panic!("{e}"))
        .summarize(None, &ledger_repo())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_accounts_for_every_sample(&merged);
    assert_eq!(merged.total, a.total + b.total);
    let digest = |r: &ProfileReport| r.file("internal/digest/digest.go").unwrap().cost;
    assert_eq!(
        digest(&merged).attributed,
        digest(&a).attributed + digest(&b).attributed
    );
    let sums: Vec<&str> = merged
        .functions()
        .iter()
        .filter(|(_, f)| f.short_name == "Sum")
        .map(|(file, _)| file.path.as_str())
        .collect();
    assert_eq!(sums, ["internal/digest/digest.go"], "one Sum for both profiles");
    assert_eq!(
        merged.duration_nanos,
        Some(a.duration_nanos.unwrap() + b.duration_nanos.unwrap())
    );

    let err = profile("cpu.pprof").merge(profile("mem.pprof")).unwrap_err();
    assert!(
        matches!(err, ProfileError::CannotMerge { .. })
            && err.to_string().contains("mem.pprof: cannot be added to"),
        "{err}"
    );
}
