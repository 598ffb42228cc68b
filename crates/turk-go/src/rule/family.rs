//! Rule families: the first part of a rule id, the folder of its module under `rules/` and of its fixtures
//! under `testdata/go/`, and a section of `docs/rules.md`.

/// A group of related rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Family {
    /// Concurrency: goroutines, locks, WaitGroups, channels, timers.
    Conc,
    /// Allocation: slices, maps, conversions, strings built in loops.
    Alloc,
    /// CPU: quadratic searches, reflection where generics do, expensive values rebuilt on every call.
    Cpu,
    /// strings and bytes: comparisons and conversions.
    Str,
    /// fmt: formatting calls that allocate or do more work than needed.
    Fmt,
    /// regexp: compiling and matching patterns.
    Regexp,
    /// encoding/json: encoding and decoding on hot paths.
    Json,
    /// I/O, context, HTTP and SQL: resources, timeouts, cancellation.
    Io,
    /// Logging: work done for log lines that are never written.
    Log,
}

impl Family {
    /// Every family, in the order of the docs.
    pub const ALL: [Family; 9] = [
        Family::Conc,
        Family::Alloc,
        Family::Cpu,
        Family::Str,
        Family::Fmt,
        Family::Regexp,
        Family::Json,
        Family::Io,
        Family::Log,
    ];

    /// The name in rule ids, module paths and fixture folders: `conc`.
    pub fn name(self) -> &'static str {
        match self {
            Family::Conc => "conc",
            Family::Alloc => "alloc",
            Family::Cpu => "cpu",
            Family::Str => "str",
            Family::Fmt => "fmt",
            Family::Regexp => "regexp",
            Family::Json => "json",
            Family::Io => "io",
            Family::Log => "log",
        }
    }

    /// The heading in the docs.
    pub fn title(self) -> &'static str {
        match self {
            Family::Conc => "Concurrency",
            Family::Alloc => "Allocation",
            Family::Cpu => "CPU",
            Family::Str => "Strings",
            Family::Fmt => "fmt",
            Family::Regexp => "Regular expressions",
            Family::Json => "JSON",
            Family::Io => "I/O, context, HTTP and SQL",
            Family::Log => "Logging",
        }
    }

    /// The family named `name` (`conc`), if there is one.
    pub fn from_name(name: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The family of a rule id (`conc/busy-loop` → `Conc`).
    pub fn of_id(id: &str) -> Option<Family> {
        Family::from_name(id.split_once('/')?.0)
    }
}

impl std::fmt::Display for Family {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for family in Family::ALL {
            assert_eq!(Family::from_name(family.name()), Some(family));
        }
        assert_eq!(Family::of_id("conc/busy-loop"), Some(Family::Conc));
        assert_eq!(Family::of_id("log/eager-debug-format"), Some(Family::Log));
        assert_eq!(Family::of_id("busy-loop"), None);
        assert_eq!(Family::of_id("net/busy-loop"), None);
    }
}
