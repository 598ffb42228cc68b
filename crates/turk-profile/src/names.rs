//! Go function names as the runtime prints them: `github.com/org/repo/internal/x.(*Runner).runTest` is the
//! package path `github.com/org/repo/internal/x` and the short name `(*Runner).runTest`.

/// The import path of the package `name` belongs to, or "" when the name has no package qualifier.
pub fn package_path(name: &str) -> &str {
    if is_type_function(name) {
        return "";
    }
    // Type arguments (`Map[...]`, `Map[go.shape.int]`) come after the qualified name and may hold dots and
    // slashes of their own.
    let head = &name[..name.find('[').unwrap_or(name.len())];
    let last_element = head.rfind('/').map_or(0, |slash| slash + 1);
    let Some(dot) = head[last_element..].find('.') else {
        return "";
    };
    let mut end = last_element + dot;
    // gopkg.in/yaml.v3.(*parser).parse: the `.v3` belongs to the package path.
    if name.starts_with("gopkg.in/")
        && let Some(version) = version_suffix(&name[end + 1..])
    {
        end += 1 + version;
    }
    &name[..end]
}

/// `name` without its package qualifier: `(*Runner).runTest`, `Sum`, `main`.
pub fn short_name(name: &str) -> &str {
    let package = package_path(name);
    if package.is_empty() {
        name
    } else {
        &name[package.len() + 1..]
    }
}

/// Equality and hash functions the compiler generates for types: `type..eq.[2]interface {}` (Go 1.20 and
/// earlier), `type:.eq.main.T` (Go 1.21 and later). They run on the runtime's behalf.
pub fn is_type_function(name: &str) -> bool {
    name.starts_with("type..") || name.starts_with("type:.")
}

/// The length of a leading `v<digits>` followed by a dot.
fn version_suffix(rest: &str) -> Option<usize> {
    let digits = rest.strip_prefix('v')?;
    let count = digits.bytes().take_while(u8::is_ascii_digit).count();
    (count > 0 && digits[count..].starts_with('.')).then_some(1 + count)
}

/// Whether `package` is in Go's standard library (including the runtime): its first element has no dot, as
/// every path outside the standard library starts with a domain. `main` is the program's own package.
pub fn is_standard_library(package: &str) -> bool {
    let first = package.split('/').next().unwrap_or("");
    !first.is_empty() && !first.contains('.') && package != "main"
}

/// The runtime itself: scheduler, garbage collector, allocator, maps, and its internal packages.
pub fn is_runtime(package: &str) -> bool {
    package == "runtime"
        || package.starts_with("runtime/internal/")
        || package.starts_with("internal/runtime/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_package_and_short_name_as_go_prints_them() {
        let cases = [
            (
                "github.com/org/repo/internal/x.(*Runner).runTest",
                "github.com/org/repo/internal/x",
                "(*Runner).runTest",
            ),
            (
                "example.com/ledger/internal/digest.Sum",
                "example.com/ledger/internal/digest",
                "Sum",
            ),
            ("runtime.mallocgc", "runtime", "mallocgc"),
            ("main.main", "main", "main"),
            ("net/http.(*conn).serve.func1", "net/http", "(*conn).serve.func1"),
            ("example.com/x.Map[...]", "example.com/x", "Map[...]"),
            (
                "example.com/x.Map[go.shape.*uint8]",
                "example.com/x",
                "Map[go.shape.*uint8]",
            ),
            (
                "gopkg.in/yaml.v3.(*parser).parse",
                "gopkg.in/yaml.v3",
                "(*parser).parse",
            ),
            ("gopkg.in/yaml.v3.unmarshal", "gopkg.in/yaml.v3", "unmarshal"),
            ("github.com/a/b.v2.func1", "github.com/a/b", "v2.func1"),
            (
                "example.com/ledger_test.BenchmarkExport",
                "example.com/ledger_test",
                "BenchmarkExport",
            ),
            ("type..eq.[2]interface {}", "", "type..eq.[2]interface {}"),
            ("type:.eq.example.com/x.T", "", "type:.eq.example.com/x.T"),
            ("_cgo_topofstack", "", "_cgo_topofstack"),
        ];
        for (name, package, short) in cases {
            assert_eq!(package_path(name), package, "package of {name}");
            assert_eq!(short_name(name), short, "short name of {name}");
        }
    }

    #[test]
    fn tells_the_standard_library_from_modules() {
        assert!(is_standard_library("runtime"));
        assert!(is_standard_library("net/http"));
        assert!(is_standard_library("internal/bytealg"));
        assert!(!is_standard_library("main"));
        assert!(!is_standard_library("github.com/org/repo"));
        assert!(!is_standard_library(""));
        assert!(is_runtime("runtime"));
        assert!(is_runtime("runtime/internal/atomic"));
        assert!(!is_runtime("runtime/pprof"));
        assert!(!is_runtime("net"));
    }
}
