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
    let c = container(&engine, &args.container)
        .await
        .map_err(|e| mask_text(&e.to_string()))?;
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
