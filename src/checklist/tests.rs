//! The checklist groups by the guide's parts and applies suppressions; the suppression file
//! names its bad lines.

use std::sync::Arc;

use super::*;
use crate::diagnose::{Facts, Part as FactPart, Subject, evaluate};
use crate::profile::Profile;
use crate::runtime::ContainerFacts;

fn root_image() -> Vec<Outcome> {
    let mut f = Facts::new(Subject::Image {
        reference: "app:1".into(),
    });
    f.container = FactPart::Ready(Arc::new(ContainerFacts {
        details: None,
        image: Default::default(),
        script: None,
        last_logs: Vec::new(),
    }));
    evaluate(&f, &Profile::default(), |_| true)
}

#[test]
fn rows_are_grouped_by_the_guides_parts() {
    let c = Checklist::new(root_image(), None);
    let groups: Vec<Group> = c.parts.iter().map(|p| p.group).collect();
    assert_eq!(groups, GROUPS.to_vec());
    for p in &c.parts {
        assert!(p.rows.iter().all(|r| r.section().group() == p.group));
    }
    let counts = c.counts();
    assert_eq!(counts.warn, 1, "{counts:?}"); // runtime.non-root-user
    assert!(counts.pending > 0 && counts.not_applicable >= 2);
    assert_eq!(c.findings()[0].id, "runtime.non-root-user");
    assert!(!c.fails_at(Severity::Error) && c.fails_at(Severity::Warn));
}

#[test]
fn a_suppressed_finding_is_kept_with_its_reason() {
    let s = Suppressions::parse(
        "# ours\nruntime.non-root-user  # the platform maps root to a user namespace\n",
        ".docktorignore",
    );
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    let c = Checklist::new(root_image(), Some(&s));
    assert!(c.findings().is_empty());
    let sup = c.suppressed();
    assert_eq!(sup.len(), 1);
    assert_eq!(
        sup[0].1.reason,
        "the platform maps root to a user namespace"
    );
    assert_eq!(sup[0].1.line, 2);
    assert_eq!(c.counts().suppressed, 1);
    assert!(!c.fails_at(Severity::Info));
}

#[test]
fn bad_lines_are_warnings_naming_the_line() {
    let s = Suppressions::parse(
        "layers.git-dir setuptools-scm reads it\nlayers.nope  typo\n\nhealth.*\nbogus.* x\n",
        "ci/ignore",
    );
    assert_eq!(s.entries.len(), 2);
    assert!(s.find("health.failing").is_some() && s.find("layers.git-dir").is_some());
    assert!(s.find("layers.env-file").is_none());
    assert_eq!(s.warnings.len(), 3, "{:?}", s.warnings);
    assert!(s.warnings[0].starts_with("ci/ignore:2: no rule has the id `layers.nope`"));
    assert!(s.warnings[1].starts_with("ci/ignore:4: `health.*` is suppressed without a reason"));
    assert!(s.warnings[2].starts_with("ci/ignore:5:"));
}

#[test]
fn the_file_is_optional_unless_named() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(suppress::load(None, dir.path()), Ok(None));
    let err = suppress::load(Some(std::path::Path::new("missing")), dir.path()).unwrap_err();
    assert!(
        err.contains("missing") && err.contains("--ignore-file"),
        "{err}"
    );
    std::fs::write(
        dir.path().join(suppress::FILE),
        "cache.reclaimable shared CI box\n",
    )
    .unwrap();
    let s = suppress::load(None, dir.path()).unwrap().unwrap();
    assert_eq!(s.file, ".docktorignore");
    assert_eq!(s.entries[0].reason, "shared CI box");
}
