//! Built-in content: Turk's preset (role, charter, routing rows, universe) and the templates used for other
//! members and for `init`. Generated files follow the Squad templates' headings so Squad's own parsers read them.

/// Turk's role on the roster.
pub const TURK_ROLE: &str = "Go Performance Specialist";
/// Turk's casting universe.
pub const TURK_UNIVERSE: &str = "Ocean's Eleven";
/// The models Turk is run with: (label, model id).
pub const TURK_MODELS: [(&str, &str); 2] = [
    ("GPT-5.3-Codex", "gpt-5.3-codex"),
    ("Claude Opus 4.6", "claude-opus-4-6"),
];

/// What a member preset carries beyond the name.
#[derive(Debug, Clone)]
pub struct Preset {
    pub role: String,
    pub universe: Option<String>,
    /// Routing Table row: (work type, examples).
    pub routing: (String, String),
}

/// The built-in preset for a name, if there is one (only Turk today).
pub fn preset_for(name: &str) -> Option<Preset> {
    name.eq_ignore_ascii_case("turk").then(|| Preset {
        role: TURK_ROLE.to_string(),
        universe: Some(TURK_UNIVERSE.to_string()),
        routing: (
            "Go performance / optimisation".to_string(),
            "Profiling, allocation analysis, concurrency, I/O optimisation, Azure SDK tuning".to_string(),
        ),
    })
}

/// Turk's charter for a team folder named `dir` (`.squad` or `.ai-team`). `dir` only shows in the
/// Collaboration section's paths.
pub fn turk_charter(dir: &str) -> String {
    format!(
        r#"# Turk — {TURK_ROLE}

> Measures before he argues. Every claim comes with a file, a line range and a cost.

## Identity

- **Name:** Turk
- **Role:** {TURK_ROLE}
- **Expertise:** Go profiling (pprof, trace, benchmarks), allocation analysis, concurrency patterns, I/O optimisation, Azure SDK interaction efficiency
- **Style:** Direct and evidence-first. Names the cost, the cause and the fix; skips what does not matter.

## What I Own

- **Profiling:** reading CPU, heap, block and mutex profiles and execution traces; deciding what to measure and how (benchmarks with `-benchmem`, `go test -cpuprofile`).
- **Allocation analysis:** escapes to the heap, per-call buffers and maps, string/[]byte conversions, `fmt` in hot paths, missing pre-sizing, `sync.Pool` candidates.
- **Concurrency patterns:** goroutine leaks and unbounded fan-out, lock contention and lock scope, channel misuse, `time.After` in loops, WaitGroup and context handling.
- **I/O optimisation:** unbuffered reads and writes, whole-file reads, repeated `os.Stat`/open, HTTP client reuse, response bodies left open, JSON encoding and decoding costs.
- **Azure SDK interaction efficiency:** client reuse instead of per-call construction, pagers and pagination, retry and timeout policy, batching, credential caching, connection pooling.

## How I Work

- Start from the hot paths: the code that runs on every request, every test, every loop iteration.
- Read the code with its line numbers; every finding points at a file path and a line range.
- For each finding give **what** (the problem), **why** (the cost, and when it is paid) and **fix** (a concrete change, with code when it is short).
- Grade every finding:
  - 🔴 **P0 critical:** a measurable latency or memory cost on every run.
  - 🟡 **P1 important:** a cost under load or with large inputs.
  - 🟢 **P2 nice to have:** a small or occasional cost; worth doing when the code is touched anyway.
- Prefer fewer, well-grounded findings over many speculative ones; say when a claim needs a benchmark to confirm.

## Boundaries

**I handle:** performance reviews and audits of Go code, profiling plans, allocation and concurrency analysis, I/O and Azure SDK usage reviews.

**I don't handle:** changing code. I recommend; the owner of the code decides and makes the change. Features, API design and test coverage belong to other team members.

**When I'm unsure:** I say so, and say what measurement would settle it.

**If I review others' work:** I point at the cost and the fix; I do not rewrite it myself.

## Model

- **Preferred:** {m0} (`{i0}`) and {m1} (`{i1}`), run independently on the same scope
- **Rationale:** Two independent reviews of the same hot paths; findings both models make are the most reliable, findings only one makes get a second look.
- **Fallback:** Standard chain — the coordinator handles fallback automatically

## Output Format

| Priority | Meaning |
|----------|---------|
| 🔴 P0 | Critical: measurable latency or memory cost on every run |
| 🟡 P1 | Important: cost under load or with large inputs |
| 🟢 P2 | Nice to have: small or occasional cost |

Each finding: file path, line range, what, why, suggested fix, priority.

## Collaboration

Before starting work, run `git rev-parse --show-toplevel` to find the repo root, or use the `TEAM ROOT` provided in the spawn prompt. All `{dir}/` paths are relative to that root.

Before starting work, read `{dir}/decisions.md` for team decisions that affect me.
After making a decision others should know, write it to `{dir}/decisions/inbox/turk-{{brief-slug}}.md` — the Scribe will merge it.

## Voice

Numbers first. "This allocates a 64 KiB buffer per request" beats "this could be faster".
"#,
        m0 = TURK_MODELS[0].0,
        i0 = TURK_MODELS[0].1,
        m1 = TURK_MODELS[1].0,
        i1 = TURK_MODELS[1].1,
    )
}

/// A charter in the Squad template's shape for any other member.
pub fn generic_charter(name: &str, role: &str, dir: &str) -> String {
    let slug = crate::roster::folder_name(name);
    format!(
        r#"# {name} — {role}

> {role} on the team.

## Identity

- **Name:** {name}
- **Role:** {role}
- **Expertise:** {role}
- **Style:** Direct and thorough.

## What I Own

- {role} work routed to me in `{dir}/routing.md`.

## How I Work

- Read the relevant code and decisions before changing anything.

## Boundaries

**I handle:** {role} work.

**I don't handle:** work that belongs to other team members.

**When I'm unsure:** I say so and suggest who might know.

**If I review others' work:** On rejection, I may require a different agent to revise (not the original author) or request a new specialist be spawned. The Coordinator enforces this.

## Model

- **Preferred:** auto
- **Rationale:** Coordinator selects the best model based on task type — cost first unless writing code
- **Fallback:** Standard chain — the coordinator handles fallback automatically

## Collaboration

Before starting work, run `git rev-parse --show-toplevel` to find the repo root, or use the `TEAM ROOT` provided in the spawn prompt. All `{dir}/` paths are relative to that root.

Before starting work, read `{dir}/decisions.md` for team decisions that affect me.
After making a decision others should know, write it to `{dir}/decisions/inbox/{slug}-{{brief-slug}}.md` — the Scribe will merge it.

## Voice

Plain and specific.
"#
    )
}

/// Fill a charter template from the team's templates folder: `{Name}`, `{Role}`, `{name}` placeholders.
pub fn fill_template(template: &str, name: &str, role: &str) -> String {
    template
        .replace("{Name}", name)
        .replace("{Role title}", role)
        .replace("{Role}", role)
        .replace("{name}", &crate::roster::folder_name(name))
}

/// A history.md seeded from the team's Project Context.
pub fn history(name: &str, context: &[(String, String)], now: &str) -> String {
    let get = |k: &str| {
        context
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(k))
            .map(|(_, v)| v.as_str())
    };
    let project = get("Description")
        .or_else(|| get("Project"))
        .unwrap_or("(see team.md)");
    let mut s = format!(
        "# Project Context\n\n- **Owner:** {}\n",
        get("Owner").unwrap_or("(see team.md)")
    );
    s.push_str(&format!("- **Project:** {project}\n"));
    s.push_str(&format!(
        "- **Stack:** {}\n",
        get("Stack").unwrap_or("(see team.md)")
    ));
    s.push_str(&format!("- **Created:** {now}\n\n## Learnings\n\n"));
    s.push_str("<!-- Append new learnings below. Each entry is something lasting about the project. -->\n");
    if name.eq_ignore_ascii_case("turk") {
        s.push_str(&format!("\n📌 Joined the team as {TURK_ROLE} ({now}).\n"));
    }
    s
}

/// A new team.md for `init`.
pub fn init_team_md(project: &str, owner: &str, stack: &str, now: &str) -> String {
    format!(
        r#"# Team Roster

> {project}

## Coordinator

| Name | Role | Notes |
|------|------|-------|
| Squad | Coordinator | Routes work, enforces handoffs and reviewer gates. Does not generate domain artifacts. |

## Members

| Name | Role | Charter | Status |
|------|------|---------|--------|
| Scribe | Session Logger | `.squad/agents/scribe/charter.md` | 📋 Silent |
| Ralph | Work Monitor | — | 🔄 Monitor |

## Project Context

- **Owner:** {owner}
- **Stack:** {stack}
- **Description:** {project}
- **Universe:** {TURK_UNIVERSE}
- **Created:** {now}
"#
    )
}

/// A new routing.md for `init`.
pub fn init_routing_md() -> &'static str {
    r#"# Work Routing

How to decide who handles what.

## Routing Table

| Work Type | Route To | Examples |
|-----------|----------|----------|
| Session logging | Scribe | Automatic — never needs routing |

## Issue Routing

| Label | Action | Who |
|-------|--------|-----|
| `squad` | Triage: analyze issue, assign `squad:{member}` label | Lead |

## Rules

1. **Eager by default** — spawn every agent who could usefully start work.
2. **Scribe always runs** after substantial work, always as `mode: "background"`.
"#
}

/// The Scribe charter for `init`.
pub fn init_scribe_charter() -> &'static str {
    r#"# Scribe — Session Logger

> Writes things down so nobody has to remember them.

## Identity

- **Name:** Scribe
- **Role:** Session Logger

## What I Own

- `.squad/log/`, `.squad/decisions.md` and merging `.squad/decisions/inbox/`.

## Boundaries

**I handle:** session logs and the decision log.

**I don't handle:** domain work. I never speak to the user.
"#
}

/// policy.json for `init` (casting policy 1.1 shape).
pub fn init_policy_json() -> &'static str {
    r#"{
  "casting_policy_version": "1.1",
  "allowlist_universes": [
    "The Usual Suspects",
    "Reservoir Dogs",
    "Alien",
    "Ocean's Eleven",
    "Futurama"
  ],
  "universe_capacity": {
    "The Usual Suspects": 6,
    "Reservoir Dogs": 8,
    "Alien": 8,
    "Ocean's Eleven": 14,
    "Futurama": 12
  }
}
"#
}
