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

/// A JSON object whose keys keep the order they are given in (serde_json's own map sorts them), so a new
/// record can follow the key order of the records beside it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Ordered(pub Vec<(String, Value)>);

impl Serialize for Ordered {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl Ordered {
    fn push(&mut self, key: &str, value: Value) {
        self.0.push((key.to_string(), value));
    }
    fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }
}

/// What a new history.json record says: `name` (folder `key`) was cast from `universe` at `now`.
pub(crate) struct CastRecord<'a> {
    pub name: &'a str,
    pub key: &'a str,
    pub universe: &'a str,
    pub assignment_id: &'a str,
    pub now: &'a str,
}

/// Keys that hold a time in the records Squad versions write.
const TIME_KEYS: &[&str] = &["used_at", "timestamp", "created_at"];

/// `name` in the form an existing list or map of names has: `["Turk"]` or `{"turk": "Turk"}`.
fn names_value(r: &CastRecord, like: &Value) -> Value {
    if like.is_array() {
        Value::from(vec![r.name])
    } else {
        serde_json::json!({ r.key: r.name })
    }
}

/// The fields of an existing record, keys in file order.
fn fields<'v>(like: Option<(&'v [String], &'v Value)>) -> impl Iterator<Item = (&'v str, &'v Value)> {
    like.into_iter()
        .flat_map(|(keys, v)| keys.iter().filter_map(move |k| v.get(k).map(|x| (k.as_str(), x))))
}

/// A new `universe_usage_history` element. `like` is the last existing one (its keys in file order, and its
/// value): the new one uses the same keys in the same order (`timestamp` where it says `timestamp`), leaving
/// out what we have no value for. Without one, Squad's documented shape.
pub(crate) fn usage_entry(r: &CastRecord, like: Option<(&[String], &Value)>) -> Ordered {
    let mut out = Ordered::default();
    for (key, value) in fields(like) {
        match key {
            "universe" => out.push(key, r.universe.into()),
            "assignment_id" => out.push(key, r.assignment_id.into()),
            k if TIME_KEYS.contains(&k) => out.push(key, r.now.into()),
            "agents" | "cast" if value.is_array() || value.is_object() => {
                out.push(key, names_value(r, value))
            }
            _ => {}
        }
    }
    if out.0.is_empty() {
        out.push("universe", r.universe.into());
        out.push("assignment_id", r.assignment_id.into());
        out.push("used_at", r.now.into());
    }
    out
}

/// A new `assignment_cast_snapshots` value, in the shape of `like` (the last existing snapshot) as
/// [`usage_entry`] does: `agent_map` where the team writes `agent_map`, `cast: [...]` where it writes `cast`.
/// It always names the member, so the record can be found again.
pub(crate) fn snapshot_entry(r: &CastRecord, like: Option<(&[String], &Value)>) -> Ordered {
    let mut out = Ordered::default();
    for (key, value) in fields(like) {
        match key {
            "universe" => out.push(key, r.universe.into()),
            "assignment_id" => out.push(key, r.assignment_id.into()),
            "status" => out.push(key, "active".into()),
            k if TIME_KEYS.contains(&k) => out.push(key, r.now.into()),
            "agents" | "agent_map" | "cast" if value.is_array() || value.is_object() => {
                out.push(key, names_value(r, value))
            }
            _ => {}
        }
    }
    if out.0.is_empty() {
        out.push("universe", r.universe.into());
    }
    if !["agents", "agent_map", "cast"].iter().any(|k| out.has(k)) {
        out.push("agents", serde_json::json!({ r.key: r.name }));
    }
    if like.is_none() {
        out.push("created_at", r.now.into());
    }
    out
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

    fn record() -> CastRecord<'static> {
        CastRecord {
            name: "Turk",
            key: "turk",
            universe: "Ocean's Eleven",
            assignment_id: "a1",
            now: "2026-02-26T03:28:00Z",
        }
    }

    fn keys(v: &Value) -> Vec<String> {
        // The order the test wrote them in (serde_json sorts keys; the callers pass file order).
        v.as_object().unwrap().keys().cloned().collect()
    }

    #[test]
    fn new_records_take_the_shape_of_the_last_one() {
        let like = json!({"assignment_id": "initial", "universe": "X", "timestamp": "t"});
        let order = ["assignment_id", "universe", "timestamp"].map(String::from);
        let u = usage_entry(&record(), Some((&order, &like)));
        assert_eq!(
            serde_json::to_string(&u).unwrap(),
            r#"{"assignment_id":"a1","universe":"Ocean's Eleven","timestamp":"2026-02-26T03:28:00Z"}"#
        );
        let like = json!({"universe": "X", "agent_map": {"lead": "Keyser"}});
        let s = snapshot_entry(&record(), Some((&keys(&like), &like)));
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"agent_map":{"turk":"Turk"},"universe":"Ocean's Eleven"}"#
        );
        let like = json!({"cast": ["Danny"], "capacity_used": 3, "notes": "n", "timestamp": "t"});
        let s = snapshot_entry(&record(), Some((&keys(&like), &like)));
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"cast":["Turk"],"timestamp":"2026-02-26T03:28:00Z"}"#
        );
        // Nothing to copy: Squad's documented shape.
        assert_eq!(
            serde_json::to_string(&snapshot_entry(&record(), None)).unwrap(),
            r#"{"universe":"Ocean's Eleven","agents":{"turk":"Turk"},"created_at":"2026-02-26T03:28:00Z"}"#
        );
        assert_eq!(
            serde_json::to_string(&usage_entry(&record(), None)).unwrap(),
            r#"{"universe":"Ocean's Eleven","assignment_id":"a1","used_at":"2026-02-26T03:28:00Z"}"#
        );
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
