//! `Fact::RuntimeUser` (who the process is, its accounts and mounts: inspect and two small
//! reads) and `Fact::AppFiles` (the tree under the profile's app dir, walked without exec),
//! through the same reader as the Files tab and `docktor files`. An image is read through a
//! helper container created from it and never started, which `--read-only` does not make.

use std::sync::Arc;

use super::{Cancel, Gathered};
use crate::diagnose::{Fact, Part, Subject};
use crate::engine::Engine;
use crate::files::engine_source::EngineSource;
use crate::files::gather::{ViaChoice, collect, prepare};
use crate::files::walk::Control;
use crate::profile::Profile;

/// The reader of `subject`'s files, or why there is none.
async fn source(
    engine: &Engine,
    subject: &Subject,
    cancel: &Cancel,
) -> Result<EngineSource, String> {
    match subject {
        Subject::Container { id, name } => {
            Ok(EngineSource::container(engine, id).named(format!("container {name}")))
        }
        Subject::Image { .. } if cancel.is_read_only() => Err(
            "reading an image's files needs a helper container (created, never started): \
             not made in --read-only; check a container made from it"
                .into(),
        ),
        Subject::Image { reference } => EngineSource::image(engine, reference)
            .await
            .map_err(|e| e.to_string()),
        Subject::Context { .. } => Err("a build context has no files in a container yet".into()),
        Subject::Engine { .. } => Err("the engine as a whole has no app directory".into()),
    }
}

/// The runtime part: quick.
pub async fn runtime_user(
    engine: &Engine,
    subject: &Subject,
    _profile: &Profile,
    cancel: &Cancel,
) -> Gathered {
    let part = match source(engine, subject, cancel).await {
        Err(why) => Part::Unavailable(why),
        Ok(src) => {
            let (src, r) = tokio::task::spawn_blocking(move || {
                let r = prepare(&src, ViaChoice::Auto);
                (src, r)
            })
            .await
            .map_or_else(
                |e| (None, Err(format!("reading the accounts stopped: {e}"))),
                |(s, r)| (Some(s), r.map_err(|e| e.to_string())),
            );
            if let Some(src) = src {
                src.close().await;
            }
            match r {
                Ok(p) => Part::Ready(Arc::new(p.runtime)),
                Err(why) => Part::Unavailable(why),
            }
        }
    };
    Gathered::part(Fact::RuntimeUser, |f| &mut f.runtime_user, part)
}

/// The walk of the app dir: long; stops when cancelled.
pub async fn gather(
    engine: &Engine,
    subject: &Subject,
    profile: &Profile,
    cancel: &Cancel,
) -> Gathered {
    let part = match source(engine, subject, cancel).await {
        Err(why) => Part::Unavailable(why),
        Ok(src) => {
            let path = profile.app_dir.clone();
            let expect = profile.files.expect.clone();
            let ctl = Control::with_cancel(cancel.flag());
            let (src, r) = tokio::task::spawn_blocking(move || {
                let r = collect(&src, &path, ViaChoice::Auto, &expect, &ctl, &mut |_| {});
                (src, r)
            })
            .await
            .map_or_else(
                |e| (None, Err(format!("walking the files stopped: {e}"))),
                |(s, r)| (Some(s), r.map_err(|e| e.to_string())),
            );
            if let Some(src) = src {
                src.close().await;
            }
            match r {
                Ok((_, walked)) => Part::Ready(Arc::new(walked)),
                Err(why) => Part::Unavailable(why),
            }
        }
    };
    Gathered::part(Fact::AppFiles, |f| &mut f.app_files, part)
}
