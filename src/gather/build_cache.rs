//! `Fact::BuildCache`: the engine's build cache and disk (`/system/df`, in whatever shape the
//! engine answers), read by `buildcache::read` as the Build cache tab and `docktor cache` do.

use std::sync::Arc;

use super::{Cancel, Gathered};
use crate::diagnose::{Fact, Part, Subject};
use crate::engine::Engine;
use crate::profile::Profile;

pub async fn gather(
    engine: &Engine,
    _subject: &Subject,
    _profile: &Profile,
    _cancel: &Cancel,
) -> Gathered {
    let part = match crate::buildcache::facts::read(engine).await {
        Ok((_, facts)) => Part::Ready(Arc::new(facts)),
        Err(e) => Part::Unavailable(e.to_string()),
    };
    Gathered::part(Fact::BuildCache, |f| &mut f.build_cache, part)
}
