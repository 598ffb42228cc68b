//! Profiles built message by message, for the cases the committed Go profiles do not show: recursion,
//! inlining, unsymbolised frames, other profile kinds, and malformed messages.

use crate::error::ProfileError;
use crate::proto;
use crate::repository::Repository;
use crate::sample::ProfileKind;
use crate::{OutsideKind, Profile};
use prost::Message;

/// Builds a profile: strings are interned, functions are (name, file), locations list (function, line) frames
/// innermost first, samples list location ids leaf first.
#[derive(Default)]
struct Builder {
    message: proto::Profile,
}

impl Builder {
    fn new(types: &[(&str, &str)]) -> Builder {
        let mut b = Builder::default();
        b.message.string_table.push(String::new());
        for (name, unit) in types {
            let (r#type, unit) = (b.string(name), b.string(unit));
            b.message.sample_type.push(proto::ValueType { r#type, unit });
        }
        b
    }

    fn string(&mut self, s: &str) -> i64 {
        let table = &mut self.message.string_table;
        let index = table.iter().position(|t| t == s).unwrap_or_else(|| {
            table.push(s.to_string());
            table.len() - 1
        });
        index as i64
    }

    fn function(&mut self, name: &str, file: &str, start_line: i64) -> u64 {
        let id = self.message.function.len() as u64 + 1;
        let (name, filename) = (self.string(name), self.string(file));
        self.message.function.push(proto::Function {
            id,
            name,
            system_name: name,
            filename,
            start_line,
        });
        id
    }

    fn location(&mut self, frames: &[(u64, i64)]) -> u64 {
        let id = self.message.location.len() as u64 + 1;
        self.message.location.push(proto::Location {
            id,
            address: 0x1000 + id,
            line: frames
                .iter()
                .map(|&(function_id, line)| proto::Line { function_id, line })
                .collect(),
        });
        id
    }

    fn sample(&mut self, locations: &[u64], values: &[i64]) {
        self.message.sample.push(proto::Sample {
            location_id: locations.to_vec(),
            value: values.to_vec(),
        });
    }

    fn default_type(&mut self, name: &str) {
        self.message.default_sample_type = self.string(name);
    }

    fn bytes(&self) -> Vec<u8> {
        self.message.encode_to_vec()
    }

    fn profile(&self) -> Profile {
        Profile::decode("built.pb", &self.bytes()).unwrap_or_else(|e| panic!("{e}"))
    }
}

fn repo() -> Repository {
    Repository::new(["walk.go", "main.go"]).with_modules([("example.com/tree", "")])
}

#[test]
fn recursion_counts_a_function_once_per_stack_in_cum() {
    let mut b = Builder::new(&[("cpu", "nanoseconds")]);
    let walk = b.function("example.com/tree.walk", "/src/tree/walk.go", 5);
    let main = b.function("main.main", "/src/tree/main.go", 3);
    let leaf = b.location(&[(walk, 7)]);
    let recurse = b.location(&[(walk, 9)]);
    let top = b.location(&[(main, 4)]);
    // walk → walk → walk → main: 30; main alone: 10.
    b.sample(&[leaf, recurse, recurse, top], &[30]);
    b.sample(&[top], &[10]);
    let report = b.profile().summarize(None, &repo()).unwrap();
    assert_eq!(report.total, 40);
    let walk = report.file("walk.go").unwrap();
    assert_eq!(
        walk.cost.cum, 30,
        "the file, like the function, counts once per stack"
    );
    let f = walk.function("walk").unwrap();
    assert_eq!((f.cost.flat, f.cost.attributed, f.cost.cum), (30, 30, 30));
    assert_eq!(f.start_line, Some(5));
    assert_eq!(
        walk.function_starting_at(5).unwrap().name,
        "example.com/tree.walk"
    );
    let line9 = walk.lines.iter().find(|l| l.line == 9).unwrap();
    assert_eq!(line9.cost.cum, 30, "a line twice on one stack counts once");
    assert_eq!(line9.cost.flat, 0);
    let main = report.file("main.go").unwrap().function("main.main").unwrap();
    assert_eq!((main.cost.flat, main.cost.cum), (10, 40));
    assert_eq!(main.short_name, "main");
}

#[test]
fn inlined_calls_are_frames_of_their_own() {
    let mut b = Builder::new(&[("samples", "count"), ("cpu", "nanoseconds")]);
    let helper = b.function("example.com/tree.sum", "/src/tree/walk.go", 20);
    let walk = b.function("example.com/tree.walk", "/src/tree/walk.go", 5);
    // One program counter standing for sum (inlined) inside walk.
    let pc = b.location(&[(helper, 22), (walk, 8)]);
    b.sample(&[pc], &[1, 10]);
    let report = b.profile().summarize(None, &repo()).unwrap();
    let file = report.file("walk.go").unwrap();
    let sum = file.function("sum").unwrap();
    let walk = file.function("walk").unwrap();
    assert_eq!(
        (sum.cost.flat, sum.cost.cum),
        (10, 10),
        "the inlined function is the leaf"
    );
    assert_eq!((walk.cost.flat, walk.cost.cum), (0, 10));
    assert_eq!(file.cost.cum, 10);
    assert_eq!(file.lines[0].line, 22);
}

#[test]
fn unsymbolized_frames_and_outside_code_are_counted() {
    let mut b = Builder::new(&[("cpu", "nanoseconds")]);
    let walk = b.function("example.com/tree.walk", "/src/tree/walk.go", 5);
    let malloc = b.function("runtime.mallocgc", "/usr/lib/go/src/runtime/malloc.go", 900);
    let read = b.function("bufio.(*Reader).Read", "/usr/lib/go/src/bufio/bufio.go", 200);
    let yaml = b.function(
        "gopkg.in/yaml.v3.unmarshal",
        "/root/go/pkg/mod/gopkg.in/yaml.v3@v3.0.1/yaml.go",
        1,
    );
    let bare = b.location(&[]);
    let (w, m, r, y) = (
        b.location(&[(walk, 6)]),
        b.location(&[(malloc, 950)]),
        b.location(&[(read, 210)]),
        b.location(&[(yaml, 5)]),
    );
    b.sample(&[m, w], &[50]); // runtime called from the repository
    b.sample(&[r, w], &[20]); // standard library called from the repository
    b.sample(&[y], &[5]); // a dependency on its own
    b.sample(&[bare], &[4]); // an address without symbols
    b.sample(&[], &[1]); // no stack at all
    b.sample(&[w], &[0]); // zero values count for nothing
    let report = b.profile().summarize(None, &repo()).unwrap();
    assert_eq!(report.total, 80);
    assert_eq!((report.repository.flat, report.repository.cum), (0, 70));
    assert_eq!((report.outside.flat, report.outside.unreached), (80, 10));
    let kinds: Vec<(OutsideKind, i64)> = report.outside.kinds.iter().map(|k| (k.kind, k.flat)).collect();
    assert_eq!(
        kinds,
        [
            (OutsideKind::Runtime, 50),
            (OutsideKind::StandardLibrary, 20),
            (OutsideKind::Dependency, 5),
            (OutsideKind::Unknown, 5),
        ]
    );
    let walk = report.file("walk.go").unwrap();
    assert_eq!((walk.cost.flat, walk.cost.attributed), (0, 70));
    let unknown = report
        .outside
        .functions
        .iter()
        .find(|f| f.name == "(no symbol)")
        .unwrap();
    assert_eq!((unknown.flat, unknown.cum), (5, 5));
    let yaml = report
        .outside
        .functions
        .iter()
        .find(|f| f.package == "gopkg.in/yaml.v3")
        .unwrap();
    assert_eq!(yaml.kind, OutsideKind::Dependency);
}

#[test]
fn default_sample_types_follow_the_profile_kind() {
    let contention = Builder::new(&[("contentions", "count"), ("delay", "nanoseconds")]).profile();
    assert_eq!(contention.kind(), ProfileKind::Contention);
    assert_eq!(contention.choose_sample(None).unwrap(), 1);
    assert_eq!(contention.choose_sample(Some("contentions")).unwrap(), 0);

    let mut declared = Builder::new(&[("goroutine", "count"), ("other", "count")]);
    declared.default_type("goroutine");
    let declared = declared.profile();
    assert_eq!(declared.kind(), ProfileKind::Goroutine);
    assert_eq!(
        declared.choose_sample(None).unwrap(),
        0,
        "the profile's default_sample_type"
    );

    let plain = Builder::new(&[("widgets", "count"), ("gadgets", "count")]).profile();
    assert_eq!(plain.kind(), ProfileKind::Other);
    assert_eq!(
        plain.choose_sample(None).unwrap(),
        1,
        "else the last type, as pprof does"
    );
}

#[test]
fn a_profile_without_values_is_an_error() {
    let mut b = Builder::new(&[("delay", "nanoseconds")]);
    let f = b.function("main.main", "/src/main.go", 1);
    let l = b.location(&[(f, 2)]);
    b.sample(&[l], &[0]);
    let err = b.profile().summarize(None, &repo()).unwrap_err();
    assert!(matches!(err, ProfileError::NoSamples { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "built.pb: the profile records no delay: every sample is zero or there are none"
    );
}

#[test]
fn dangling_references_make_it_not_a_profile() {
    let reason = |b: &Builder| match Profile::decode("bad.pb", &b.bytes()) {
        Err(ProfileError::NotAProfile { reason, .. }) => reason,
        other => panic!("{other:?}"),
    };
    let mut b = Builder::new(&[("cpu", "nanoseconds")]);
    b.sample(&[7], &[1]);
    assert_eq!(reason(&b), "sample 1 refers to location 7, which is not defined");

    let mut b = Builder::new(&[("cpu", "nanoseconds")]);
    b.location(&[(3, 1)]);
    assert_eq!(
        reason(&b),
        "location 1 refers to function 3, which is not defined"
    );

    let mut b = Builder::new(&[("cpu", "nanoseconds")]);
    b.sample(&[], &[1, 2]);
    assert_eq!(reason(&b), "sample 1 has 2 values for 1 sample types");

    let mut b = Builder::new(&[("cpu", "nanoseconds")]);
    b.message.sample_type[0].unit = 99;
    assert_eq!(
        reason(&b),
        "a sample unit refers to string 99, beyond the string table"
    );

    let b = Builder::new(&[]);
    assert_eq!(reason(&b), "no sample types");

    let mut b = Builder::new(&[("cpu", "nanoseconds")]);
    b.message.string_table[0] = "cpu".into();
    assert!(reason(&b).starts_with("no string table"));
}

#[test]
fn merged_profiles_add_up_and_share_their_functions() {
    let one = |value: i64, extra: bool| {
        let mut b = Builder::new(&[("samples", "count"), ("cpu", "nanoseconds")]);
        let walk = b.function("example.com/tree.walk", "/src/tree/walk.go", 5);
        let w = b.location(&[(walk, 6)]);
        b.sample(&[w], &[1, value]);
        if extra {
            let main = b.function("main.main", "/src/tree/main.go", 3);
            let m = b.location(&[(main, 4)]);
            b.sample(&[w, m], &[1, 10]);
        }
        b.message.duration_nanos = 1_000;
        b.profile()
    };
    let merged = one(30, false).merge(one(60, true)).unwrap();
    assert_eq!(merged.source(), "built.pb + built.pb");
    assert_eq!(merged.duration_nanos(), Some(2_000));
    let report = merged.summarize(None, &repo()).unwrap();
    assert_eq!(report.total, 100);
    let walk = report.file("walk.go").unwrap();
    assert_eq!(walk.functions.len(), 1, "one function, not one per profile");
    assert_eq!(walk.functions[0].cost.flat, 100);
    assert_eq!(walk.functions[0].cost.flat_share, 1.0);
    assert_eq!(walk.lines[0].line, 6);

    let heap = Builder::new(&[("alloc_space", "bytes")]).profile();
    let err = one(1, false).merge(heap).unwrap_err();
    assert_eq!(
        err.to_string(),
        "built.pb: cannot be added to built.pb: it records alloc_space/bytes, the other samples/count, \
         cpu/nanoseconds"
    );
}
