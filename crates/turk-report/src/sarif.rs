//! SARIF 2.1.0, as GitHub code scanning reads it: one run, the rules as `tool.driver.rules`, one result per
//! finding with its location, level and stable fingerprint.

use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, PropertyBag, Region,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif, Tool,
    ToolComponent,
};
use std::collections::BTreeMap;
use std::path::Path;
use turk_findings::{Category, Finding, Origin, Priority, Span};
use turk_run::{AuditRun, Cluster};

/// What SARIF needs to know about a rule (or a reviewer, for model findings).
#[derive(Debug, Clone)]
pub struct RuleInfo {
    pub id: String,
    pub message: String,
    pub why: String,
    pub fix: String,
    pub priority: Priority,
    pub category: Category,
}

/// SARIF levels: P0 is an error, P1 a warning, P2 a note.
fn level(priority: Priority) -> ResultLevel {
    match priority {
        Priority::P0 => ResultLevel::Error,
        Priority::P1 => ResultLevel::Warning,
        Priority::P2 => ResultLevel::Note,
    }
}

/// An audit run as SARIF: one result per unique problem of the reviews (rule `review/<category>`, the priority
/// the synthesis chose, the cluster's fingerprint) and one per static finding. A problem whose path points
/// outside the repository (absolute, or with `..`) has no place in code scanning and is left out; the report
/// still shows it, unverified, with the reason.
pub fn run_to_sarif(run: &AuditRun, rules: &[RuleInfo]) -> String {
    let mut findings: Vec<Finding> = run
        .clusters
        .iter()
        .filter(|c| inside_repository(&c.path))
        .map(|c| cluster_finding(run, c))
        .collect();
    findings.extend(run.static_findings.iter().cloned());
    to_sarif(&findings, rules, &run.tool.version, run.root_uri.as_deref())
}

/// A cluster as one finding: its title with who found it and each finder's priority, its chosen priority, its
/// fingerprint.
fn cluster_finding(run: &AuditRun, c: &Cluster) -> Finding {
    let finders: Vec<String> = c
        .found_by
        .iter()
        .map(|id| {
            let label = run
                .reviewers
                .iter()
                .find(|r| &r.id == id)
                .map_or(id.as_str(), |r| r.label_or_id());
            format!("{label} {}", c.priorities[id])
        })
        .collect();
    let mut title = format!("{} (found by {}", c.title, finders.join(", "));
    if !c.verified {
        title.push_str("; not verified against the code");
    }
    title.push(')');
    let mut finding = Finding::new(
        Origin::rule(format!("review/{}", c.category)),
        c.category,
        c.priority,
        Span::lines(c.path.clone(), c.start_line, c.end_line),
        title,
    )
    .with_why(c.why.clone())
    .with_fix(c.fix.clone());
    finding.fingerprint = c.fingerprint.clone();
    finding
}

/// A path relative to the repository root that stays inside it.
fn inside_repository(path: &str) -> bool {
    let p = path.replace('\\', "/");
    let bytes = p.as_bytes();
    !(p.is_empty()
        || p.starts_with('/')
        || (bytes.len() >= 2 && bytes[1] == b':')
        || p.split('/').any(|part| part == ".."))
}

/// Renders findings as a pretty-printed SARIF 2.1.0 log. Findings whose origin has no entry in `rules` still
/// get a result (with a rule entry made from the finding itself). Finding paths are relative to the scanned
/// folder; when its `file://` URI is given (see [`file_uri`]), results carry `uriBaseId: %SRCROOT%` and the run
/// maps it to that URI, so code scanning can place results scanned from a subfolder.
pub fn to_sarif(
    findings: &[Finding],
    rules: &[RuleInfo],
    tool_version: &str,
    root_uri: Option<&str>,
) -> String {
    let mut descriptors: Vec<RuleInfo> = rules.to_vec();
    for finding in findings {
        if !descriptors.iter().any(|r| r.id == finding.origin.id()) {
            descriptors.push(RuleInfo {
                id: finding.origin.id().to_string(),
                message: finding.title.clone(),
                why: finding.why.clone(),
                fix: finding.fix.clone(),
                priority: finding.priority,
                category: finding.category,
            });
        }
    }
    let rule_entries: Vec<ReportingDescriptor> = descriptors.iter().map(descriptor).collect();
    let results: Vec<SarifResult> = findings
        .iter()
        .map(|f| {
            let index = descriptors
                .iter()
                .position(|r| r.id == f.origin.id())
                .unwrap_or(0) as i64;
            result(f, index, root_uri.is_some())
        })
        .collect();
    let driver = ToolComponent::builder()
        .name("turk")
        .version(tool_version)
        .information_uri("https://example.invalid/turk")
        .rules(rule_entries)
        .build();
    let mut run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .build();
    if let Some(root) = root_uri {
        let mut bases = BTreeMap::new();
        bases.insert(SRCROOT.to_string(), ArtifactLocation::builder().uri(root).build());
        run.original_uri_base_ids = Some(bases);
    }
    let log = Sarif::builder()
        .schema("https://json.schemastore.org/sarif-2.1.0.json")
        .version(serde_json::json!("2.1.0"))
        .runs(vec![run])
        .build();
    serde_json::to_string_pretty(&log).expect("SARIF values always serialise")
}

fn text(s: &str) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(s).build()
}

fn descriptor(rule: &RuleInfo) -> ReportingDescriptor {
    let mut properties = BTreeMap::new();
    properties.insert("category".to_string(), serde_json::json!(rule.category.as_str()));
    properties.insert(
        "priority".to_string(),
        serde_json::json!(rule.priority.to_string()),
    );
    properties.insert(
        "tags".to_string(),
        serde_json::json!(["performance", rule.category.as_str()]),
    );
    ReportingDescriptor::builder()
        .id(&rule.id)
        .short_description(text(&rule.message))
        .full_description(text(&rule.why))
        .help(text(&format!("{}\n\nFix: {}", rule.why, rule.fix)))
        .default_configuration(
            ReportingConfiguration::builder()
                .level(serde_json::json!(level_name(rule.priority)))
                .build(),
        )
        .properties(PropertyBag::builder().additional_properties(properties).build())
        .build()
}

fn level_name(priority: Priority) -> &'static str {
    match priority {
        Priority::P0 => "error",
        Priority::P1 => "warning",
        Priority::P2 => "note",
    }
}

const SRCROOT: &str = "%SRCROOT%";

/// `file:///abs/folder/` for a folder (trailing slash: SARIF resolves relative URIs against it).
pub fn file_uri(folder: &Path) -> Option<String> {
    let absolute = folder.canonicalize().ok()?;
    let text = absolute.to_string_lossy().replace('\\', "/");
    let text = text.trim_end_matches('/');
    let encoded: String = text
        .chars()
        .map(|c| match c {
            ' ' => "%20".to_string(),
            '%' => "%25".to_string(),
            '#' => "%23".to_string(),
            '?' => "%3F".to_string(),
            c => c.to_string(),
        })
        .collect();
    let lead = if encoded.starts_with('/') { "" } else { "/" };
    Some(format!("file://{lead}{encoded}/"))
}

fn result(f: &Finding, rule_index: i64, based: bool) -> SarifResult {
    let mut region = Region::builder()
        .start_line(i64::from(f.span.start_line))
        .end_line(i64::from(f.span.end_line))
        .build();
    if f.span.start_column > 0 {
        region.start_column = Some(i64::from(f.span.start_column));
    }
    let location = Location::builder()
        .physical_location(
            PhysicalLocation::builder()
                .artifact_location({
                    let mut location = ArtifactLocation::builder().uri(&f.span.path).build();
                    if based {
                        location.uri_base_id = Some(SRCROOT.to_string());
                    }
                    location
                })
                .region(region)
                .build(),
        )
        .build();
    let mut message = f.title.clone();
    if !f.because.is_empty() {
        message.push_str(" (");
        message.push_str(&f.because);
        message.push(')');
    }
    if !f.fix.is_empty() {
        message.push_str(". Fix: ");
        message.push_str(&f.fix);
    }
    let mut fingerprints = BTreeMap::new();
    fingerprints.insert("turk/v1".to_string(), f.fingerprint.to_string());
    SarifResult::builder()
        .rule_id(f.origin.id())
        .rule_index(rule_index)
        .level(level(f.priority))
        .message(Message::builder().text(message).build())
        .locations(vec![location])
        .partial_fingerprints(fingerprints)
        .build()
}
