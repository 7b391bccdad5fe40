//! `Fact::Database`: can the app reach its database from where it runs — probed from the
//! container's network namespace (exec in it, or a helper container on its network), as
//! `docktor env` does, with the containers on its networks named when it cannot. Never in
//! read-only mode (the probe execs or starts a helper): then unavailable, saying so.

use super::{Cancel, Gathered};
use crate::diagnose::{Fact, Part, Subject};
use crate::engine::Engine;
use crate::envcheck::daemon_probe::with_peers;
use crate::profile::Profile;

pub async fn gather(
    engine: &Engine,
    subject: &Subject,
    profile: &Profile,
    cancel: &Cancel,
) -> Gathered {
    let part = if cancel.is_read_only() {
        Part::Unavailable(
            "read-only mode: the database probe would exec in the container or start a helper"
                .into(),
        )
    } else {
        match super::env::read(engine, subject, profile, true).await {
            Err(why) => Part::Unavailable(why),
            Ok((_, db)) => {
                let own = subject.label().to_string();
                Part::from_result(with_peers(engine, db, &own).await)
            }
        }
    };
    Gathered::part(Fact::Database, |f| &mut f.database, part)
}
