//! The Env tab's job: the container's environment read and checked at once, then the
//! database probed from the container's network namespace (slower, so it comes second).

use std::sync::Arc;

use crate::diagnose::{Facts, Finding, Part, Subject, evaluate, findings};
use crate::envcheck::daemon::image_side;
use crate::envcheck::daemon_probe::{EngineRunner, container, with_peers};
use crate::envcheck::gather::{Options, gather};
use crate::envcheck::{DbFacts, EnvFacts, Masker};
use crate::profile::Profile;
use crate::tui::jobs::{BoxFuture, Job, JobCtx, JobKey};

pub struct Load {
    pub id: String,
    pub read_only: bool,
}

/// The environment with the findings that do not need the database.
pub struct Read {
    pub env: EnvFacts,
    pub masker: Masker,
    pub findings: Vec<Finding>,
}

/// The probe's result and every env finding.
pub struct Probed {
    pub database: Part<DbFacts>,
    pub findings: Vec<Finding>,
}

/// The environment could not be read (words, masked).
pub struct Failed(pub String);

pub fn key(id: &str) -> JobKey {
    JobKey::new("env", id)
}

fn check(id: &str, env: &EnvFacts, db: Part<DbFacts>, profile: &Profile) -> Vec<Finding> {
    let mut facts = Facts::new(Subject::Container {
        id: id.into(),
        name: String::new(),
    });
    facts.env = Part::Ready(env.clone());
    facts.database = db;
    findings(&evaluate(&facts, profile, |r| r.id.starts_with("env.")))
}

impl Job for Load {
    fn key(&self) -> JobKey {
        key(&self.id)
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let out = &ctx.report;
            let Some(engine) = ctx.engine_or(Failed) else {
                return;
            };
            let profile: Arc<Profile> = ctx.profile.clone();
            let c = match container(&engine, &self.id).await {
                Ok(c) => c,
                Err(e) => {
                    out.send(Failed(crate::envcheck::mask_text(&e.to_string())));
                    return;
                }
            };
            let image = image_side(&engine, &c.image_id, &c.image).await;
            let cwd = std::env::current_dir().unwrap_or_default();
            let opts = Options {
                spec: None,
                schema: None,
                read_only: true,
                cwd: &cwd,
            };
            let runner = EngineRunner { engine: &engine };
            // First without probing: the variables and most checks are on screen at once.
            let env = match gather(&c, image.clone(), &opts, &profile, &runner).await {
                Ok((env, _)) => env,
                Err(e) => {
                    out.send(Failed(e));
                    return;
                }
            };
            let masker = env.masker(&profile);
            let findings = check(&c.id, &env, Part::Pending, &profile);
            if !out.send(Read {
                env,
                masker,
                findings,
            }) || ctx.cancel.is_cancelled()
            {
                return;
            }
            let opts = Options {
                read_only: self.read_only,
                ..opts
            };
            let (env, db) = match gather(&c, image, &opts, &profile, &runner).await {
                Ok(r) => r,
                Err(e) => {
                    out.send(Failed(e));
                    return;
                }
            };
            let database = Part::from_result(with_peers(&engine, db, &c.name).await);
            let findings = check(&c.id, &env, database.clone(), &profile);
            out.send(Probed { database, findings });
        })
    }
}
