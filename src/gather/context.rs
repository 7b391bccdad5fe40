//! `Fact::Context`: a build context as `docker build DIR` would send it (Docker's own
//! `.dockerignore` matching), read off the async runtime; cancellable.

use std::path::PathBuf;
use std::sync::Arc;

use super::{Cancel, Gathered};
use crate::context::{self, Options};
use crate::diagnose::{Fact, Part, Subject};
use crate::engine::Engine;
use crate::profile::Profile;

pub async fn gather(
    _engine: &Engine,
    subject: &Subject,
    _profile: &Profile,
    cancel: &Cancel,
) -> Gathered {
    let part = match subject {
        Subject::Context { dir } => {
            let dir = PathBuf::from(dir);
            let flag = cancel.flag();
            let run = tokio::task::spawn_blocking(move || {
                context::check(&dir, &Options::default(), &flag, &|_| {})
            });
            match run.await {
                Ok(Ok(report)) => Part::Ready(Arc::new(report)),
                Ok(Err(e)) => Part::Unavailable(e.to_string()),
                Err(e) => Part::Unavailable(format!("the context check stopped: {e}")),
            }
        }
        _ => Part::Unavailable("only a build context directory has one".into()),
    };
    Gathered::part(Fact::Context, |f| &mut f.context, part)
}
