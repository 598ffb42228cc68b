//! `doctor`: consistency checks across team.md, the agent folders, routing.md and the casting files. Each
//! problem has a stable code (scripts match on it), the file and line to look at, and a message saying what is
//! wrong. Reading is lenient: a broken file is one more problem, not a crash.

use crate::casting::{self, RegistryEntry};
use crate::error::Result;
use crate::fsio::{self, Plan};
use crate::ops;
use crate::preset;
use crate::roster::{self, Member, MemberKind, folder_name};
use crate::routing;
use crate::team::{Team, majority_universe, parse_json};
use serde::Serialize;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A problem's kind. The codes are stable: never renumbered, never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Code {
    /// team.md has no `## Members` section (Squad's workflows require exactly that heading).
    MissingMembersSection,
    /// A roster member has no charter file.
    MissingCharter,
    /// A roster member has no entry in casting/registry.json.
    MissingRegistryEntry,
    /// A folder under agents/ that is not on the roster.
    OrphanAgentFolder,
    /// A registry entry's universe differs from the universe team.md states.
    UniverseMismatchTeam,
    /// A registry entry's universe differs from the universe the character comes from.
    UniverseMismatchMember,
    /// More names cast from a universe than the policy's capacity.
    CapacityExceeded,
    /// A member no Routing Table row routes work to.
    NotRouted,
    /// A member without a `squad:{name}` Issue Routing row.
    NoIssueLabel,
    /// The same name twice on the roster.
    DuplicateName,
    /// casting/history.json does not record a member.
    NotInCastingHistory,
    /// A retired member (in agents/_alumni/ or retired in the registry) still on the roster or routed.
    AlumniRouted,
    /// A file that cannot be read: invalid JSON, a malformed table, missing team.md, not UTF-8.
    UnreadableFile,
    /// team.md has no Members table, so nobody is on the roster (the Coordinator table is not a roster).
    NoMembersTable,
}

impl Code {
    /// The stable code, `R001`…
    pub fn id(self) -> &'static str {
        match self {
            Code::MissingMembersSection => "R001",
            Code::MissingCharter => "R002",
            Code::MissingRegistryEntry => "R003",
            Code::OrphanAgentFolder => "R004",
            Code::UniverseMismatchTeam => "R005",
            Code::UniverseMismatchMember => "R006",
            Code::CapacityExceeded => "R007",
            Code::NotRouted => "R008",
            Code::NoIssueLabel => "R009",
            Code::DuplicateName => "R010",
            Code::NotInCastingHistory => "R011",
            Code::AlumniRouted => "R012",
            Code::UnreadableFile => "R013",
            Code::NoMembersTable => "R014",
        }
    }

    /// A short stable name (`missing-charter`).
    pub fn slug(self) -> &'static str {
        match self {
            Code::MissingMembersSection => "missing-members-section",
            Code::MissingCharter => "missing-charter",
            Code::MissingRegistryEntry => "missing-registry-entry",
            Code::OrphanAgentFolder => "orphan-agent-folder",
            Code::UniverseMismatchTeam => "universe-mismatch-team",
            Code::UniverseMismatchMember => "universe-mismatch-member",
            Code::CapacityExceeded => "capacity-exceeded",
            Code::NotRouted => "not-routed",
            Code::NoIssueLabel => "no-issue-label",
            Code::DuplicateName => "duplicate-name",
            Code::NotInCastingHistory => "not-in-casting-history",
            Code::AlumniRouted => "alumni-routed",
            Code::UnreadableFile => "unreadable-file",
            Code::NoMembersTable => "no-members-table",
        }
    }

    /// Every code, in order (for documentation and tests).
    pub const ALL: [Code; 14] = [
        Code::MissingMembersSection,
        Code::MissingCharter,
        Code::MissingRegistryEntry,
        Code::OrphanAgentFolder,
        Code::UniverseMismatchTeam,
        Code::UniverseMismatchMember,
        Code::CapacityExceeded,
        Code::NotRouted,
        Code::NoIssueLabel,
        Code::DuplicateName,
        Code::NotInCastingHistory,
        Code::AlumniRouted,
        Code::UnreadableFile,
        Code::NoMembersTable,
    ];
}

/// One problem found by [`check`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub code: Code,
    /// The file, relative to the repository root (`.squad/team.md`).
    pub file: String,
    /// 1-based line, when the problem sits on one.
    pub line: Option<usize>,
    pub message: String,
    /// The member concerned, when there is one.
    pub member: Option<String>,
    /// Whether `doctor --fix` repairs it: its repair was planned and writes something.
    pub fixable: bool,
}

impl Problem {
    /// `.squad/team.md:14: R002 missing-charter: …`
    pub fn render(&self) -> String {
        let loc = match self.line {
            Some(l) => format!("{}:{l}", self.file),
            None => self.file.clone(),
        };
        format!("{loc}: {} {}: {}", self.code.id(), self.code.slug(), self.message)
    }
}

struct Ctx<'a> {
    team: &'a Team,
    problems: Vec<Problem>,
}

impl Ctx<'_> {
    fn rel(&self, p: &Path) -> String {
        let root = &self.team.layout().repo_root;
        p.strip_prefix(root)
            .unwrap_or(p)
            .display()
            .to_string()
            .replace('\\', "/")
    }
    fn push(&mut self, code: Code, file: &Path, line: Option<usize>, member: Option<&str>, message: String) {
        let file = self.rel(file);
        self.problems.push(Problem {
            code,
            file,
            line,
            message,
            member: member.map(str::to_string),
            // Settled at the end of `check`, by planning the repairs.
            fixable: false,
        });
    }
    /// Read a JSON casting file; a broken one becomes a problem and reads as absent.
    fn json(&mut self, file: &str) -> (Option<String>, Option<Value>) {
        let path = self.team.casting_path(file);
        match fsio::read_optional(&path) {
            Ok(Some(t)) => match parse_json(&path, &t) {
                Ok(v) => (Some(t), Some(v)),
                Err(e) => {
                    let msg = e.to_string();
                    let msg = msg.split_once(": ").map(|x| x.1.to_string()).unwrap_or(msg);
                    self.push(Code::UnreadableFile, &path, None, None, msg);
                    (Some(t), None)
                }
            },
            Ok(None) => (None, None),
            Err(e) => {
                self.push(Code::UnreadableFile, &path, None, None, e.to_string());
                (None, None)
            }
        }
    }
}

/// The 1-based line where `"key"` first appears in a JSON text, to point at a registry entry.
fn json_key_line(text: &str, key: &str) -> Option<usize> {
    let needle = format!("\"{key}\"");
    text.lines().position(|l| l.contains(&needle)).map(|i| i + 1)
}

/// Run every check.
pub fn check(team: &Team) -> Result<Vec<Problem>> {
    let mut cx = Ctx {
        team,
        problems: Vec::new(),
    };
    let team_md_path = team.team_md_path();
    let team_md = match fsio::read_optional(&team_md_path) {
        Ok(Some(t)) => t,
        Ok(None) => {
            cx.push(
                Code::UnreadableFile,
                &team_md_path,
                None,
                None,
                "team.md is missing".into(),
            );
            return Ok(cx.problems);
        }
        Err(e) => {
            cx.push(Code::UnreadableFile, &team_md_path, None, None, e.to_string());
            return Ok(cx.problems);
        }
    };
    let r = roster::parse(&team_md);
    for (line, msg) in &r.problems {
        cx.push(
            Code::UnreadableFile,
            &team_md_path,
            Some(*line),
            None,
            format!("Members table: {msg}"),
        );
    }
    if r.members_heading_line.is_none() {
        cx.push(
            Code::MissingMembersSection,
            &team_md_path,
            Some(1),
            None,
            "no `## Members` section; Squad's workflows look for exactly that heading".into(),
        );
    }
    if r.members_table_line.is_none() {
        let line = roster::members_section_line(&team_md).unwrap_or(1);
        cx.push(
            Code::NoMembersTable,
            &team_md_path,
            Some(line),
            None,
            "no Members table (`| Name | Role | Charter | Status |` under `## Members`), so nobody is on the \
             roster; the Coordinator is not a member"
                .into(),
        );
    }

    let routing_path = team.routing_md_path();
    let routing = match fsio::read_optional(&routing_path) {
        Ok(t) => t.map(|t| routing::parse(&t)),
        Err(e) => {
            cx.push(Code::UnreadableFile, &routing_path, None, None, e.to_string());
            None
        }
    };
    if let Some(rt) = &routing {
        for (line, msg) in &rt.problems {
            cx.push(
                Code::UnreadableFile,
                &routing_path,
                Some(*line),
                None,
                msg.clone(),
            );
        }
    }
    let (registry_text, registry) = cx.json("registry.json");
    let (policy_text, policy) = cx.json("policy.json");
    let (history_text, history) = cx.json("history.json");
    let entries: Vec<RegistryEntry> = registry
        .as_ref()
        .map(casting::registry_entries)
        .unwrap_or_default();
    let registry_path = team.casting_path("registry.json");
    let alumni = team.alumni().unwrap_or_default();
    let is_retired = |f: &str| {
        alumni.iter().any(|a| a == f)
            || entries
                .iter()
                .any(|e| e.key.eq_ignore_ascii_case(f) && e.is_retired())
    };

    // Duplicates.
    let mut seen: Vec<&Member> = Vec::new();
    for m in &r.members {
        if let Some(first) = seen.iter().find(|s| s.folder() == m.folder()) {
            cx.push(
                Code::DuplicateName,
                &team_md_path,
                Some(m.line),
                Some(&m.name),
                format!("{} is on the roster twice (first on line {})", m.name, first.line),
            );
        } else {
            seen.push(m);
        }
    }

    // Per-member checks, for cast agents (Scribe needs a charter too).
    for m in &seen {
        let f = m.folder();
        let cast = m.kind == MemberKind::Agent;
        if is_retired(&f) {
            cx.push(
                Code::AlumniRouted,
                &team_md_path,
                Some(m.line),
                Some(&m.name),
                format!(
                    "{} is retired (agents/_alumni/ or registry) but still on the roster",
                    m.name
                ),
            );
            continue;
        }
        let charter_path = team.charter_path(&f);
        if charter_path.is_file()
            && let Err(e) = fsio::read_text(&charter_path)
        {
            // A charter that cannot be read is as good as none for the models that are given it: say so.
            let msg = e.to_string();
            let msg = msg.split_once(": ").map(|x| x.1.to_string()).unwrap_or(msg);
            cx.push(
                Code::UnreadableFile,
                &charter_path,
                None,
                Some(&m.name),
                format!("{}'s charter cannot be read: {msg}", m.name),
            );
        }
        if (cast || m.kind == MemberKind::Scribe && m.charter.is_some()) && !charter_path.is_file() {
            cx.push(
                Code::MissingCharter,
                &team_md_path,
                Some(m.line),
                Some(&m.name),
                format!(
                    "{} has no charter: {} does not exist",
                    m.name,
                    cx.rel(&team.charter_path(&f))
                ),
            );
        }
        if !cast {
            continue;
        }
        if (registry.is_some() || !registry_path.exists())
            && !entries.iter().any(|e| e.key.eq_ignore_ascii_case(&f))
        {
            cx.push(
                Code::MissingRegistryEntry,
                &team_md_path,
                Some(m.line),
                Some(&m.name),
                format!("{} is on the roster but not in casting/registry.json", m.name),
            );
        }
        if let Some(rt) = &routing {
            if rt.routes_for(&m.name).is_empty() {
                cx.push(
                    Code::NotRouted,
                    &routing_path,
                    rt.routes_heading_line,
                    Some(&m.name),
                    format!("no Routing Table row routes work to {}", m.name),
                );
            }
            // Without an Issue Routing table the team does not route issues by label (older teams).
            if rt.issues_heading_line.is_some() && rt.labels_for(&m.name).is_empty() {
                cx.push(
                    Code::NoIssueLabel,
                    &routing_path,
                    rt.issues_heading_line,
                    Some(&m.name),
                    format!("no `squad:{f}` row in Issue Routing"),
                );
            }
        } else {
            cx.push(
                Code::NotRouted,
                &routing_path,
                None,
                Some(&m.name),
                "routing.md is missing".into(),
            );
        }
        match &history {
            Some(h) if casting::history_records(h, &m.name) => {}
            Some(_) => cx.push(
                Code::NotInCastingHistory,
                &team.casting_path("history.json"),
                history_text
                    .as_deref()
                    .and_then(|t| json_key_line(t, "assignment_cast_snapshots")),
                Some(&m.name),
                format!("casting/history.json has no record of {}", m.name),
            ),
            None if !team.casting_path("history.json").exists() => cx.push(
                Code::NotInCastingHistory,
                &team.casting_path("history.json"),
                None,
                Some(&m.name),
                format!("casting/history.json is missing, so nothing records {}", m.name),
            ),
            None => {}
        }
    }

    // Folders not on the roster (without a Members table there is no roster to compare with: R014 says so).
    let folders = match r.members_table_line {
        Some(_) => team.agent_folders().unwrap_or_default(),
        None => Vec::new(),
    };
    for folder in folders {
        if !r.members.iter().any(|m| m.folder() == folder) {
            cx.push(
                Code::OrphanAgentFolder,
                &team.agent_dir(&folder),
                None,
                Some(&folder),
                format!(
                    "agents/{folder}/ is not on the roster; add it with `turk roster add {folder} --role …` or \
                     retire it with `turk roster retire {folder}`"
                ),
            );
        }
    }

    // Retired members still routed.
    if let Some(rt) = &routing {
        let mut retired: Vec<String> = alumni.clone();
        retired.extend(
            entries
                .iter()
                .filter(|e| e.is_retired())
                .map(|e| e.key.to_lowercase()),
        );
        retired.sort();
        retired.dedup();
        for f in retired {
            let shown = entries
                .iter()
                .find(|e| e.key.eq_ignore_ascii_case(&f))
                .and_then(|e| e.persistent_name.clone())
                .unwrap_or_else(|| crate::names::validate(&f).unwrap_or_else(|_| f.clone()));
            let lines: Vec<usize> = rt
                .routes_for(&f)
                .iter()
                .map(|x| x.line)
                .chain(rt.labels_for(&f).iter().map(|x| x.line))
                .collect();
            if let Some(first) = lines.first() {
                cx.push(
                    Code::AlumniRouted,
                    &routing_path,
                    Some(*first),
                    Some(&f),
                    format!(
                        "{shown} is retired but routing.md still sends work to them ({} row(s))",
                        lines.len()
                    ),
                );
            }
        }
    }

    // Universes.
    let stated = r.universe().map(str::to_string);
    for e in entries.iter().filter(|e| !e.is_retired()) {
        let Some(u) = &e.universe else { continue };
        let line = registry_text.as_deref().and_then(|t| json_key_line(t, &e.key));
        let name = e.persistent_name.clone().unwrap_or_else(|| e.key.clone());
        if let Some(s) = &stated
            && !s.eq_ignore_ascii_case(u)
        {
            cx.push(
                Code::UniverseMismatchTeam,
                &registry_path,
                line,
                Some(&name),
                format!("{name} is registered under {u}, but team.md says the team is cast from {s}"),
            );
        }
        if let Some(own) = casting::universe_of(&name)
            && !own.eq_ignore_ascii_case(u)
        {
            cx.push(
                Code::UniverseMismatchMember,
                &registry_path,
                line,
                Some(&name),
                format!("{name} is registered under {u}, but {name} is a character from {own}"),
            );
        }
    }
    if let Some(p) = &policy {
        let mut universes: Vec<&str> = entries.iter().filter_map(|e| e.universe.as_deref()).collect();
        universes.sort();
        universes.dedup();
        for u in universes {
            let used = entries
                .iter()
                .filter(|e| e.universe.as_deref() == Some(u))
                .count();
            if let Some(cap) = casting::capacity(p, u)
                && used as u64 > cap
            {
                cx.push(
                    Code::CapacityExceeded,
                    &team.casting_path("policy.json"),
                    policy_text.as_deref().and_then(|t| json_key_line(t, u)),
                    None,
                    format!("{used} names are cast from {u}, over its capacity of {cap}"),
                );
            }
        }
    }
    let mut problems = cx.problems;
    problems.sort_by(|a, b| (a.file.as_str(), a.line, a.code).cmp(&(b.file.as_str(), b.line, b.code)));
    // "Fixable" is what `--fix` would really write, not what the kind of problem allows in general.
    let (_, outcomes) = repairs(team, &problems);
    for (p, outcome) in problems.iter_mut().zip(outcomes) {
        p.fixable = matches!(outcome, Outcome::Fixed);
    }
    Ok(problems)
}

/// The kinds of problem `--fix` has a repair for.
fn repairable(code: Code) -> bool {
    matches!(
        code,
        Code::MissingCharter
            | Code::MissingRegistryEntry
            | Code::NotRouted
            | Code::NoIssueLabel
            | Code::NotInCastingHistory
            | Code::AlumniRouted
    )
}

/// Plan the repairs `doctor --fix` makes: create missing charters (from the preset or the template), register
/// missing members, record them in history.json, add missing routing rows, and take retired members off
/// routing.md. Returns the plan and the problems it leaves for a person.
pub fn plan_fix(team: &Team, problems: &[Problem]) -> Result<(Plan, Vec<Problem>)> {
    let (plan, outcomes) = repairs(team, problems);
    let left = problems
        .iter()
        .zip(outcomes)
        .filter_map(|(p, outcome)| match outcome {
            Outcome::Fixed => None,
            Outcome::NotFixed => Some(p.clone()),
            Outcome::Failed(why) => {
                let mut p = p.clone();
                p.message = format!("{} (not fixed: {why})", p.message);
                Some(p)
            }
        })
        .collect();
    Ok((plan, left))
}

/// What became of one problem in [`repairs`].
enum Outcome {
    /// The plan writes its repair.
    Fixed,
    /// No repair, or one that would write nothing.
    NotFixed,
    /// The repair could not be made, and why.
    Failed(String),
}

/// Try every repair in turn on one plan. A problem counts as fixed only when its repair changed the plan: a
/// repair that writes nothing has not repaired anything.
fn repairs(team: &Team, problems: &[Problem]) -> (Plan, Vec<Outcome>) {
    let mut plan = Plan::new();
    let mut outcomes: Vec<Outcome> = problems.iter().map(|_| Outcome::NotFixed).collect();
    // Removals first: taking a retired member off routing.md can make a table sound again for the additions.
    let mut order: Vec<usize> = (0..problems.len()).collect();
    order.sort_by_key(|&i| problems[i].code != Code::AlumniRouted);
    for i in order {
        let p = &problems[i];
        if !repairable(p.code) || p.member.is_none() {
            continue;
        }
        // Each repair is tried on a copy of the plan, so one that cannot be made (a malformed table, say) is
        // reported and does not stop the others.
        let mut trial = plan.clone();
        outcomes[i] = match fix_one(team, &mut trial, p) {
            Ok(true) if trial.differs_from(&plan) => {
                plan = trial;
                Outcome::Fixed
            }
            Ok(_) => Outcome::NotFixed,
            Err(e) => Outcome::Failed(e.to_string()),
        };
    }
    (plan, outcomes)
}

fn universe_full(team: &Team, entries: &[RegistryEntry], universe: &str) -> bool {
    let Ok(Some(policy)) = team.casting_json("policy.json") else {
        return false;
    };
    let used = entries
        .iter()
        .filter(|e| e.universe.as_deref() == Some(universe))
        .count() as u64;
    casting::capacity(&policy, universe).is_some_and(|cap| used + 1 > cap)
}

fn fix_one(team: &Team, plan: &mut Plan, p: &Problem) -> Result<bool> {
    let name = p.member.as_deref().unwrap_or_default();
    let roster = team.roster().ok();
    let member = roster.as_ref().and_then(|r| r.member(name).cloned());
    let role = member.as_ref().map(|m| m.role.clone()).unwrap_or_default();
    let display = member
        .as_ref()
        .map(|m| m.name.clone())
        .unwrap_or_else(|| crate::names::validate(name).unwrap_or_else(|_| name.to_string()));
    let entries = team.registry().unwrap_or_default();
    let team_universe = roster
        .as_ref()
        .and_then(|r| r.universe().map(str::to_string))
        .or(majority_universe(&entries));
    let universe = casting::universe_of(name).map(str::to_string).or(team_universe);
    let now = turk_run::timestamp::now_utc();
    Ok(match p.code {
        Code::MissingCharter => {
            let text = if preset::preset_for(name).is_some() {
                preset::turk_charter(&team.dir_label())
            } else {
                preset::generic_charter(&display, &role, &team.dir_label())
            };
            plan.write(&team.charter_path(name), text)?;
            plan.note(format!("created agents/{}/charter.md", folder_name(name)));
            true
        }
        // Registering into a full universe would trade one problem for another: leave it to a person.
        Code::MissingRegistryEntry
            if universe
                .as_deref()
                .is_some_and(|u| universe_full(team, &entries, u)) =>
        {
            false
        }
        Code::MissingRegistryEntry => match &universe {
            Some(u) => {
                ops::ensure_registry(plan, team, &display, u, &now, false)?;
                true
            }
            None => false,
        },
        Code::NotInCastingHistory => match &universe {
            Some(u) => {
                ops::ensure_cast_history(plan, team, &display, u, &now)?;
                true
            }
            None => false,
        },
        Code::NotRouted if team.routing_md_path().is_file() => {
            let (wt, ex) = preset::preset_for(name)
                .map(|p| p.routing)
                .unwrap_or_else(|| (role.clone(), format!("{role} work")));
            ops::ensure_route_row(plan, team, &display, &wt, &ex)?;
            true
        }
        Code::NoIssueLabel if team.routing_md_path().is_file() => {
            ops::ensure_label_row(plan, team, &display)?;
            true
        }
        Code::AlumniRouted if p.file.ends_with("routing.md") => {
            let path = team.routing_md_path();
            if let Some(t) = plan.text(&path)?
                && let Some(new) = routing::remove_rows(&t, name)
            {
                plan.write(&path, new)?;
                plan.note(format!("removed retired {display} from routing.md"));
            }
            true
        }
        _ => false,
    })
}

/// Where a problem's file is on disk (for callers that want to open it).
pub fn problem_path(team: &Team, p: &Problem) -> PathBuf {
    team.layout().repo_root.join(&p.file)
}
