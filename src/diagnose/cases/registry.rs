//! Cases of the registry rules: the guide's registry reachable, and each kind of failure.

use std::sync::Arc;

use super::Case;
use crate::diagnose::{Facts, Part, Subject};
use crate::profile::Profile;
use crate::registry::{Probe, RegistryFacts, RegistryOutcome as Outcome};

fn probes(outcome: Outcome, message: &str) -> (Facts, Profile) {
    let r = RegistryFacts {
        probes: vec![Probe {
            registry: "ghcr.io".into(),
            image: crate::profile::GUIDE_BASE_IMAGE.into(),
            named_by: vec!["profile base_image".into()],
            outcome,
            message: message.into(),
            elapsed_ms: 240,
        }],
        ..RegistryFacts::default()
    };
    let mut f = Facts::new(Subject::Image {
        reference: "app:1".into(),
    });
    f.registry = Part::Ready(Arc::new(r));
    (f, Profile::default())
}

fn quiet() -> (Facts, Profile) {
    probes(Outcome::Reachable, "")
}

#[rustfmt::skip]
pub static CASES: &[Case] = &[
    Case { id: "registry.reachable", quiet,
        fires: || probes(Outcome::DnsFailure, "dial tcp: lookup ghcr.io on 127.0.0.53:53: no such host") },
    Case { id: "registry.credentials", quiet, fires: || probes(Outcome::AuthRequired, "unauthorized") },
    Case { id: "registry.image-exists", quiet, fires: || probes(Outcome::NotFound, "manifest unknown") },
];
