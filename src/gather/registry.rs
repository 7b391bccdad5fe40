//! `Fact::Registry`: can the daemon reach the registries a build pulls from — the profile's
//! base image, every image named in the subject's history, or a context's Dockerfile. Each
//! registry is asked at the same time (`registry::check`: distribution inspect, at most 10 s
//! each), with the daemon's proxy and mirror settings from `/info`.

use std::path::Path;
use std::sync::Arc;

use super::layers::image_of;
use super::{Cancel, Gathered};
use crate::diagnose::{Fact, Part, Subject};
use crate::engine::Engine;
use crate::profile::Profile;
use crate::registry::{DEFAULT_TIMEOUT, Targets, check, targets_for_image};

pub async fn gather(
    engine: &Engine,
    subject: &Subject,
    profile: &Profile,
    _cancel: &Cancel,
) -> Gathered {
    let targets = match subject {
        Subject::Context { dir } => {
            let mut t = Targets::default();
            t.add(&profile.base_image, "profile base_image");
            if let Ok(text) = std::fs::read_to_string(Path::new(dir).join("Dockerfile")) {
                t.add_dockerfile(&text, "Dockerfile");
            }
            t
        }
        _ => match image_of(engine, subject).await {
            Ok(image) => targets_for_image(engine, &image, profile).await,
            Err(_) => {
                let mut t = Targets::default();
                t.add(&profile.base_image, "profile base_image");
                t
            }
        },
    };
    let part = match check(engine, &targets.into_vec(), DEFAULT_TIMEOUT).await {
        Ok(facts) => Part::Ready(Arc::new(facts)),
        // The daemon itself could not be asked: nothing is known about the registries.
        Err(e) => Part::Unavailable(e.to_string()),
    };
    Gathered::part(Fact::Registry, |f| &mut f.registry, part)
}
