//! Secrets baked into the image (dockle's CIS-DI-0010): secret-like keys set by `ENV` in the
//! image config, and build-argument values its history shows. Evidence names the key and
//! the history step, never the value.

use super::env::{env, verdict};
use crate::diagnose::Fact;
use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::envcheck::Masker;
use crate::envcheck::baked::{self, Baked, ImageSide};

fn image<'a>(i: &'a Input) -> Result<&'a ImageSide, Verdict> {
    match &env(i)?.image {
        Ok(img) => Ok(img),
        Err(why) => Err(Verdict::Unknown {
            fact: Fact::Env,
            why: format!("the image's config and history could not be read: {why}"),
        }),
    }
}

fn where_(b: &Baked) -> String {
    match b.step {
        Some(n) => format!("history step {n}: {}", b.instruction),
        None => "the image config (no history step names it)".into(),
    }
}

pub fn env_secrets(i: &Input) -> Verdict {
    let img = match image(i) {
        Ok(img) => img,
        Err(v) => return v,
    };
    let found = baked::env_secrets(img, &Masker::new(i.profile))
        .into_iter()
        .map(|b| {
            i.finding()
                .title(format!("{} is baked into the image by ENV", b.key))
                .evidence(format!("{} has {} in its config env ({}); anyone who can pull the image reads it with docker inspect", img.reference, b.key, where_(&b)))
                .fix(format!("remove ENV {} from the Dockerfile and pass it at run time (docker run --env-file BackEnd/.env); rotate the value, it has been published", b.key))
                .paths(b.step.map(|n| format!("history step {n}")))
        })
        .collect();
    verdict(found, "no secret-like key set by ENV in the image")
}

pub fn build_arg_secrets(i: &Input) -> Verdict {
    let img = match image(i) {
        Ok(img) => img,
        Err(v) => return v,
    };
    let found = baked::build_arg_secrets(img, &Masker::new(i.profile))
        .into_iter()
        .map(|b| {
            i.finding()
                .title(format!("The build argument {} is visible in the image history", b.key))
                .evidence(format!("{}: {} shows {} with its value (docker history --no-trunc prints it)", img.reference, where_(&b), b.key))
                .fix(format!("pass build secrets with BuildKit's RUN --mount=type=secret,id={} instead of ARG; rotate the value", b.key.to_ascii_lowercase()))
                .paths(b.step.map(|n| format!("history step {n}")))
        })
        .collect();
    verdict(found, "no secret build argument in the image history")
}
