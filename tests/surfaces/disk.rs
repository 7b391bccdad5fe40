//! `/system/df` and the prune previews against a real engine (nothing is deleted), the
//! registry checks and `/info`.

use std::time::Duration;

use docktor::model::State;
use docktor::model::disk::DfShape;
use docktor::model::prune::{BuildPrune, ContainerPrune, ImagePrune};
use docktor::model::registry::RegistryOutcome;

use super::kit::Kit;

pub async fn disk_usage(k: &Kit) {
    let img = k.image();
    let c = k.run("df", &[&img.tag]);
    let df = k.engine.disk_usage().await.expect("df");
    if k.api < (1, 52) {
        assert_eq!(df.shape, DfShape::Legacy);
    }
    assert_eq!(df.images.count, df.image_items.len() as u64);
    assert_eq!(df.containers.count, df.container_items.len() as u64);
    assert!(df.images.active >= 1 && df.images.size > 0);
    assert!(df.images.reclaimable <= df.images.size);
    assert!(df.build_cache.reclaimable <= df.build_cache.size);
    let mine = df
        .container_items
        .iter()
        .find(|ci| ci.name == c.name)
        .expect("our container in df");
    assert_eq!(mine.state, State::Running);
    let image_id = k.cli.ok(&["inspect", "--format", "{{.Id}}", &img.tag]);
    let ours = df
        .image_items
        .iter()
        .find(|i| i.id == image_id)
        .expect("our image in df");
    assert!(ours.containers.unwrap_or(0) >= 1);
    assert!(ours.repo_tags.contains(&img.tag));
    // Sent as the engine's own newest version, it parses too (the usage shape from 1.52).
    let newest = k
        .engine
        .disk_usage_as(k.engine.server_api_version())
        .await
        .expect("df as the engine's version");
    if k.engine.server_api_version() >= (1, 53) {
        assert_eq!(newest.shape, DfShape::Usage);
    }
    assert!(newest.images.count > 0);
}

pub async fn prune_previews_delete_nothing(k: &Kit) {
    let img = k.image();
    let stopped = k.create("preview", &[&img.tag]);
    let id = stopped.id();
    let p = k
        .engine
        .preview_container_prune(&ContainerPrune::default())
        .await
        .expect("preview");
    assert!(p.items.iter().any(|i| i.id == id), "{:?}", p.items);
    let recent = ContainerPrune {
        until: Some(Duration::from_secs(3600)),
    };
    let p = k
        .engine
        .preview_container_prune(&recent)
        .await
        .expect("preview");
    assert!(!p.items.iter().any(|i| i.id == id), "created just now");
    k.engine
        .preview_image_prune(&ImagePrune::default())
        .await
        .expect("image preview");
    let b = k
        .engine
        .preview_build_prune(&BuildPrune::default().layers_only())
        .await
        .expect("build cache preview");
    assert!(b.items.iter().all(|i| i.kind == "regular"));
    // Still there.
    assert_eq!(stopped.id(), id);
}

pub async fn registries(k: &Kit) {
    let timeout = Duration::from_secs(10);
    let dns = k
        .engine
        .distribution_inspect("nonexistent.invalid/dkt/x:1", timeout)
        .await
        .expect("the engine answers");
    assert_eq!(dns.registry, "nonexistent.invalid");
    assert!(
        matches!(
            dns.outcome,
            RegistryOutcome::DnsFailure | RegistryOutcome::Timeout
        ),
        "{dns:?}"
    );
    assert!(dns.elapsed <= Duration::from_secs(11));
    let refused = k
        .engine
        .distribution_inspect("127.0.0.1:1/x", timeout)
        .await
        .expect("the engine answers");
    assert_eq!(refused.outcome, RegistryOutcome::Refused, "{refused:?}");
    assert!(
        refused.message.contains("127.0.0.1:1"),
        "{}",
        refused.message
    );
    assert!(!refused.outcome.registry_answered());

    let info = k.engine.daemon_info().await.expect("info");
    assert!(!info.server_version.is_empty());
    assert!(!info.driver.is_empty());
    assert!(!info.cgroup_driver.is_empty());
    assert_eq!(info.api_version, format!("{}.{}", k.api.0, k.api.1));
    assert!(info.ncpu > 0);
    assert!(
        info.insecure_registries.iter().any(|r| r == "127.0.0.0/8"),
        "{:?}",
        info.insecure_registries
    );
}
