//! `Fact::Registry`: can the daemon reach the registries a build pulls from — the profile's
//! base image, every image named in the subject's history, or a context's Dockerfile. Each
//! registry is asked at the same time (distribution inspect, at most 10 s each), with the
//! daemon's proxy and mirror settings from `/info`.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use futures_util::future::join_all;

use super::layers::image_of;
use super::{Cancel, Gathered};
use crate::diagnose::{Fact, Part, Subject};
use crate::engine::Engine;
use crate::model::registry::{RegistryCheck, RegistryOutcome};
use crate::profile::Profile;
use crate::registry::{Outcome, Probe, RegistryFacts, Target, Targets};

/// The longest one registry may take to answer.
pub const TIMEOUT: Duration = Duration::from_secs(10);

pub async fn gather(
    engine: &Engine,
    subject: &Subject,
    profile: &Profile,
    _cancel: &Cancel,
) -> Gathered {
    let mut targets = Targets::default();
    targets.add(&profile.base_image, "profile base_image");
    match subject {
        Subject::Context { dir } => {
            let file = Path::new(dir).join("Dockerfile");
            if let Ok(text) = std::fs::read_to_string(&file) {
                targets.add_dockerfile(&text, "Dockerfile");
            }
        }
        _ => {
            if let Ok(image) = image_of(engine, subject).await
                && let Ok(h) = engine.image_history(&image).await
            {
                targets.add_history(h.iter().map(|e| e.created_by.as_str()));
            }
        }
    }
    let list = targets.into_vec();
    let checks = join_all(
        list.iter()
            .map(|t| engine.distribution_inspect(&t.image, TIMEOUT)),
    );
    let (checks, info) = tokio::join!(checks, engine.daemon_info());
    let mut facts = RegistryFacts::default();
    if let Ok(i) = info {
        facts.http_proxy = i.http_proxy;
        facts.https_proxy = i.https_proxy;
        facts.no_proxy = i.no_proxy;
        facts.mirrors = i.registry_mirrors;
        facts.insecure_registries = i.insecure_registries;
    }
    let mut failed = None;
    for (t, c) in list.iter().zip(checks) {
        match c {
            Ok(c) => facts.probes.push(probe(t, &c)),
            Err(e) => failed = Some(e.to_string()),
        }
    }
    let part = match failed {
        // The daemon itself could not be asked: nothing is known about the registries.
        Some(why) if facts.probes.is_empty() => Part::Unavailable(why),
        _ => Part::Ready(Arc::new(facts)),
    };
    Gathered::part(Fact::Registry, |f| &mut f.registry, part)
}

fn probe(t: &Target, c: &RegistryCheck) -> Probe {
    Probe {
        registry: t.registry.clone(),
        image: t.image.clone(),
        named_by: t.named_by.clone(),
        outcome: match c.outcome {
            RegistryOutcome::Reachable => Outcome::Reachable,
            RegistryOutcome::DnsFailure => Outcome::DnsFailure,
            RegistryOutcome::Refused => Outcome::Refused,
            RegistryOutcome::Timeout => Outcome::Timeout,
            RegistryOutcome::Tls => Outcome::Tls,
            RegistryOutcome::Proxy => Outcome::Proxy,
            RegistryOutcome::AuthRequired => Outcome::AuthRequired,
            RegistryOutcome::NotFound => Outcome::NotFound,
            // The domain has no "no route" kind yet: the daemon's words say which it is.
            RegistryOutcome::Unreachable | RegistryOutcome::Other => Outcome::Other,
        },
        message: c.message.clone(),
        elapsed_ms: c.elapsed.as_millis() as u64,
    }
}
