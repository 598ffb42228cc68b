//! SARIF 2.1.0, as GitHub code scanning reads it: one run, the rules as `tool.driver.rules`, one result per
//! finding with its location, level and stable fingerprint.

use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, PropertyBag, Region,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif, Tool,
    ToolComponent,
};
use std::collections::BTreeMap;
use turk_findings::{Category, Finding, Priority};

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

/// Renders findings as a pretty-printed SARIF 2.1.0 log. Findings whose origin has no entry in `rules` still
/// get a result (with a rule entry made from the finding itself).
pub fn to_sarif(findings: &[Finding], rules: &[RuleInfo], tool_version: &str) -> String {
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
            result(f, index)
        })
        .collect();
    let driver = ToolComponent::builder()
        .name("turk")
        .version(tool_version)
        .information_uri("https://example.invalid/turk")
        .rules(rule_entries)
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .build();
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

fn result(f: &Finding, rule_index: i64) -> SarifResult {
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
                .artifact_location(ArtifactLocation::builder().uri(&f.span.path).build())
                .region(region)
                .build(),
        )
        .build();
    let mut message = f.title.clone();
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
