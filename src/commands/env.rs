//! `docktor env CONTAINER [--spec FILE] [--schema FILE] [--format text|json] [--reveal]
//! [--fail-on error|warn|info|none]`: the container's variables with their sources (masked
//! unless `--reveal`), the spec's problems, the env rules' findings and the database probe
//! from the container's network namespace (not in `--read-only`). Exit 1 when a finding is
//! at or above `--fail-on`, 2 when docktor cannot run.

use super::{connect, emit};
use crate::cli::{Cli, EnvArgs};
use crate::envcheck::daemon::image_side;
use crate::envcheck::daemon_probe::{EngineRunner, container, with_peers};
use crate::envcheck::gather::{Options, gather};
use crate::envcheck::mask_text;
use crate::profile::Profile;
use crate::report::env::finish;

pub async fn run(cli: &Cli, args: &EnvArgs, profile: &Profile) -> Result<u8, String> {
    let engine = connect(cli).await.map_err(|e| e.to_string())?;
    let c = match container(&engine, &args.container).await {
        Ok(c) => c,
        // An image has defaults, not an app's environment; `check` reads its baked secrets.
        Err(e) if e.is_not_found() && engine.image_config(&args.container).await.is_ok() => {
            return Err(format!(
                "{0} is an image, and only a container has an app's environment: `docktor check {0}` checks the secrets baked into the image",
                args.container
            ));
        }
        Err(e) => return Err(mask_text(&e.to_string())),
    };
    let image = image_side(&engine, &c.image_id, &c.image).await;
    let cwd = std::env::current_dir().map_err(|e| {
        format!("cannot read the current directory (to look for .env.example): {e}")
    })?;
    let opts = Options {
        spec: args.spec.as_deref(),
        schema: args.schema.as_deref(),
        read_only: cli.read_only,
        cwd: &cwd,
    };
    let runner = EngineRunner { engine: &engine };
    let (env, database) = gather(&c, image, &opts, profile, &runner).await?;
    let database = with_peers(&engine, database, &c.name).await;
    let checked = finish(
        &c,
        env,
        database,
        profile,
        args.reveal,
        args.format,
        args.fail_on,
    );
    emit(&checked.output)?;
    Ok(checked.code)
}
