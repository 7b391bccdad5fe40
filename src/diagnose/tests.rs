//! The registry's own tests: ids unique, well formed and documented in the README; every
//! rule fires on its case and stays quiet on the other; missing facts give pending/unknown.

use super::cases;
use super::*;

fn case(id: &str) -> &'static cases::Case {
    cases::all()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no case for {id}"))
}

fn outcome(id: &str, facts: &Facts, profile: &Profile) -> Outcome {
    evaluate(facts, profile, |r| r.id == id)
        .pop()
        .unwrap_or_else(|| panic!("no rule {id}"))
}

#[test]
fn ids_are_unique_and_well_formed() {
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    for id in &ids {
        let (area, name) = id
            .split_once('.')
            .unwrap_or_else(|| panic!("{id}: area.name"));
        assert!(
            !area.is_empty() && area.chars().all(|c| c.is_ascii_lowercase()),
            "{id}"
        );
        assert!(
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{id}"
        );
    }
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate rule ids");
}

#[test]
fn every_rule_is_documented_in_the_readme() {
    let readme = include_str!("../../README.md");
    for r in RULES {
        assert!(
            readme.contains(&format!("`{}`", r.id)),
            "README does not list `{}`",
            r.id
        );
        assert!(!r.checks.is_empty(), "{} says what it checks", r.id);
    }
}

#[test]
fn every_rule_has_a_case_that_fires_and_one_that_stays_quiet() {
    for r in RULES {
        assert!(cases::all().any(|c| c.id == r.id), "no case for {}", r.id);
    }
    for c in cases::all() {
        let rule = registry::find(c.id).unwrap_or_else(|| panic!("case for unknown rule {}", c.id));
        let (facts, profile) = (c.fires)();
        let o = outcome(c.id, &facts, &profile);
        let found = o.verdict.findings();
        assert!(!found.is_empty(), "{} did not fire: {:?}", c.id, o.verdict);
        for f in found {
            assert_eq!(f.id, rule.id);
            assert_eq!(f.section, rule.section);
            assert!(
                !f.title.is_empty() && !f.evidence.is_empty() && !f.fix.is_empty(),
                "{f:?}"
            );
        }
        assert!(
            matches!(o.status(), Status::Fail | Status::Warn),
            "{}",
            c.id
        );
        let (facts, profile) = (c.quiet)();
        let o = outcome(c.id, &facts, &profile);
        assert!(
            matches!(o.verdict, Verdict::Pass(_) | Verdict::NotApplicable(_)),
            "{} fired on its quiet case: {:?}",
            c.id,
            o.verdict
        );
    }
}

#[test]
fn missing_facts_are_pending_or_unknown_with_why() {
    let mut facts = Facts::new(Subject::Image {
        reference: "x:1".into(),
    });
    let p = Profile::default();
    let o = outcome("layers.build-tools", &facts, &p);
    assert_eq!(o.verdict, Verdict::Pending(Fact::Layers));
    assert_eq!(o.status(), Status::Pending);
    facts.layers = Part::Unavailable("the export failed: disk full".into());
    let o = outcome("layers.build-tools", &facts, &p);
    assert_eq!(o.status(), Status::Unknown);
    assert!(
        o.verdict.summary().contains("disk full"),
        "{}",
        o.verdict.summary()
    );
}

#[test]
fn evidence_names_layers_and_paths() {
    let (facts, p) = (case("layers.chown-copy").fires)();
    let all = evaluate(&facts, &p, |_| true);
    let fs = findings(&all);
    let by = |id: &str| {
        fs.iter()
            .find(|f| f.id == id)
            .cloned()
            .unwrap_or_else(|| panic!("{id}"))
    };
    assert!(by("layers.source-before-deps").evidence.contains("layer 0"));
    assert_eq!(
        by("layers.source-before-deps").section,
        Section::DependencyLayerSeparation
    );
    assert!(by("layers.chown-copy").evidence.contains("layer 2"));
    let (facts, p) = (case("layers.build-tools").fires)();
    let fs = findings(&evaluate(&facts, &p, |_| true));
    assert!(fs[0].evidence.contains("/usr/bin/gcc"), "{fs:?}");
    assert!(fs[0].paths.iter().any(|p| p == "/usr/bin/gcc"));
}

#[test]
fn findings_come_most_severe_first() {
    let (facts, mut p) = (case("layers.env-file").fires)();
    p.size_budget_bytes = 1;
    let fs = findings(&evaluate(&facts, &p, |_| true));
    assert_eq!(fs[0].id, "layers.env-file");
    assert_eq!(fs[0].severity, Severity::Error);
    assert!(fs.iter().any(|f| f.id == "layers.size-budget"));
}

#[test]
fn advice_of_a_clean_image_is_empty() {
    let (facts, p) = (case("layers.build-tools").quiet)();
    let a = facts
        .layers
        .get()
        .cloned()
        .unwrap_or_else(|| panic!("layers"));
    assert_eq!(advise_layers(a, &p), Vec::<Finding>::new());
}
