//! Asking the daemon to reach every registry a build needs, at once, each within the
//! timeout (at most 10 s), with the daemon's proxy and mirror settings (`/info`) beside the
//! verdicts. What the registry gatherer, the Build cache tab and tests call.

use std::time::Duration;

use futures_util::future::join_all;

use super::probe::{Probe, RegistryFacts};
use super::sources::{Target, Targets};
use crate::engine::{Engine, EngineError};
use crate::model::registry::{DaemonInfo, RegistryCheck, RegistryOutcome};
use crate::profile::Profile;

/// How long one registry may take to answer, unless told otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

impl Probe {
    /// The probe a daemon's answer makes, for a target named by `named_by`.
    pub fn from_check(check: RegistryCheck, named_by: Vec<String>) -> Probe {
        Probe {
            registry: check.registry,
            image: check.image,
            named_by,
            outcome: check.outcome,
            message: check.message,
            elapsed_ms: check.elapsed.as_millis().min(u64::MAX as u128) as u64,
        }
    }
}

impl RegistryFacts {
    /// The probes with the daemon's network settings.
    pub fn from_probes(info: &DaemonInfo, probes: Vec<Probe>) -> RegistryFacts {
        RegistryFacts {
            probes,
            http_proxy: info.http_proxy.clone(),
            https_proxy: info.https_proxy.clone(),
            no_proxy: info.no_proxy.clone(),
            mirrors: info.registry_mirrors.clone(),
            insecure_registries: info.insecure_registries.clone(),
        }
    }
}

/// One target, asked of the daemon. A timeout is the registry's verdict; any other error
/// means the daemon itself could not be asked.
async fn probe(engine: &Engine, t: &Target, timeout: Duration) -> Result<Probe, EngineError> {
    let check = match engine.distribution_inspect(&t.image, timeout).await {
        Ok(c) => c,
        Err(EngineError::Timeout { after, .. }) => RegistryCheck {
            image: t.image.clone(),
            registry: t.registry.clone(),
            outcome: RegistryOutcome::Timeout,
            message: format!(
                "the engine had no answer from {} within {:.0} s",
                t.registry,
                after.as_secs_f64()
            ),
            digest: None,
            platforms: Vec::new(),
            elapsed: after,
        },
        Err(e) => return Err(e),
    };
    let mut p = Probe::from_check(check, t.named_by.clone());
    // The engine names the registry from the reference; keep the one the target grouped by.
    p.registry = t.registry.clone();
    Ok(p)
}

/// Asks the daemon to reach every target (in parallel), and reads its settings.
pub async fn check(
    engine: &Engine,
    targets: &[Target],
    timeout: Duration,
) -> Result<RegistryFacts, EngineError> {
    let info = engine.daemon_info().await?;
    let probes = join_all(targets.iter().map(|t| probe(engine, t, timeout))).await;
    let probes = probes.into_iter().collect::<Result<Vec<_>, _>>()?;
    Ok(RegistryFacts::from_probes(&info, probes))
}

/// The registries an image's build needs: the profile's base image, then every image its
/// history names. An image that cannot be read leaves the profile's base image.
pub async fn targets_for_image(engine: &Engine, image: &str, profile: &Profile) -> Targets {
    let mut t = Targets::default();
    t.add(&profile.base_image, "profile base_image");
    if let Ok(history) = engine.image_history(image).await {
        t.add_history(history.iter().map(|h| h.created_by.as_str()));
    }
    t
}

/// One line for a probe: `ghcr.io: name does not resolve (12 ms)`.
pub fn verdict_line(p: &Probe) -> String {
    format!(
        "{}: {} ({} ms)",
        p.registry,
        super::probe::describe(p.outcome),
        p.elapsed_ms
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probes_carry_the_daemon_settings_and_their_verdicts() {
        let info = DaemonInfo {
            https_proxy: "http://proxy:3128".into(),
            registry_mirrors: vec!["https://mirror.local/".into()],
            ..DaemonInfo::default()
        };
        let check = RegistryCheck {
            image: "127.0.0.1:5000/app:1".into(),
            registry: "127.0.0.1:5000".into(),
            outcome: RegistryOutcome::Refused,
            message: "dial tcp 127.0.0.1:5000: connect: connection refused".into(),
            digest: None,
            platforms: vec![],
            elapsed: Duration::from_millis(3),
        };
        let p = Probe::from_check(check, vec!["test".into()]);
        assert_eq!(
            verdict_line(&p),
            "127.0.0.1:5000: connection refused (3 ms)"
        );
        let f = RegistryFacts::from_probes(&info, vec![p]);
        assert_eq!(
            f.settings(),
            "the daemon uses proxy http://proxy:3128; mirrors: https://mirror.local/"
        );
    }
}
