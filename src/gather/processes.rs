//! `Fact::Processes`: a running container's processes (`/top`: the host's `ps`, no exec)
//! and the host's CPU count (`/info`), asked at the same time.

use std::sync::Arc;

use super::{Cancel, Gathered};
use crate::diagnose::{Fact, Part, Subject};
use crate::engine::{Engine, EngineError};
use crate::profile::Profile;
use crate::runtime::ProcessFacts;

pub async fn gather(
    engine: &Engine,
    subject: &Subject,
    _profile: &Profile,
    _cancel: &Cancel,
) -> Gathered {
    let part = match subject {
        Subject::Container { id, name } => {
            let (top, info) = tokio::join!(engine.processes(id, None), engine.daemon_info());
            match top {
                Ok(list) => Part::Ready(Arc::new(ProcessFacts {
                    list,
                    host_cpus: info.ok().and_then(|i| u32::try_from(i.ncpu).ok()),
                })),
                Err(EngineError::NotRunning { .. }) => Part::Unavailable(format!(
                    "{name} is not running: start it (s) to see its processes"
                )),
                Err(e) => Part::Unavailable(e.to_string()),
            }
        }
        Subject::Image { .. } => {
            Part::Unavailable("an image runs no processes: check a container made from it".into())
        }
        Subject::Context { .. } => Part::Unavailable("a build context runs no processes".into()),
        Subject::Engine { .. } => {
            Part::Unavailable("the engine as a whole is not one container".into())
        }
    };
    Gathered::part(Fact::Processes, |f| &mut f.processes, part)
}
