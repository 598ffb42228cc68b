//! `turk roster`: keep Turk (and the rest of the team) consistent in the Squad team folder. All the work is in
//! `turk-roster`; this module parses arguments and prints.

use anyhow::Context as _;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;
use turk_roster::{AddRequest, InitRequest, LockHolder, MemberKind, Plan, RosterError, Team, doctor};

#[derive(clap::Args)]
pub struct Args {
    /// The team folder (or the directory that holds `.squad/` or `.ai-team/`). By default it is found from the
    /// current directory, walking up to the repository root.
    #[arg(long, global = true, value_name = "DIR")]
    squad_dir: Option<PathBuf>,
    /// Output format for data.
    #[arg(long, global = true, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(subcommand)]
    command: Sub,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(clap::Subcommand)]
enum Sub {
    /// List the team: layout, members, humans, coding agent.
    List,
    /// Show one member: roster row, charter, history, registry entry, routing.
    Show { name: String },
    /// Add a member (Turk from the built-in preset; others with --role). Running it twice changes nothing.
    Add {
        name: String,
        /// Role for a member without a preset.
        #[arg(long)]
        role: Option<String>,
        /// Casting universe of the member (defaults to the preset's or the team's).
        #[arg(long)]
        universe: Option<String>,
        /// Charter template to fill ({Name}, {Role}, {name}); defaults to the team's templates/charter.md.
        #[arg(long, value_name = "FILE")]
        charter_template: Option<PathBuf>,
        /// Add despite a casting conflict (other universe, capacity, a retired member's reserved name).
        #[arg(long)]
        force: bool,
        /// Print the diff instead of writing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Retire a member: folder to agents/_alumni/, roster and routing rows removed, registry entry kept retired.
    Retire {
        name: String,
        #[arg(long)]
        dry_run: bool,
    },
    /// Check the team's files for consistency. Exits 1 when problems are found.
    Doctor {
        /// Repair what is safe to repair, and list what is left.
        #[arg(long)]
        fix: bool,
        /// With --fix: print the diff instead of writing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Print a member's charter (Turk's built-in charter when the team has none).
    Charter {
        name: String,
        /// Print the built-in charter even when the team has one.
        #[arg(long)]
        builtin: bool,
    },
    /// Create a new team folder (.squad/, current layout) with Turk on it.
    Init {
        /// One-line project description.
        #[arg(long)]
        project: Option<String>,
        #[arg(long)]
        owner: Option<String>,
        #[arg(long)]
        stack: Option<String>,
        #[arg(long)]
        dry_run: bool,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let json = args.format == Format::Json;
    match args.command {
        Sub::List => list(&find_team(args.squad_dir.as_deref())?, json),
        Sub::Show { name } => show(&find_team(args.squad_dir.as_deref())?, &name, json),
        Sub::Add {
            name,
            role,
            universe,
            charter_template,
            force,
            dry_run,
        } => {
            let team = find_team(args.squad_dir.as_deref())?;
            let charter_template = charter_template
                .map(|p| std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display())))
                .transpose()?;
            let req = AddRequest {
                name,
                role,
                universe,
                charter_template,
                force,
                now: None,
            };
            let display = turk_roster::validate_name(&req.name)?;
            // Read under the lock with the plan, so the message says what this run found, not what another
            // run changed a moment before.
            let mut was_member = false;
            let plan = change(&team, dry_run, |t| {
                was_member = t.roster().is_ok_and(|r| r.member(&display).is_some());
                turk_roster::plan_add(t, &req)
            })?;
            let done = if was_member && plan.is_empty() {
                format!("{display} is already on the team, nothing changed.")
            } else if was_member {
                format!("{display} was already on the team; added what was missing.")
            } else {
                match team
                    .roster()
                    .ok()
                    .and_then(|r| r.member(&display).map(|m| m.role.clone()))
                {
                    Some(role) if !role.is_empty() => format!("✅ {display} joined the team as {role}."),
                    _ => format!("✅ {display} joined the team."),
                }
            };
            report(&team, &plan, dry_run, json, &done)
        }
        Sub::Retire { name, dry_run } => {
            let team = find_team(args.squad_dir.as_deref())?;
            let display = turk_roster::validate_name(&name)?;
            let plan = change(&team, dry_run, |t| turk_roster::plan_retire(t, &name))?;
            let done = if plan.is_empty() {
                format!("{display} is already retired; nothing to change.")
            } else {
                format!("{display} retired; the name stays reserved in casting/registry.json.")
            };
            report(&team, &plan, dry_run, json, &done)
        }
        Sub::Doctor { fix, dry_run } => {
            run_doctor(&find_team(args.squad_dir.as_deref())?, fix, dry_run, json)
        }
        Sub::Charter { name, builtin } => charter(args.squad_dir.as_deref(), &name, builtin, json),
        Sub::Init {
            project,
            owner,
            stack,
            dry_run,
        } => {
            let repo_root = match &args.squad_dir {
                Some(d) if d.file_name().is_some_and(|n| n == ".squad") => {
                    d.parent().map(Path::to_path_buf).unwrap_or_default()
                }
                Some(d) => d.clone(),
                None => repo_root_of(&std::env::current_dir()?),
            };
            let req = InitRequest {
                repo_root,
                project,
                owner,
                stack,
                now: None,
            };
            let (team, plan) = turk_roster::plan_init(&req)?;
            let plan = if dry_run {
                plan
            } else {
                change(&team, false, |_| turk_roster::plan_init(&req).map(|(_, p)| p))?
            };
            let done = "✅ Created .squad/ with Turk on the team. For git, add to .gitattributes:\n  \
                        .squad/decisions.md merge=union\n  .squad/agents/*/history.md merge=union"
                .to_string();
            report(&team, &plan, dry_run, json, &done)
        }
    }
}

/// How long a change waits for another run that holds the team folder lock.
const LOCK_TIMEOUT: Duration = Duration::from_secs(30);

/// Plan a change with `make`; unless this is a dry run, make it: under the team folder lock, planned from what
/// is on disk once the lock is held, planned again if another program writes a file meanwhile.
fn change(
    team: &Team,
    dry_run: bool,
    mut make: impl FnMut(&Team) -> turk_roster::Result<Plan>,
) -> anyhow::Result<Plan> {
    if dry_run {
        return Ok(make(team)?);
    }
    let on_wait = |holder: &LockHolder| {
        let who = holder
            .pid
            .map(|pid| format!(" held by pid {pid}"))
            .unwrap_or_default();
        eprintln!(
            "waiting for the team folder lock{who} ({})…",
            rel(team, &holder.path)
        );
    };
    Ok(team.change(LOCK_TIMEOUT, on_wait, make)?)
}

/// The repository root: the nearest ancestor holding `.git`, else `start` itself.
fn repo_root_of(start: &Path) -> PathBuf {
    start
        .ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(start)
        .to_path_buf()
}

fn find_team(squad_dir: Option<&Path>) -> anyhow::Result<Team> {
    Ok(match squad_dir {
        Some(d) => Team::open(d)?,
        None => Team::discover(std::env::current_dir()?)?,
    })
}

fn rel(team: &Team, p: &Path) -> String {
    p.strip_prefix(&team.layout().repo_root)
        .unwrap_or(p)
        .display()
        .to_string()
        .replace('\\', "/")
}

fn print_json(v: &serde_json::Value) {
    write_stdout(&format!(
        "{}\n",
        serde_json::to_string_pretty(v).expect("JSON values serialise")
    ));
}

/// Write to stdout; a closed pipe (`turk roster charter turk | head`) is not an error worth a panic.
fn write_stdout(s: &str) {
    use std::io::Write as _;
    let _ = std::io::stdout().write_all(s.as_bytes());
}

/// Report what a plan did (or, in a dry run, would do).
fn report(team: &Team, plan: &Plan, dry_run: bool, json: bool, done: &str) -> anyhow::Result<ExitCode> {
    let files: Vec<String> = plan
        .changes()
        .iter()
        .map(|c| match c {
            turk_roster::Change::Write { path, .. } => rel(team, path),
            turk_roster::Change::Move { from, to } => format!("{} -> {}", rel(team, from), rel(team, to)),
        })
        .collect();
    if json {
        print_json(&json!({
            "team_dir": rel(team, team.dir()),
            "dry_run": dry_run,
            "changed": !plan.is_empty() && !dry_run,
            "actions": plan.notes,
            "files": files,
            "diff": if dry_run { Some(plan.diff(&team.layout().repo_root)) } else { None },
        }));
        return Ok(ExitCode::SUCCESS);
    }
    if plan.is_empty() {
        println!("{done}");
        return Ok(ExitCode::SUCCESS);
    }
    if dry_run {
        print!("{}", plan.diff(&team.layout().repo_root));
        println!("dry run: {} change(s) not written", files.len());
        return Ok(ExitCode::SUCCESS);
    }
    for n in &plan.notes {
        println!("  {n}");
    }
    println!("{done}");
    Ok(ExitCode::SUCCESS)
}

fn list(team: &Team, json: bool) -> anyhow::Result<ExitCode> {
    let roster = team.roster()?;
    let universe = team.universe()?;
    if json {
        print_json(&json!({
            "layout": team.layout(),
            "title": roster.title,
            "universe": universe,
            "coordinator": roster.coordinator,
            "members": roster.members,
            "humans": roster.humans,
            "coding_agent": roster.coding_agent,
            "project_context": roster.project_context.iter().map(|(k, v)| json!({"key": k, "value": v})).collect::<Vec<_>>(),
        }));
        return Ok(ExitCode::SUCCESS);
    }
    println!("Team folder: {}", rel(team, team.dir()));
    println!("Layout:      {}", team.layout().describe());
    if let Some(u) = &universe {
        println!("Universe:    {u}");
    }
    if let Some(c) = &roster.coordinator {
        println!("Coordinator: {} ({})", c.name, c.role);
    }
    println!();
    let shown: Vec<_> = roster
        .members
        .iter()
        .filter(|m| m.kind != MemberKind::Human)
        .collect();
    let nw = shown
        .iter()
        .map(|m| m.name.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let rw = shown
        .iter()
        .map(|m| m.role.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    println!("{:nw$}  {:rw$}  STATUS", "NAME", "ROLE");
    for m in shown {
        println!("{:nw$}  {:rw$}  {}", m.name, m.role, m.status);
    }
    if !roster.humans.is_empty() {
        let names: Vec<String> = roster
            .humans
            .iter()
            .map(|h| format!("{} ({})", h.name, h.role))
            .collect();
        println!("\nHumans:      {}", names.join(", "));
    }
    if let Some(c) = &roster.coding_agent {
        let auto = match c.auto_assign {
            Some(true) => "auto-assign on",
            Some(false) => "auto-assign off",
            None => "auto-assign not set",
        };
        println!("Coding agent: {} ({auto})", c.name);
    }
    Ok(ExitCode::SUCCESS)
}

fn show(team: &Team, name: &str, json: bool) -> anyhow::Result<ExitCode> {
    let name = turk_roster::validate_name(name)?;
    let roster = team.roster()?;
    let member = roster.member(&name).cloned();
    let charter_path = team.charter_path(&name);
    let charter = team.charter(&name)?;
    let history = team.history(&name)?;
    let registry = team
        .registry()?
        .into_iter()
        .find(|e| e.key.eq_ignore_ascii_case(&name.to_lowercase()));
    let routing = team.routing()?;
    let routes: Vec<_> = routing.routes_for(&name).into_iter().cloned().collect();
    let labels: Vec<_> = routing.labels_for(&name).into_iter().cloned().collect();
    let alumni = team.alumni_dir(&name).is_dir();
    if member.is_none() && charter.is_none() && registry.is_none() && !alumni {
        return Err(RosterError::UnknownMember { name }.into());
    }
    if json {
        print_json(&json!({
            "name": name,
            "member": member,
            "alumni": alumni,
            "charter": charter.as_ref().map(|c| json!({
                "path": rel(team, &charter_path),
                "title": c.title,
                "sections": c.sections.iter().map(|s| &s.heading).collect::<Vec<_>>(),
            })),
            "history": history.as_ref().map(|h| json!({"path": rel(team, &team.history_path(&name)), "bytes": h.len()})),
            "registry": registry,
            "routes": routes,
            "issue_routes": labels,
        }));
        return Ok(ExitCode::SUCCESS);
    }
    let team_md = rel(team, &team.team_md_path());
    let routing_md = rel(team, &team.routing_md_path());
    match &member {
        Some(m) => {
            println!("{} — {}", m.name, m.role);
            println!("  roster:   {} ({team_md}:{})", m.status, m.line);
        }
        None => {
            println!("{name}");
            println!(
                "  roster:   not on the roster{}",
                if alumni { " (in agents/_alumni/)" } else { "" }
            );
        }
    }
    match &charter {
        Some(c) => {
            let heads: Vec<&str> = c
                .sections
                .iter()
                .filter(|s| s.level == 2)
                .map(|s| s.heading.as_str())
                .collect();
            println!("  charter:  {} ({})", rel(team, &charter_path), heads.join(", "));
        }
        None => println!("  charter:  missing ({})", rel(team, &charter_path)),
    }
    match &history {
        Some(h) => println!(
            "  history:  {} ({} bytes)",
            rel(team, &team.history_path(&name)),
            h.len()
        ),
        None => println!("  history:  missing"),
    }
    match &registry {
        Some(e) => println!(
            "  registry: {} ({}, {}{})",
            e.persistent_name.as_deref().unwrap_or(&e.key),
            e.universe.as_deref().unwrap_or("no universe"),
            e.status.as_deref().unwrap_or("no status"),
            e.created_at
                .as_deref()
                .map(|c| format!(", since {c}"))
                .unwrap_or_default()
        ),
        None => println!("  registry: no entry"),
    }
    for r in &routes {
        println!("  routing:  {} ({routing_md}:{})", r.work_type, r.line);
    }
    for l in &labels {
        println!("  issues:   {} ({routing_md}:{})", l.label, l.line);
    }
    if routes.is_empty() && labels.is_empty() {
        println!("  routing:  none");
    }
    Ok(ExitCode::SUCCESS)
}

fn run_doctor(team: &Team, fix: bool, dry_run: bool, json: bool) -> anyhow::Result<ExitCode> {
    let mut problems = Vec::new();
    let mut left = Vec::new();
    let plan = if fix {
        change(team, dry_run, |t| {
            problems = doctor::check(t)?;
            let (plan, l) = doctor::plan_fix(t, &problems)?;
            left = l;
            Ok(plan)
        })?
    } else {
        problems = doctor::check(team)?;
        Plan::new()
    };
    if fix && !dry_run && !plan.is_empty() {
        // Check again: one repair can settle other problems (removing a malformed row, say), and what we
        // report as left must be what is really left.
        left = doctor::check(team)?;
    }
    let remaining = if fix && !dry_run { &left } else { &problems };
    if json {
        print_json(&json!({
            "team_dir": rel(team, team.dir()),
            "layout": team.layout(),
            "problems": problems.iter().map(|p| json!({
                "code": p.code.id(), "slug": p.code.slug(), "file": p.file, "line": p.line,
                "message": p.message, "member": p.member, "fixable": p.fixable,
            })).collect::<Vec<_>>(),
            "fixed": if fix { Some(&plan.notes) } else { None },
            "left": if fix { Some(left.iter().map(|p| p.render()).collect::<Vec<_>>()) } else { None },
            "diff": if fix && dry_run { Some(plan.diff(&team.layout().repo_root)) } else { None },
        }));
        return Ok(if remaining.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    println!("Checking {}", team.layout().describe());
    for p in &problems {
        println!("{}", p.render());
    }
    if problems.is_empty() {
        println!("No problems found.");
        return Ok(ExitCode::SUCCESS);
    }
    let fixable = problems.iter().filter(|p| p.fixable).count();
    println!(
        "{} problem(s) found, {fixable} fixable with --fix.",
        problems.len()
    );
    if fix {
        if dry_run {
            print!("{}", plan.diff(&team.layout().repo_root));
            println!("dry run: nothing written");
        } else {
            for n in &plan.notes {
                println!("fixed: {n}");
            }
        }
        for p in &left {
            println!("left:  {}", p.render());
        }
        println!("{} problem(s) left for a person.", left.len());
    }
    Ok(if remaining.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn charter(squad_dir: Option<&Path>, name: &str, builtin: bool, json: bool) -> anyhow::Result<ExitCode> {
    let team = if builtin {
        None
    } else {
        match squad_dir {
            Some(d) => Some(Team::open(d)?),
            None => match Team::discover(std::env::current_dir()?) {
                Ok(t) => Some(t),
                Err(RosterError::NotFound { .. }) => None,
                Err(e) => return Err(e.into()),
            },
        }
    };
    let c = turk_roster::charter_or_builtin(team.as_ref(), name)?;
    if json {
        print_json(&serde_json::to_value(&c)?);
    } else {
        match &c.origin {
            turk_roster::CharterOrigin::Team { path } => eprintln!("charter: {}", path.display()),
            turk_roster::CharterOrigin::Builtin => eprintln!("charter: built-in"),
        }
        write_stdout(&c.text);
    }
    Ok(ExitCode::SUCCESS)
}
