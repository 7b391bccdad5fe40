//! Everything `docktor env`, the Env tab and `docktor check` gather about one container's
//! environment, in one place: the spec and schema (files the user names or that are found),
//! the variables with their sources, and the database probe (unless `--read-only`).

use std::path::Path;

use super::baked::ImageSide;
use super::db::{self, DbFacts, Network};
use super::facts::EnvFacts;
use super::reach::{self, Runner, Subject};
use super::{schema, spec};
use crate::profile::Profile;

/// What the daemon says about the container (the engine's inspect, reduced).
#[derive(Debug, Clone, Default)]
pub struct ContainerData {
    pub id: String,
    pub name: String,
    /// The image as the container names it (`web:1.2`).
    pub image: String,
    pub image_id: String,
    pub running: bool,
    /// `Config.Env`: `KEY=value` entries.
    pub env: Vec<String>,
    pub networks: Vec<Network>,
}

/// The user's choices for one check.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// `--spec FILE` (relative to `cwd`).
    pub spec: Option<&'a Path>,
    /// `--schema FILE` (relative to `cwd`); else the profile's `[env] schema`.
    pub schema: Option<&'a Path>,
    pub read_only: bool,
    /// Where `.env.example`, `.env` and `BackEnd/` are looked for.
    pub cwd: &'a Path,
}

/// The env facts of an image alone (its config's ENV and history) with the spec and the
/// schema: what `docktor check IMAGE` reads for the secrets baked into it. `Err`: a file
/// the user named cannot be read.
pub fn of_image(
    image: Result<ImageSide, String>,
    opts: &Options<'_>,
    profile: &Profile,
) -> Result<EnvFacts, String> {
    let spec = spec::load(opts.spec, profile, opts.cwd)?;
    let schema = match (opts.schema, &profile.env_schema) {
        (Some(p), _) => Some(schema::load(&opts.cwd.join(p), &p.display().to_string())?),
        (None, Some(p)) => Some(schema::load(Path::new(p), p)?),
        (None, None) => None,
    };
    Ok(EnvFacts::new(&[], image, spec, schema))
}

/// The env facts and the database probe's result (`Err`: why it could not be probed).
/// `Err` of the whole: a file the user named cannot be read (docktor cannot run as asked).
pub async fn gather(
    c: &ContainerData,
    image: Result<ImageSide, String>,
    opts: &Options<'_>,
    profile: &Profile,
    runner: &impl Runner,
) -> Result<(EnvFacts, Result<DbFacts, String>), String> {
    let env = of_image(image, opts, profile)?;
    let env = EnvFacts::new(&c.env, env.image, env.spec, env.schema);
    let masker = env.masker(profile);
    let database = match db::target(&env.vars, &masker) {
        Ok(None) => Ok(DbFacts::NoTarget),
        Err(why) => Ok(DbFacts::BadTarget { why }),
        Ok(Some(t)) => {
            let subject = Subject {
                id: c.id.clone(),
                running: c.running,
                networks: c.networks.clone(),
            };
            reach::probe(
                runner,
                &subject,
                &t,
                profile.db_probe_timeout_secs,
                opts.read_only,
            )
            .await
            .map_err(|e| masker.text(&e))
        }
    };
    Ok((env, database))
}
