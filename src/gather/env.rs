//! `Fact::Env`: a container's environment with its sources, against the app's spec and
//! schema (`crate::envcheck::gather`, as `docktor env` and the Env tab read it), without the
//! database probe (that is `Fact::Database`, in `database.rs`). An image's: its config's
//! ENV and history, for the secrets baked into it. Values stay in the facts;
//! every output masks them (`crate::envcheck::mask`).

use super::{Cancel, Gathered};
use crate::diagnose::{Fact, Part, Subject};
use crate::engine::Engine;
use crate::envcheck::daemon::image_side;
use crate::envcheck::daemon_probe::{EngineRunner, container};
use crate::envcheck::gather::{Options, gather as envcheck, of_image};
use crate::envcheck::mask_text;
use crate::envcheck::{EnvFacts, db::DbFacts};
use crate::profile::Profile;

/// The env facts and the database probe's result for a container (`probe`: run the probe,
/// which execs in the container or starts a helper — never in read-only).
pub async fn read(
    engine: &Engine,
    subject: &Subject,
    profile: &Profile,
    probe: bool,
) -> Result<(EnvFacts, Result<DbFacts, String>), String> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let opts = Options {
        spec: None,
        schema: None,
        read_only: !probe,
        cwd: &cwd,
    };
    let id = match subject {
        Subject::Container { id, .. } => id,
        Subject::Image { reference } => {
            let image = image_side(engine, reference, reference).await;
            let env = of_image(image.map_err(|e| mask_text(&e)), &opts, profile)?;
            return Ok((env, Err("an image has no database to reach".into())));
        }
        _ => {
            return Err(
                "an environment is a container's: check a container of the image (docktor env CONTAINER)"
                    .into(),
            );
        }
    };
    let c = container(engine, id)
        .await
        .map_err(|e| mask_text(&e.to_string()))?;
    let image = image_side(engine, &c.image_id, &c.image).await;
    let runner = EngineRunner { engine };
    envcheck(&c, image, &opts, profile, &runner).await
}

pub async fn gather(
    engine: &Engine,
    subject: &Subject,
    profile: &Profile,
    _cancel: &Cancel,
) -> Gathered {
    let part = match read(engine, subject, profile, false).await {
        Ok((env, _)) => Part::Ready(env),
        Err(why) => Part::Unavailable(why),
    };
    Gathered::part(Fact::Env, |f| &mut f.env, part)
}
