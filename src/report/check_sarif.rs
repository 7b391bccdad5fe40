//! `docktor check --format sarif`: SARIF 2.1.0 for code-scanning dashboards, built with the
//! format's own types (`serde-sarif`). Every rule of the registry is a `reportingDescriptor`
//! (id, the check, the guide's section, the default level); every finding a `result` —
//! suppressed ones with an external suppression and its reason. A finding about paths in
//! the image locates each under `ROOTFS` (the container's or image's `/`); the others are
//! located at the subject itself. Checks that could not run are tool notifications.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use serde_sarif::sarif::{
    ArtifactLocation, Invocation, Location, LogicalLocation, Message, MultiformatMessageString,
    Notification, PhysicalLocation, PropertyBag, ReportingConfiguration, ReportingDescriptor,
    Result as SarifResult, ResultLevel, Run, Sarif, Suppression, Tool, ToolComponent,
};

use super::check::{CheckReport, unknown_of};
use crate::checklist::Suppression as Ignored;
use crate::diagnose::{Finding, RULES, Rule, Severity, Subject};

/// The schema the output follows.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Where paths inside the container or image are rooted.
pub const ROOT: &str = "ROOTFS";
/// At most this many locations per result.
const MAX_LOCATIONS: usize = 10;

fn level(s: Severity) -> ResultLevel {
    match s {
        Severity::Error => ResultLevel::Error,
        Severity::Warn => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

fn text(t: impl Into<String>) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(t.into()).build()
}

fn descriptor(r: &Rule) -> ReportingDescriptor {
    let help = format!(
        "{}. From the optimization guide's \"{}\" ({}). Each finding says what was seen and \
         how to fix it; `docktor check --format json` lists the same with evidence.",
        r.checks,
        r.section.heading(),
        r.section.path()
    );
    ReportingDescriptor::builder()
        .id(r.id)
        .name(r.id.replace(['.', '-'], "_"))
        .short_description(text(r.checks))
        .full_description(text(format!("{} — {}", r.checks, r.section.path())))
        .help(text(help))
        .default_configuration(
            ReportingConfiguration::builder()
                .level(json!(level(r.severity)))
                .build(),
        )
        .properties(
            PropertyBag::builder()
                .tags(vec![
                    r.section.group().title().to_string(),
                    r.section.slug().to_string(),
                ])
                .build(),
        )
        .build()
}

fn subject_location(subject: &Subject) -> Location {
    let (kind, name) = match subject {
        Subject::Container { name, .. } => ("container", name.as_str()),
        Subject::Image { reference } => ("image", reference.as_str()),
        Subject::Context { dir } => ("build-context", dir.as_str()),
        Subject::Engine { host } => ("engine", host.as_str()),
    };
    let logical = LogicalLocation::builder()
        .name(name)
        .kind(kind)
        .fully_qualified_name(format!("{kind}:{name}"))
        .build();
    let physical = PhysicalLocation::builder()
        .artifact_location(ArtifactLocation::builder().uri(name).build())
        .build();
    Location::builder()
        .physical_location(physical)
        .logical_locations(vec![logical])
        .build()
}

fn locations(f: &Finding, subject: &Subject) -> Vec<Location> {
    if f.paths.is_empty() {
        return vec![subject_location(subject)];
    }
    let (base, trim) = match subject {
        // A context's paths are relative to the repository the check runs in.
        Subject::Context { .. } => (None, false),
        _ => (Some(ROOT), true),
    };
    f.paths
        .iter()
        .take(MAX_LOCATIONS)
        .map(|p| {
            let uri = if trim {
                p.trim_start_matches('/')
            } else {
                p.as_str()
            };
            let mut art = ArtifactLocation::builder().uri(uri).build();
            art.uri_base_id = base.map(str::to_string);
            Location::builder()
                .physical_location(PhysicalLocation::builder().artifact_location(art).build())
                .build()
        })
        .collect()
}

fn result(f: &Finding, subject: &Subject, ignored: Option<&Ignored>, file: &str) -> SarifResult {
    let index = RULES.iter().position(|r| r.id == f.id).unwrap_or(0) as i64;
    let message = format!("{}. {} Fix: {}", f.title, f.evidence, f.fix);
    let mut r = SarifResult::builder()
        .rule_id(f.id)
        .rule_index(index)
        .level(level(f.severity))
        .message(Message::builder().text(message).build())
        .locations(locations(f, subject))
        .build();
    if let Some(s) = ignored {
        r.suppressions = Some(vec![
            Suppression::builder()
                .kind(json!("external"))
                .justification(format!("{} ({file}:{})", s.reason, s.line))
                .build(),
        ]);
    }
    r
}

fn note(text: String, level: &str) -> Notification {
    Notification::builder()
        .message(Message::builder().text(text).build())
        .level(json!(level))
        .build()
}

pub fn render(r: &CheckReport) -> Value {
    let file = r.ignore_file.as_deref().unwrap_or(".docktorignore");
    let mut results: Vec<SarifResult> = r
        .checklist
        .findings()
        .into_iter()
        .map(|f| result(f, &r.subject, None, file))
        .collect();
    results.extend(
        r.checklist
            .suppressed()
            .into_iter()
            .map(|(f, s)| result(f, &r.subject, Some(s), file)),
    );
    let mut notes: Vec<Notification> = r
        .warnings
        .iter()
        .map(|w| note(w.clone(), "warning"))
        .collect();
    notes.extend(r.checklist.rows().filter_map(|row| {
        let (fact, why) = unknown_of(row)?;
        Some(note(
            format!(
                "{}: could not check {}: {why}",
                row.outcome.rule.id,
                fact.describe()
            ),
            "note",
        ))
    }));
    let driver = ToolComponent::builder()
        .name("docktor")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .rules(RULES.iter().map(descriptor).collect::<Vec<_>>())
        .build();
    let invocation = Invocation::builder()
        .execution_successful(true)
        .exit_code(if r.failed() { 1 } else { 0 })
        .tool_execution_notifications(notes)
        .build();
    let mut bases = BTreeMap::new();
    bases.insert(
        ROOT.to_string(),
        ArtifactLocation::builder()
            .uri("file:///")
            .description(
                Message::builder()
                    .text(format!("/ of {}", r.title()))
                    .build(),
            )
            .build(),
    );
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .invocations(vec![invocation])
        .original_uri_base_ids(bases)
        .build();
    let sarif = Sarif::builder()
        .schema(SCHEMA)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build();
    serde_json::to_value(sarif).unwrap_or(Value::Null)
}
