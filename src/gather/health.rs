//! `Fact::Health`: a container's health check, its probes (the daemon's last 5 and what
//! `docktor record` stored) and the tools it can probe with — `health::gather::facts`, the
//! same reading as the Health tab and `docktor health`. An image's: the check it carries.

use super::{Cancel, Gathered};
use crate::diagnose::{Fact, Part, Subject};
use crate::engine::Engine;
use crate::profile::Profile;

pub async fn gather(
    engine: &Engine,
    subject: &Subject,
    profile: &Profile,
    _cancel: &Cancel,
) -> Gathered {
    let part = match subject {
        Subject::Container { id, .. } => {
            match crate::health::gather::facts(engine, id, profile).await {
                Ok(f) => Part::Ready(f),
                Err(why) => Part::Unavailable(why),
            }
        }
        Subject::Image { reference } => {
            Part::from_result(crate::health::gather::image_facts(engine, reference).await)
        }
        Subject::Context { .. } | Subject::Engine { .. } => {
            Part::Unavailable("only a container has a health check history".into())
        }
    };
    Gathered::part(Fact::Health, |f| &mut f.health, part)
}
