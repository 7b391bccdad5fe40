//! Cases of the build cache rules: an engine after the guide's build, and worse ones.

use std::sync::Arc;

use super::Case;
use crate::buildcache::{CacheFacts, Entry};
use crate::diagnose::{Facts, Part, Subject};
use crate::model::disk::BuildCacheRecord;
use crate::profile::Profile;

fn rec(kind: &str, description: &str, size: i64) -> Entry {
    Entry::from_record(&BuildCacheRecord {
        id: format!("{kind}-{size}"),
        parents: vec![],
        kind: kind.into(),
        description: description.into(),
        in_use: false,
        shared: false,
        size,
        created_at: None,
        last_used_at: None,
        usage_count: 1,
    })
}

pub(crate) fn facts(edit: impl FnOnce(&mut CacheFacts)) -> (Facts, Profile) {
    let mut c = CacheFacts {
        total_bytes: 2_000_000,
        reclaimable_bytes: 2_000_000,
        entries: vec![
            rec(
                "exec.cachemount",
                "cached mount /root/.cache/uv from exec /bin/sh -c uv sync",
                1_000_000,
            ),
            rec("regular", "mount / from exec /bin/sh -c uv sync", 900_000),
            rec("source.local", "local source for context", 100_000),
        ],
        ..CacheFacts::default()
    };
    edit(&mut c);
    let mut f = Facts::new(Subject::Image {
        reference: "app:1".into(),
    });
    f.build_cache = Part::Ready(Arc::new(c));
    (f, Profile::default())
}

fn quiet() -> (Facts, Profile) {
    facts(|_| {})
}

#[rustfmt::skip]
pub static CASES: &[Case] = &[
    Case { id: "cache.reclaimable", quiet, fires: || facts(|c| { c.total_bytes = 30_000_000_000; c.reclaimable_bytes = 25_000_000_000 }) },
    Case { id: "cache.uv-mount", quiet, fires: || facts(|c| { c.entries.remove(0); }) },
    Case { id: "cache.dangling-images", quiet, fires: || facts(|c| { c.dangling_images = 3; c.dangling_image_bytes = 120_000_000 }) },
];
