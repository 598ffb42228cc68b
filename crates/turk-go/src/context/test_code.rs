//! Test code: `_test.go` files (with their `Test`, `Benchmark`, `Example` and `Fuzz` functions, which Go runs only
//! there), test-support packages, and test helpers in other files. By default performance findings are not
//! reported there, and no finding there ever rises in priority.

use super::FileContext;
use super::position::is_function;
use crate::context::children::{FieldChild, KindName};
use tree_sitter::Node;

/// Folder (or package) names of test-support packages, matched whole. `test` and `tests` are not among them:
/// deeper in a tree they as often hold the code of a test tool (`cmd/go/internal/test`, vet's `passes/tests`).
const TEST_SUPPORT_NAMES: &[&str] = &[
    "testing",
    "testutil",
    "testutils",
    "testhelper",
    "testhelpers",
    "testenv",
    "testlib",
    "e2e",
    "mock",
    "mocks",
    "fake",
    "fakes",
];

/// English words that end like Go's `…test` packages (`httptest`, `iotest`) but are not test support.
const NOT_TEST_SUPPORT: &[&str] = &[
    "latest", "contest", "protest", "attest", "detest", "fastest", "greatest", "shortest",
];

/// Whether a package is test support, from the folders of its path inside its module (`internal/testutils/xds`)
/// and its package name: the module's top folder is `test` or `tests`; or a folder or the name is `testing`,
/// `testutil(s)`, `testhelper(s)`, `testenv`, `testlib`, `e2e`, `mock(s)` or `fake(s)`, or ends in
/// `test`/`testing`/`testutil(s)` as Go's `httptest` and `iotest` do (English words such as `latest` aside), or
/// starts with `mock` or `fake` (`mockstore`, `fakeserver`).
pub fn is_test_support_package(package_dir: &str, package_name: &str) -> bool {
    matches!(package_dir.split('/').next(), Some("test" | "tests"))
        || package_dir
            .split('/')
            .chain(std::iter::once(package_name))
            .any(is_test_support_name)
}

fn is_test_support_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let name = name.as_str();
    if name.is_empty() || NOT_TEST_SUPPORT.contains(&name) {
        return false;
    }
    TEST_SUPPORT_NAMES.contains(&name)
        || ["test", "testing", "testutil", "testutils"]
            .iter()
            .any(|suffix| name.len() > suffix.len() && name.ends_with(suffix))
        || ["mock", "fake"].iter().any(|prefix| name.starts_with(prefix))
}

impl<'a> FileContext<'a> {
    /// Whether `node` is test code: in a `_test.go` file or a test-support package, or in a test helper (a
    /// function taking a `*testing.T`, `*testing.B`, `*testing.F` or `testing.TB`, or a func literal inside one).
    pub fn in_test_code(&self, node: Node<'a>) -> bool {
        self.is_test_code_file()
            || (self.imports.imports("testing") && self.in_test_helper(&self.ancestors(node)))
    }

    /// [`FileContext::in_test_code`] for a node whose ancestors are known.
    pub(crate) fn in_test_code_at(&self, ancestors: &[Node<'a>]) -> bool {
        self.is_test_code_file() || (self.imports.imports("testing") && self.in_test_helper(ancestors))
    }

    /// A `_test.go` file, or a file of a test-support package.
    pub fn is_test_code_file(&self) -> bool {
        self.is_test || self.is_test_package
    }

    fn in_test_helper(&self, ancestors: &[Node<'a>]) -> bool {
        ancestors
            .iter()
            .filter(|n| is_function(**n))
            .any(|func| self.takes_testing_handle(*func))
    }

    /// Whether a function has a `*testing.T`, `*testing.B`, `*testing.F` or `testing.TB` parameter.
    fn takes_testing_handle(&self, func: Node<'_>) -> bool {
        let Some(params) = func.field("parameters") else {
            return false;
        };
        let mut cursor = params.walk();
        params.named_children(&mut cursor).any(|p| {
            p.field("type").is_some_and(|ty| {
                ["T", "B", "F"]
                    .iter()
                    .any(|name| ty.kind_name() == "pointer_type" && self.is_type(ty, "testing", name, true))
                    || self.is_type(ty, "testing", "TB", false)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_support_packages_by_folder_or_name() {
        for (dir, name) in [
            ("internal/testutils/xds/e2e", "e2e"),
            ("net/http/httptest", "httptest"),
            ("testing/iotest", "iotest"),
            ("internal/grpc_testing", "grpc_testing"),
            ("pkg/store", "mockstore"),
            ("pkg/fakeserver", "fakeserver"),
            ("test/bufconn", "bufconn"),
            ("tests", "main"),
            ("internal/testenv", "testenv"),
            ("", "testutil"),
        ] {
            assert!(is_test_support_package(dir, name), "{dir} {name}");
        }
        for (dir, name) in [
            ("internal/testlog", "testlog"),
            ("cmd/go/internal/test", "test"),
            ("go/analysis/passes/tests", "tests"),
            ("api/latest", "latest"),
            ("cmd/test2json", "main"),
            ("internal/attestation", "attestation"),
            ("server", "server"),
            ("", "main"),
            ("pkg/bytestream", "bytestream"),
        ] {
            assert!(!is_test_support_package(dir, name), "{dir} {name}");
        }
    }
}
