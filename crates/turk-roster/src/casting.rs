//! The casting files (`casting/policy.json`, `registry.json`, `history.json`), read leniently: every field is
//! optional and unknown fields are ignored, because each Squad version (and each hand) writes them differently.

use serde::Serialize;
use serde_json::Value;

/// One registry entry (`agents.<key>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegistryEntry {
    /// The key: the lowercase cast name.
    pub key: String,
    pub persistent_name: Option<String>,
    pub universe: Option<String>,
    pub status: Option<String>,
    pub created_at: Option<String>,
    pub legacy_named: Option<bool>,
}

impl RegistryEntry {
    pub fn is_retired(&self) -> bool {
        self.status
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("retired"))
    }
}

/// The registry's entries, in file order.
pub fn registry_entries(registry: &Value) -> Vec<RegistryEntry> {
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    registry
        .get("agents")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| RegistryEntry {
                    key: k.clone(),
                    persistent_name: s(v, "persistent_name"),
                    universe: s(v, "universe"),
                    status: s(v, "status"),
                    created_at: s(v, "created_at"),
                    legacy_named: v.get("legacy_named").and_then(Value::as_bool),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The capacity the policy gives a universe: `universe_capacity[u]`, else the REPL's `max_capacity`.
pub fn capacity(policy: &Value, universe: &str) -> Option<u64> {
    policy
        .get("universe_capacity")
        .and_then(|c| c.get(universe))
        .and_then(Value::as_u64)
        .or_else(|| policy.get("max_capacity").and_then(Value::as_u64))
}

/// Whether the policy allows a universe (no list, or `"*"`, allows everything).
pub fn allows(policy: &Value, universe: &str) -> bool {
    let list = policy
        .get("allowlist_universes")
        .or_else(|| policy.get("universe_allowlist"));
    match list.and_then(Value::as_array) {
        Some(items) => items
            .iter()
            .filter_map(Value::as_str)
            .any(|u| u == "*" || u.eq_ignore_ascii_case(universe)),
        None => true,
    }
}

/// Whether history.json records `name` anywhere in its snapshots or usage entries (as a key or a value):
/// `agents: {"role": "Turk"}`, `agents: ["Turk"]`, `agent_map`, `cast[]`… all count.
pub fn history_records(history: &Value, name: &str) -> bool {
    fn walk(v: &Value, name: &str) -> bool {
        match v {
            Value::String(s) => s.eq_ignore_ascii_case(name),
            Value::Array(a) => a.iter().any(|x| walk(x, name)),
            Value::Object(m) => m
                .iter()
                .any(|(k, x)| k.eq_ignore_ascii_case(name) || walk(x, name)),
            _ => false,
        }
    }
    walk(history, name)
}

/// Characters of the universes Squad casts from most, so a member's own universe can be checked. The
/// Ocean's Eleven and Usual Suspects lists follow Squad's SDK casting engine.
const CHARACTERS: &[(&str, &[&str])] = &[
    (
        "Ocean's Eleven",
        &[
            "Danny",
            "Rusty",
            "Linus",
            "Basher",
            "Livingston",
            "Saul",
            "Yen",
            "Virgil",
            "Turk",
            "Reuben",
            "Frank",
            "Tess",
            "Terry",
        ],
    ),
    (
        "The Usual Suspects",
        &[
            "Keyser",
            "McManus",
            "Fenster",
            "Verbal",
            "Hockney",
            "Redfoot",
            "Edie",
            "Kobayashi",
            "Kujan",
        ],
    ),
    (
        "Reservoir Dogs",
        &[
            "White", "Orange", "Blonde", "Pink", "Blue", "Brown", "Joe", "Eddie",
        ],
    ),
    (
        "Alien",
        &[
            "Ripley", "Dallas", "Kane", "Ash", "Lambert", "Parker", "Brett", "Bishop", "Hicks", "Vasquez",
        ],
    ),
    (
        "Futurama",
        &[
            "Fry",
            "Leela",
            "Bender",
            "Farnsworth",
            "Hermes",
            "Amy",
            "Zoidberg",
            "Nibbler",
        ],
    ),
];

/// The universe a character name comes from, when it is one we know.
pub fn universe_of(name: &str) -> Option<&'static str> {
    CHARACTERS
        .iter()
        .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(name)))
        .map(|(u, _)| *u)
}

/// A new registry entry, fields in Squad's order.
#[derive(Debug, Serialize)]
pub(crate) struct NewEntry<'a> {
    pub persistent_name: &'a str,
    pub universe: &'a str,
    pub created_at: &'a str,
    pub legacy_named: bool,
    pub status: &'a str,
}

/// A new `universe_usage_history` element.
#[derive(Debug, Serialize)]
pub(crate) struct NewUsage<'a> {
    pub universe: &'a str,
    pub assignment_id: &'a str,
    pub used_at: &'a str,
}

/// A new `assignment_cast_snapshots` value.
#[derive(Debug, Serialize)]
pub(crate) struct NewSnapshot<'a> {
    pub universe: &'a str,
    pub agents: std::collections::BTreeMap<&'a str, &'a str>,
    pub created_at: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lenient_reading() {
        let reg = json!({"agents": {"turk": {"persistent_name": "Turk", "extra": 1}, "x": 3}});
        let e = registry_entries(&reg);
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].universe, None);
        assert!(registry_entries(&json!([])).is_empty());
    }

    #[test]
    fn capacity_and_allowlist_variants() {
        let p =
            json!({"allowlist_universes": ["Ocean's Eleven"], "universe_capacity": {"Ocean's Eleven": 14}});
        assert_eq!(capacity(&p, "Ocean's Eleven"), Some(14));
        assert!(!allows(&p, "Alien"));
        let repl = json!({"universe_allowlist": ["*"], "max_capacity": 25});
        assert_eq!(capacity(&repl, "Alien"), Some(25));
        assert!(allows(&repl, "Alien"));
    }

    #[test]
    fn history_variants_all_record() {
        assert!(history_records(
            &json!({"s": {"agent_map": {"perf": "Turk"}}}),
            "turk"
        ));
        assert!(history_records(&json!({"s": {"cast": ["Turk"]}}), "Turk"));
        assert!(!history_records(&json!({"s": {"cast": ["Danny"]}}), "Turk"));
    }
}
