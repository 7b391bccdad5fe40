//! Rules over registry reachability from the daemon (`Fact::Registry`): the guide's
//! "Network issues: check if can access ghcr.io", for every registry the build pulls from.
//! A 401 or a missing tag means the registry answered: the network is fine, something else
//! is not.

use crate::diagnose::Fact;
use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::registry::probe::{Probe, RegistryFacts, RegistryOutcome as Outcome, describe, fix};

fn facts<'a>(i: &'a Input) -> Option<&'a RegistryFacts> {
    i.facts.registry.get().map(|f| f.as_ref())
}

fn line(p: &Probe) -> String {
    let msg = if p.message.is_empty() {
        String::new()
    } else {
        format!(": {}", p.message)
    };
    format!(
        "{} ({}) {} after {} ms{msg}",
        p.registry,
        p.image,
        describe(p.outcome),
        p.elapsed_ms
    )
}

/// Findings for the probes `pick` selects; a pass listing the others.
fn verdict(i: &Input, pick: fn(Outcome) -> bool, title: fn(&Probe) -> String) -> Verdict {
    let Some(f) = facts(i) else {
        return Verdict::Pending(Fact::Registry);
    };
    if f.probes.is_empty() {
        return Verdict::NotApplicable("no registry to check".into());
    }
    let bad: Vec<&Probe> = f.probes.iter().filter(|p| pick(p.outcome)).collect();
    if bad.is_empty() {
        let ok: Vec<String> = f
            .probes
            .iter()
            .map(|p| format!("{} {}", p.registry, describe(p.outcome)))
            .collect();
        return Verdict::Pass(ok.join(", "));
    }
    Verdict::Fail(
        bad.iter()
            .map(|p| {
                i.finding()
                    .title(title(p))
                    .evidence(format!(
                        "{}; named by {}; {}",
                        line(p),
                        p.named_by.join(", "),
                        f.settings()
                    ))
                    .fix(fix(p.outcome, &p.registry, f))
            })
            .collect(),
    )
}

pub fn reachable(i: &Input) -> Verdict {
    verdict(
        i,
        |o| !o.registry_answered(),
        |p| {
            format!(
                "The daemon cannot reach {}: {}",
                p.registry,
                describe(p.outcome)
            )
        },
    )
}

pub fn credentials(i: &Input) -> Verdict {
    verdict(
        i,
        |o| o == Outcome::AuthRequired,
        |p| format!("{} wants credentials for {}", p.registry, p.image),
    )
}

pub fn image_exists(i: &Input) -> Verdict {
    verdict(
        i,
        |o| o == Outcome::NotFound,
        |p| format!("{} has no image {}", p.registry, p.image),
    )
}
