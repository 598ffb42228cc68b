//! The operations that change a team: add, retire, init. Each one only *plans*: it reads the files (through the
//! plan, so several edits to one file compose), computes every new content and returns a [`Plan`]. Nothing is
//! written until the caller applies the plan, so a failure anywhere leaves the team untouched.

use crate::casting::{self, NewEntry};
use crate::error::{Result, RosterError};
use crate::fsio::Plan;
use crate::jsonedit;
use crate::layout::{Layout, LayoutKind};
use crate::names;
use crate::preset;
use crate::roster::{self, folder_name};
use crate::routing::{self, Which};
use crate::team::{Team, majority_universe, parse_json};
use serde_json::Value;
use std::path::Path;

/// What to add. For Turk only the name is needed; the preset supplies the rest.
#[derive(Debug, Clone, Default)]
pub struct AddRequest {
    pub name: String,
    /// Required for members without a preset.
    pub role: Option<String>,
    /// The member's casting universe; defaults to the preset's, the known character's, or the team's.
    pub universe: Option<String>,
    /// Charter template text (`{Name}`, `{Role}`, `{name}` placeholders). Defaults to the team's
    /// `templates/charter.md`, else a built-in one in the Squad template's shape.
    pub charter_template: Option<String>,
    /// Add despite a casting conflict (other universe, over capacity, name reserved by a retired member).
    pub force: bool,
    /// Timestamp for `created_at`/`used_at`; defaults to now (or `SOURCE_DATE_EPOCH`).
    pub now: Option<String>,
}

impl AddRequest {
    pub fn new(name: impl Into<String>) -> Self {
        AddRequest {
            name: name.into(),
            ..Default::default()
        }
    }
}

fn json_of(plan: &Plan, path: &Path) -> Result<Option<(String, Value)>> {
    match plan.text(path)? {
        Some(t) => {
            let v = parse_json(path, &t)?;
            Ok(Some((t, v)))
        }
        None => Ok(None),
    }
}

/// team.md as the plan has it; a team without one cannot be changed.
fn team_md_of(plan: &Plan, path: &Path) -> Result<String> {
    plan.text(path)?.ok_or_else(|| {
        RosterError::io(
            path,
            std::io::Error::new(std::io::ErrorKind::NotFound, "team.md is missing"),
        )
    })
}

fn json_edit_failed(path: &Path) -> RosterError {
    RosterError::Json {
        path: path.to_path_buf(),
        message: "unexpected structure; edit it by hand".into(),
    }
}

/// Plan adding a member (idempotent: whatever is already in place is left alone, an empty plan means
/// nothing to do).
pub fn plan_add(team: &Team, req: &AddRequest) -> Result<Plan> {
    let mut plan = Plan::new();
    add_into(&mut plan, team, req)?;
    Ok(plan)
}

pub(crate) fn add_into(plan: &mut Plan, team: &Team, req: &AddRequest) -> Result<()> {
    let name = names::validate(&req.name)?;
    let req_role = req
        .role
        .as_deref()
        .map(|r| names::check_field("role", r))
        .transpose()?;
    let req_universe = req
        .universe
        .as_deref()
        .map(|u| names::check_field("universe", u))
        .transpose()?;
    let folder = folder_name(&name);
    let preset = preset::preset_for(&name);
    let now = req.now.clone().unwrap_or_else(turk_run::timestamp::now_utc);

    let team_md_path = team.team_md_path();
    let team_md = team_md_of(plan, &team_md_path)?;
    let roster = roster::parse(&team_md);
    let existing_row = roster.member(&name).cloned();
    let display_name = existing_row
        .as_ref()
        .map(|m| m.name.clone())
        .unwrap_or(name.clone());
    // Bringing a retired member back brings their folder back from agents/_alumni/ (charter and history
    // included); left there, it would still mark them retired. Without --force the casting check below refuses.
    let alumni_dir = team.alumni_dir(&name);
    let alumni_exists = alumni_dir.is_dir();
    if alumni_exists && req.force {
        let agent_dir = team.agent_dir(&name);
        if agent_dir.exists() {
            return Err(RosterError::AgentAndAlumni {
                name: display_name,
                agent: agent_dir,
                alumni: alumni_dir,
            });
        }
        plan.move_dir(&alumni_dir, &agent_dir);
        plan.note(format!("moved agents/_alumni/{folder}/ back to agents/{folder}/"));
    }
    let existing_charter = plan.text(&team.charter_path(&name))?;
    let role = req_role
        .clone()
        .or_else(|| {
            existing_row
                .as_ref()
                .map(|m| m.role.clone())
                .filter(|r| !r.is_empty())
        })
        .or_else(|| preset.as_ref().map(|p| p.role.clone()))
        .or_else(|| {
            existing_charter
                .as_deref()
                .and_then(|c| crate::Charter::parse(c).role())
        })
        .ok_or_else(|| {
            RosterError::Casting(format!(
                "{display_name} has no built-in preset; give a role with --role"
            ))
        })?;

    // Casting: read everything first so a broken file stops us before any change is planned.
    let registry_path = team.casting_path("registry.json");
    let registry = json_of(plan, &registry_path)?;
    let policy_path = team.casting_path("policy.json");
    let policy = json_of(plan, &policy_path)?.map(|(_, v)| v);
    let entries = registry
        .as_ref()
        .map(|(_, v)| casting::registry_entries(v))
        .unwrap_or_default();
    let entry = entries
        .iter()
        .find(|e| e.key.eq_ignore_ascii_case(&folder))
        .cloned();
    let team_universe = roster
        .universe()
        .map(str::to_string)
        .or_else(|| majority_universe(&entries));
    let member_universe = req_universe
        .clone()
        .or_else(|| entry.as_ref().and_then(|e| e.universe.clone()))
        .or_else(|| preset.as_ref().and_then(|p| p.universe.clone()))
        .or_else(|| casting::universe_of(&name).map(str::to_string))
        .or_else(|| team_universe.clone());

    let retired = entry.as_ref().is_some_and(|e| e.is_retired()) || alumni_exists;
    if retired && !req.force {
        return Err(RosterError::Casting(format!(
            "the name {display_name} is reserved by a retired member (registry.json status \"retired\" or \
             agents/_alumni/{folder}/); use --force to bring {display_name} back, or choose another name"
        )));
    }
    if entry.is_none() && !req.force {
        check_casting(
            &display_name,
            member_universe.as_deref(),
            team_universe.as_deref(),
            policy.as_ref(),
            &entries,
        )?;
    }

    // 1. Charter and history. New files follow the team's line endings (a CRLF team gets CRLF files).
    let eol = crate::text::dominant_eol(&team_md);
    if existing_charter.is_none() {
        let text = match (&preset, &req.charter_template) {
            (_, Some(t)) => preset::fill_template(t, &display_name, &role),
            (Some(_), None) => preset::turk_charter(&team.dir_label()),
            (None, None) => match team_charter_template(team)? {
                Some(t) => preset::fill_template(&t, &display_name, &role),
                None => preset::generic_charter(&display_name, &role, &team.dir_label()),
            },
        };
        plan.write(&team.charter_path(&name), with_eol(&text, eol))?;
        plan.note(format!("created agents/{folder}/charter.md"));
    }
    if plan.text(&team.history_path(&name))?.is_none() {
        plan.write(
            &team.history_path(&name),
            with_eol(
                &preset::history(&display_name, &roster.project_context, &now),
                eol,
            ),
        )?;
        plan.note(format!(
            "created agents/{folder}/history.md, seeded from team.md's Project Context"
        ));
    }

    // 2. Casting registry and history.
    let universe = member_universe.clone().unwrap_or_else(|| "unknown".to_string());
    ensure_registry(plan, team, &display_name, &universe, &now, req.force)?;
    ensure_cast_history(plan, team, &display_name, &universe, &now)?;

    // 3. Roster row.
    if existing_row.is_none() {
        let charter_cell = format!("`{}/agents/{folder}/charter.md`", team.dir_label());
        let new = roster::add_member_row(
            &team_md_path,
            &team_md,
            [&display_name, &role, &charter_cell, "✅ Active"],
        )?;
        plan.write(&team_md_path, new)?;
        plan.note(format!("added {display_name} to the Members table in team.md"));
    }

    // 4. Routing.
    let (work_type, examples) = preset
        .map(|p| p.routing)
        .unwrap_or_else(|| (role.clone(), format!("{role} work")));
    ensure_routing(plan, team, &display_name, &work_type, &examples)?;
    Ok(())
}

/// `text` (written with `\n`) with the given line ending.
fn with_eol(text: &str, eol: &str) -> String {
    if eol == "\n" {
        text.to_string()
    } else {
        text.replace("\r\n", "\n").replace('\n', eol)
    }
}

/// The casting rules: one universe per team, within the policy's allowlist and capacity.
fn check_casting(
    name: &str,
    member_universe: Option<&str>,
    team_universe: Option<&str>,
    policy: Option<&Value>,
    entries: &[casting::RegistryEntry],
) -> Result<()> {
    let Some(u) = member_universe else { return Ok(()) };
    if let Some(team_u) = team_universe
        && !team_u.eq_ignore_ascii_case(u)
    {
        return Err(RosterError::Casting(format!(
            "casting conflict: {name} is from {u}, but this team is cast from {team_u} (Squad never mixes \
             universes in one team). Use --force to add {name} anyway, or add the member under a name from \
             {team_u} (`turk roster add NAME --role ...`)"
        )));
    }
    if let Some(policy) = policy {
        if !casting::allows(policy, u) {
            return Err(RosterError::Casting(format!(
                "casting conflict: {u} is not in casting/policy.json's allowlist. Use --force to add {name} \
                 anyway, or pick a name from an allowed universe"
            )));
        }
        let used = entries
            .iter()
            .filter(|e| e.universe.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(u)))
            .count();
        if let Some(cap) = casting::capacity(policy, u)
            && used as u64 + 1 > cap
        {
            return Err(RosterError::Casting(format!(
                "casting conflict: {u} is full ({used} of {cap} names in use, casting/policy.json). Use --force \
                 to add {name} anyway, or retire a member first"
            )));
        }
    }
    Ok(())
}

/// The team's own charter template, if it ships one (`templates/charter.md` and the older template folders).
fn team_charter_template(team: &Team) -> Result<Option<String>> {
    let root = &team.layout().repo_root;
    for p in [
        team.path("templates/charter.md"),
        root.join(".squad-templates/charter.md"),
        root.join(".ai-team-templates/charter.md"),
    ] {
        if let Some(t) = crate::fsio::read_optional(&p)? {
            return Ok(Some(t));
        }
    }
    Ok(None)
}

/// Make sure registry.json has an active entry for `name`.
pub(crate) fn ensure_registry(
    plan: &mut Plan,
    team: &Team,
    name: &str,
    universe: &str,
    now: &str,
    reactivate: bool,
) -> Result<()> {
    let path = team.casting_path("registry.json");
    let key = folder_name(name);
    let entry = NewEntry {
        persistent_name: name,
        universe,
        created_at: now,
        legacy_named: false,
        status: "active",
    };
    let Some((text, value)) = json_of(plan, &path)? else {
        let mut agents = serde_json::Map::new();
        agents.insert(key.clone(), serde_json::to_value(&entry).expect("plain data"));
        let doc = serde_json::json!({ "agents": agents });
        return create_json(
            plan,
            &path,
            &doc,
            format!("created casting/registry.json with {name} ({universe})"),
        );
    };
    let root = jsonedit::scan(&text).ok_or_else(|| json_edit_failed(&path))?;
    let existing = casting::registry_entries(&value)
        .into_iter()
        .find(|e| e.key.eq_ignore_ascii_case(&key));
    let new = match existing {
        None if value.get("agents").is_some_and(Value::is_object) => {
            plan.note(format!("registered {name} in casting/registry.json ({universe})"));
            jsonedit::insert_member(&text, &root, &["agents"], &key, &entry)
        }
        None if value.is_object() && value.get("agents").is_none() => {
            let mut agents = std::collections::BTreeMap::new();
            agents.insert(key.as_str(), &entry);
            plan.note(format!("registered {name} in casting/registry.json ({universe})"));
            jsonedit::insert_member(&text, &root, &[], "agents", &agents)
        }
        None => return Err(json_edit_failed(&path)),
        Some(e) if e.is_retired() && reactivate => {
            plan.note(format!("marked {name} active again in casting/registry.json"));
            let k = e.key.clone();
            jsonedit::replace(&text, &root, &["agents", &k, "status"], &"active")
        }
        Some(_) => return Ok(()),
    };
    plan.write(&path, new.ok_or_else(|| json_edit_failed(&path))?)
}

/// Plans a new JSON file holding `doc` (pretty, with a final newline) and says so.
fn create_json(plan: &mut Plan, path: &Path, doc: &Value, note: String) -> Result<()> {
    plan.write(
        path,
        format!("{}\n", serde_json::to_string_pretty(doc).expect("plain data")),
    )?;
    plan.note(note);
    Ok(())
}

/// Make sure history.json records `name`: a usage entry and an assignment snapshot, each in the shape of the
/// records already there.
pub(crate) fn ensure_cast_history(
    plan: &mut Plan,
    team: &Team,
    name: &str,
    universe: &str,
    now: &str,
) -> Result<()> {
    let path = team.casting_path("history.json");
    let key = folder_name(name);
    let assignment_id = format!("turk-roster-add-{key}-{now}");
    let record = casting::CastRecord {
        name,
        key: &key,
        universe,
        assignment_id: &assignment_id,
        now,
    };
    let Some((mut text, value)) = json_of(plan, &path)? else {
        let doc = serde_json::json!({
            "universe_usage_history": [casting::usage_entry(&record, None)],
            "assignment_cast_snapshots": { assignment_id.clone(): casting::snapshot_entry(&record, None) },
        });
        return create_json(
            plan,
            &path,
            &doc,
            format!("created casting/history.json recording {name}"),
        );
    };
    if casting::history_records(&value, name) {
        return Ok(());
    }
    if !value.is_object() {
        return Err(json_edit_failed(&path));
    }
    let root = jsonedit::scan(&text).ok_or_else(|| json_edit_failed(&path))?;
    // The last record of each kind, as written (its keys in file order), is the shape to follow.
    let last_usage = root
        .get(&["universe_usage_history"])
        .and_then(|n| n.last_item())
        .and_then(|(_, n)| n.keys())
        .zip(value["universe_usage_history"].as_array().and_then(|a| a.last()));
    let last_snapshot = root
        .get(&["assignment_cast_snapshots"])
        .and_then(|n| n.last_item())
        .and_then(|(k, n)| Some((n.keys()?, value["assignment_cast_snapshots"].get(k?)?)));
    let usage = casting::usage_entry(&record, last_usage.as_ref().map(|(k, v)| (k.as_slice(), *v)));
    let snapshot = casting::snapshot_entry(&record, last_snapshot.as_ref().map(|(k, v)| (k.as_slice(), *v)));
    text = match value.get("universe_usage_history") {
        Some(Value::Array(_)) => jsonedit::push_element(&text, &root, &["universe_usage_history"], &usage),
        None => jsonedit::insert_member(&text, &root, &[], "universe_usage_history", &[&usage]),
        Some(_) => None,
    }
    .ok_or_else(|| json_edit_failed(&path))?;
    let root = jsonedit::scan(&text).ok_or_else(|| json_edit_failed(&path))?;
    text = match value.get("assignment_cast_snapshots") {
        Some(Value::Object(_)) => jsonedit::insert_member(
            &text,
            &root,
            &["assignment_cast_snapshots"],
            &assignment_id,
            &snapshot,
        ),
        None => {
            let m: std::collections::BTreeMap<&str, &casting::Ordered> =
                [(assignment_id.as_str(), &snapshot)].into();
            jsonedit::insert_member(&text, &root, &[], "assignment_cast_snapshots", &m)
        }
        Some(_) => None,
    }
    .ok_or_else(|| json_edit_failed(&path))?;
    plan.write(&path, text)?;
    plan.note(format!("recorded {name} in casting/history.json"));
    Ok(())
}

/// Make sure routing.md routes work and `squad:{name}` issues to `name`.
pub(crate) fn ensure_routing(
    plan: &mut Plan,
    team: &Team,
    name: &str,
    work_type: &str,
    examples: &str,
) -> Result<()> {
    ensure_route_row(plan, team, name, work_type, examples)?;
    ensure_label_row(plan, team, name)
}

/// routing.md as the plan has it, checked for malformed tables; a team without one gets Squad's template.
fn routing_text(plan: &Plan, team: &Team) -> Result<String> {
    let path = team.routing_md_path();
    let text = plan
        .text(&path)?
        .unwrap_or_else(|| preset::init_routing_md().to_string());
    routing::check_tables(&path, &text)?;
    Ok(text)
}

/// Make sure a Routing Table row sends work to `name`.
pub(crate) fn ensure_route_row(
    plan: &mut Plan,
    team: &Team,
    name: &str,
    work_type: &str,
    examples: &str,
) -> Result<()> {
    let path = team.routing_md_path();
    let text = routing_text(plan, team)?;
    if !routing::parse(&text).routes_for(name).is_empty() {
        return Ok(());
    }
    let text = routing::add_row(&path, &text, Which::Routes, [work_type, name, examples])?;
    plan.note(format!("added a Routing Table row for {name} in routing.md"));
    plan.write(&path, text)
}

/// Make sure the Issue Routing table has the `squad:{name}` row. A routing.md without that table does not
/// route issues by label, and none is added.
pub(crate) fn ensure_label_row(plan: &mut Plan, team: &Team, name: &str) -> Result<()> {
    let path = team.routing_md_path();
    let text = routing_text(plan, team)?;
    let parsed = routing::parse(&text);
    if parsed.issues_heading_line.is_none() || !parsed.labels_for(name).is_empty() {
        return Ok(());
    }
    let label = format!("`squad:{}`", folder_name(name));
    let text = routing::add_row(
        &path,
        &text,
        Which::Issues,
        [&label, "Pick up issue and complete the work", name],
    )?;
    plan.note(format!(
        "added the squad:{} Issue Routing row in routing.md",
        folder_name(name)
    ));
    plan.write(&path, text)
}

/// Plan retiring a member: move the folder to `agents/_alumni/`, drop the roster and routing rows, mark the
/// registry entry retired (kept, so the name stays reserved).
pub fn plan_retire(team: &Team, name: &str) -> Result<Plan> {
    let name = names::validate(name)?;
    let folder = folder_name(&name);
    let mut plan = Plan::new();
    let team_md_path = team.team_md_path();
    let team_md = team_md_of(&plan, &team_md_path)?;
    let registry_path = team.casting_path("registry.json");
    let registry = json_of(&plan, &registry_path)?;
    let entry = registry.as_ref().and_then(|(_, v)| {
        casting::registry_entries(v)
            .into_iter()
            .find(|e| e.key.eq_ignore_ascii_case(&folder))
    });
    let on_roster = roster::parse(&team_md).member(&name).is_some();
    let agent_dir = team.agent_dir(&name);
    let in_alumni = team.alumni_dir(&name).is_dir();
    if !on_roster && !agent_dir.is_dir() && entry.is_none() && !in_alumni {
        return Err(RosterError::UnknownMember { name });
    }

    if agent_dir.is_dir() {
        if in_alumni {
            return Err(RosterError::AlumniExists {
                name,
                path: team.alumni_dir(&folder),
            });
        }
        plan.move_dir(&agent_dir, &team.alumni_dir(&folder));
        plan.note(format!("moved agents/{folder}/ to agents/_alumni/{folder}/"));
    }
    if let Some(new) = roster::remove_member_rows(&team_md, &name) {
        plan.write(&team_md_path, new)?;
        plan.note(format!("removed {name} from the Members table in team.md"));
    }
    if let Some(text) = plan.text(&team.routing_md_path())?
        && let Some(new) = routing::remove_rows(&text, &name)
    {
        plan.write(&team.routing_md_path(), new)?;
        plan.note(format!("removed {name} from routing.md"));
    }
    if let (Some((text, _)), Some(e)) = (&registry, &entry)
        && !e.is_retired()
    {
        let root = jsonedit::scan(text).ok_or_else(|| json_edit_failed(&registry_path))?;
        let new = if e.status.is_some() {
            jsonedit::replace(text, &root, &["agents", &e.key, "status"], &"retired")
        } else {
            jsonedit::insert_member(text, &root, &["agents", &e.key], "status", &"retired")
        };
        plan.write(
            &registry_path,
            new.ok_or_else(|| json_edit_failed(&registry_path))?,
        )?;
        plan.note(format!(
            "marked {name} retired in casting/registry.json (the name stays reserved)"
        ));
    }
    Ok(plan)
}

/// Whether a folder found where a team folder goes holds anything. An empty one (or one holding only the lock
/// of the `init` that is creating it) is not a team yet.
fn holds_a_team(dir: &Path) -> bool {
    match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .any(|e| e.file_name() != crate::lock::LOCK_FILE),
        Err(_) => true,
    }
}

/// What `init` needs to know about the project.
#[derive(Debug, Clone, Default)]
pub struct InitRequest {
    /// Where the new `.squad/` goes (normally the repository root).
    pub repo_root: std::path::PathBuf,
    pub project: Option<String>,
    pub owner: Option<String>,
    pub stack: Option<String>,
    pub now: Option<String>,
}

/// Plan a new team folder (current layout) with Turk on it. Refuses when the repository already has one.
pub fn plan_init(req: &InitRequest) -> Result<(Team, Plan)> {
    let field = |name: &'static str, v: &Option<String>| {
        v.as_deref().map(|v| names::check_field(name, v)).transpose()
    };
    let (project, owner, stack) = (
        field("project", &req.project)?,
        field("owner", &req.owner)?,
        field("stack", &req.stack)?,
    );
    for kind in [LayoutKind::Squad, LayoutKind::AiTeam] {
        let existing = req.repo_root.join(kind.dir_name());
        if existing.is_dir() && holds_a_team(&existing) {
            return Err(RosterError::AlreadyExists { path: existing });
        }
    }
    let team_dir = req.repo_root.join(".squad");
    let team = Team::from_layout(Layout {
        kind: LayoutKind::Squad,
        team_dir: team_dir.clone(),
        repo_root: req.repo_root.clone(),
        redirected_by: None,
        version_hints: vec!["new".to_string()],
    });
    let now = req.now.clone().unwrap_or_else(turk_run::timestamp::now_utc);
    let project = project.unwrap_or_else(|| {
        req.repo_root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let stack = stack.unwrap_or_else(|| {
        if req.repo_root.join("go.mod").is_file() {
            "Go".to_string()
        } else {
            "(fill in)".to_string()
        }
    });
    let owner = owner.unwrap_or_else(|| "(fill in)".to_string());
    let mut plan = Plan::new();
    plan.write(
        &team.team_md_path(),
        preset::init_team_md(&project, &owner, &stack, &now),
    )?;
    plan.write(&team.routing_md_path(), preset::init_routing_md().to_string())?;
    plan.write(
        &team.path("decisions.md"),
        "# Decisions\n\n<!-- Scribe merges decisions/inbox/ here. -->\n".into(),
    )?;
    plan.write(
        &team.path("agents/scribe/charter.md"),
        preset::init_scribe_charter().to_string(),
    )?;
    plan.write(
        &team.casting_path("policy.json"),
        preset::init_policy_json().to_string(),
    )?;
    plan.write(
        &team.casting_path("registry.json"),
        "{\n  \"agents\": {}\n}\n".into(),
    )?;
    plan.write(
        &team.casting_path("history.json"),
        "{\n  \"universe_usage_history\": [],\n  \"assignment_cast_snapshots\": {}\n}\n".into(),
    )?;
    plan.note("created .squad/ with team.md, routing.md, decisions.md, Scribe and the casting files");
    add_into(
        &mut plan,
        &team,
        &AddRequest {
            now: Some(now),
            ..AddRequest::new("turk")
        },
    )?;
    Ok((team, plan))
}
