//! `--format sarif`: SARIF 2.1.0 for code-scanning services. Every rule is
//! listed in `tool.driver.rules`, and so is each custom rule that reported
//! something (results point at it by `ruleIndex`); regions
//! carry 1-based lines, 1-based UTF-16 columns (`run.columnKind` says so, as
//! GitHub and editors count) with exclusive end columns, and byte offsets.
//! Relative paths are relative to `%SRCROOT%`, the current directory.

use super::positions::Located;
use super::RunResult;
use crate::problems::ProblemLevel;
use faultline_core::{all_rules, Diagnostic, Severity, TextRange};
use serde_json::json;
use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix, Invocation, Location, Message, MultiformatMessageString,
    Notification, PhysicalLocation, PropertyBag, Region, Replacement, ReportingConfiguration, ReportingDescriptor,
    Result as SarifResult, ResultLevel, Run, Sarif, Tool, ToolComponent,
};
use std::collections::BTreeMap;
use std::io::{self, Write};

const SRCROOT: &str = "%SRCROOT%";

pub fn write(out: &mut dyn Write, run: &RunResult<'_>, cwd: Option<&std::path::Path>) -> io::Result<()> {
    let mut descriptors = built_in_descriptors();
    let mut results = Vec::new();
    for report in run.reports {
        let at = Located::of(&report.source);
        let artifact = artifact_location(&report.shown);
        for d in &report.diagnostics {
            let rule_index = match descriptors.iter().position(|r| r.id == d.code) {
                Some(i) => i,
                None => {
                    descriptors.push(custom_descriptor(d));
                    descriptors.len() - 1
                }
            };
            results.push(result(d, Some(rule_index as i64), &at, &artifact));
        }
    }
    let notifications: Vec<Notification> = run
        .problems
        .iter()
        .map(|p| {
            let level = match p.level {
                ProblemLevel::Error => "error",
                ProblemLevel::Warning => "warning",
                ProblemLevel::Note => "note",
            };
            Notification::builder().level(json!(level)).message(text_message(&p.message)).build()
        })
        .collect();
    let mut invocation = Invocation::builder()
        .execution_successful(!run.problems.iter().any(|p| p.level == ProblemLevel::Error))
        .build();
    invocation.tool_execution_notifications = (!notifications.is_empty()).then_some(notifications);
    let base_ids = cwd.map(|cwd| {
        let mut uri = file_uri(&crate::paths::slash_string(cwd));
        if !uri.ends_with('/') {
            uri.push('/');
        }
        BTreeMap::from([(SRCROOT.to_string(), ArtifactLocation { uri: Some(uri), ..Default::default() })])
    });
    let mut run_object = Run::builder()
        .tool(Tool::builder().driver(driver(descriptors)).build())
        .column_kind(json!("utf16CodeUnits"))
        .invocations(vec![invocation])
        .results(results)
        .build();
    run_object.original_uri_base_ids = base_ids;
    let sarif = Sarif::builder()
        .schema("https://json.schemastore.org/sarif-2.1.0.json")
        .version(json!("2.1.0"))
        .runs(vec![run_object])
        .build();
    serde_json::to_writer_pretty(&mut *out, &sarif)?;
    writeln!(out)
}

/// One descriptor per built-in rule, in registry order.
fn built_in_descriptors() -> Vec<ReportingDescriptor> {
    all_rules()
        .iter()
        .map(|rule| {
            let meta = rule.meta();
            let mut descriptor = ReportingDescriptor::builder()
                .id(meta.code)
                .name(meta.name)
                .short_description(plain(meta.summary))
                .full_description(plain(meta.summary))
                .help(MultiformatMessageString::builder().text(meta.docs).markdown(meta.docs).build())
                .build();
            descriptor.default_configuration = Some(ReportingConfiguration {
                level: Some(json!(level_name(meta.default_severity))),
                ..Default::default()
            });
            descriptor.properties =
                Some(PropertyBag { tags: Some(vec![meta.family.as_str().to_string()]), ..Default::default() });
            descriptor
        })
        .collect()
}

/// A user-defined rule that reported something: its id, and the family tag
/// `custom` (its docs live in the user's rule file, not here).
fn custom_descriptor(d: &Diagnostic) -> ReportingDescriptor {
    let mut descriptor = ReportingDescriptor::builder().id(d.code).name(d.name).build();
    descriptor.default_configuration =
        Some(ReportingConfiguration { level: Some(json!(level_name(d.severity))), ..Default::default() });
    descriptor.properties = Some(PropertyBag { tags: Some(vec![d.family.as_str().to_string()]), ..Default::default() });
    descriptor
}

fn driver(rules: Vec<ReportingDescriptor>) -> ToolComponent {
    ToolComponent::builder()
        .name("faultline")
        .version(faultline_core::VERSION)
        .semantic_version(faultline_core::VERSION)
        .information_uri(env!("CARGO_PKG_REPOSITORY"))
        .rules(rules)
        .build()
}

fn result(d: &Diagnostic, rule_index: Option<i64>, at: &Located<'_>, artifact: &ArtifactLocation) -> SarifResult {
    let location = |range: TextRange, message: Option<Message>, id: Option<i64>| Location {
        id,
        message,
        physical_location: Some(PhysicalLocation {
            artifact_location: Some(artifact.clone()),
            region: Some(region(at, range)),
            ..Default::default()
        }),
        ..Default::default()
    };
    let related: Vec<Location> = d
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| location(r.range, Some(text_message(&r.message)), Some(i as i64)))
        .collect();
    let fixes = d.fix.as_ref().map(|fix| {
        let replacements: Vec<Replacement> = fix
            .edits
            .iter()
            .map(|e| {
                Replacement::builder()
                    .deleted_region(region(at, e.range))
                    .inserted_content(ArtifactContent { text: Some(e.new_text.clone()), ..Default::default() })
                    .build()
            })
            .collect();
        let change = ArtifactChange::builder().artifact_location(artifact.clone()).replacements(replacements).build();
        vec![Fix::builder().description(text_message(&fix.title)).artifact_changes(vec![change]).build()]
    });
    let level = match d.severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info | Severity::Hint => ResultLevel::Note,
    };
    let mut result = SarifResult::builder()
        .rule_id(d.code)
        .level(level)
        .message(text_message(&d.message))
        .locations(vec![location(d.range, None, None)])
        .build();
    result.rule_index = rule_index;
    result.related_locations = (!related.is_empty()).then_some(related);
    result.fixes = fixes;
    result
}

fn region(at: &Located<'_>, range: TextRange) -> Region {
    let (start, end) = (at.snap(range.start), at.snap(range.end));
    let (start_line, start_column) = at.utf16(start);
    let (end_line, end_column) = at.utf16(end);
    Region {
        start_line: Some(start_line as i64),
        start_column: Some(start_column as i64),
        end_line: Some(end_line as i64),
        end_column: Some(end_column as i64),
        byte_offset: Some(start as i64),
        byte_length: Some(end.saturating_sub(start) as i64),
        ..Default::default()
    }
}

fn level_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn plain(text: &str) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(text).build()
}

fn text_message(text: &str) -> Message {
    Message { text: Some(text.to_string()), ..Default::default() }
}

fn artifact_location(shown: &str) -> ArtifactLocation {
    let is_absolute = shown.starts_with('/') || shown.as_bytes().get(1) == Some(&b':');
    if is_absolute {
        ArtifactLocation { uri: Some(file_uri(shown)), ..Default::default() }
    } else {
        ArtifactLocation {
            uri: Some(percent_encode(shown)),
            uri_base_id: Some(SRCROOT.to_string()),
            ..Default::default()
        }
    }
}

fn file_uri(absolute: &str) -> String {
    match absolute.starts_with('/') {
        true => format!("file://{}", percent_encode(absolute)),
        false => format!("file:///{}", percent_encode(absolute)),
    }
}

/// Percent-encodes every byte but unreserved characters and `/` (RFC 3986).
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_paths_as_uris() {
        assert_eq!(percent_encode("a b/ü.go"), "a%20b/%C3%BC.go");
        assert_eq!(file_uri("/usr/x.go"), "file:///usr/x.go");
        assert_eq!(artifact_location("pkg/a.go").uri_base_id.as_deref(), Some(SRCROOT));
    }
}
