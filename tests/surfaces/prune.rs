//! Prune for real, on a private daemon only: build cache filled by a BuildKit build with a
//! cache mount, df totals equal to `docker system df`'s, previews equal to what the prunes
//! then remove ("layers only" keeps the uv cache), dangling images, stopped containers.

use std::collections::BTreeSet;

use docktor::model::disk::UsageTotals;
use docktor::model::prune::{BuildPrune, ContainerPrune, ImagePrune};

use super::kit::Kit;

const DOCKERFILE: &str = "FROM scratch
COPY busybox /bin/busybox
RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]
RUN --mount=type=cache,target=/root/.cache/uv echo cached > /root/.cache/uv/x && echo layer > /layer
";

/// go-units' `HumanSize`, as `docker system df` prints sizes: 4 significant digits, powers of 1000.
fn human_size(n: u64) -> String {
    let units = ["B", "kB", "MB", "GB", "TB", "PB"];
    let mut v = n as f64;
    let mut i = 0;
    while v >= 1000.0 && i < units.len() - 1 {
        v /= 1000.0;
        i += 1;
    }
    let int_digits = if v < 1.0 {
        1
    } else {
        v.log10().floor() as usize + 1
    };
    let s = format!("{:.*}", 4usize.saturating_sub(int_digits), v);
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    format!("{s}{}", units[i])
}

/// `docker system df --format json`'s line for `kind` → (total, active, size, reclaimable).
fn cli_df(k: &Kit, kind: &str) -> (String, String, String, String) {
    let out = k.cli.ok(&["system", "df", "--format", "{{json .}}"]);
    let line = out
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|v| v["Type"] == kind)
        .unwrap_or_else(|| panic!("no {kind} in {out}"));
    let s = |key: &str| line[key].as_str().unwrap_or_default().to_string();
    let reclaimable = s("Reclaimable");
    let reclaimable = reclaimable
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_string();
    (s("TotalCount"), s("Active"), s("Size"), reclaimable)
}

fn ours(t: &UsageTotals) -> (String, String, String, String) {
    (
        t.count.to_string(),
        t.active.to_string(),
        human_size(t.size),
        human_size(t.reclaimable),
    )
}

pub async fn prune_for_real(k: &Kit) {
    let ctx = tempfile::tempdir().expect("context");
    std::fs::write(ctx.path().join("Dockerfile"), DOCKERFILE).expect("Dockerfile");
    std::fs::copy("/bin/busybox", ctx.path().join("busybox")).expect("busybox");
    k.cli
        .buildkit_build(&format!("{}-bk:1", k.prefix), ctx.path());
    let img = k.image();
    let _running = k.run("running", &[&img.tag]);
    let stopped = k.create("stopped", &[&img.tag]);

    let df = k.engine.disk_usage().await.expect("df");
    let kinds: BTreeSet<&str> = df
        .build_cache_items
        .iter()
        .map(|r| r.kind.as_str())
        .collect();
    assert!(
        kinds.contains("exec.cachemount") && kinds.contains("regular"),
        "{kinds:?}"
    );
    for (kind, t) in [
        ("Images", &df.images),
        ("Containers", &df.containers),
        ("Local Volumes", &df.volumes),
        ("Build Cache", &df.build_cache),
    ] {
        assert_eq!(ours(t), cli_df(k, kind), "{kind}: ours vs docker system df");
    }

    // Layers only: what the preview lists is what goes; the uv cache stays.
    let layers = BuildPrune {
        all: true,
        ..Default::default()
    }
    .layers_only();
    let preview = k
        .engine
        .preview_build_prune(&layers)
        .await
        .expect("preview");
    assert!(!preview.items.is_empty());
    let want: BTreeSet<String> = preview.items.iter().map(|i| i.id.clone()).collect();
    let done = k.engine.prune_build_cache(&layers).await.expect("prune");
    let got: BTreeSet<String> = done.deleted.iter().cloned().collect();
    assert_eq!(got, want);
    assert_eq!(done.space_reclaimed, preview.bytes);
    let after = k.engine.disk_usage().await.expect("df");
    assert!(after.build_cache_items.iter().all(|r| r.kind != "regular"));
    assert!(
        after
            .build_cache_items
            .iter()
            .any(|r| r.kind == "exec.cachemount"),
        "the uv cache survives"
    );

    // A storage limit larger than the cache keeps everything.
    let roomy = BuildPrune {
        all: true,
        keep_storage: Some(after.build_cache.size + (1 << 30)),
        ..Default::default()
    };
    assert!(
        k.engine
            .preview_build_prune(&roomy)
            .await
            .expect("p")
            .items
            .is_empty()
    );
    let kept = k.engine.prune_build_cache(&roomy).await.expect("prune");
    assert!(kept.deleted.is_empty(), "{:?}", kept.deleted);

    // The rest, cache mounts and contexts too.
    let rest = BuildPrune {
        all: true,
        ..Default::default()
    };
    let preview = k.engine.preview_build_prune(&rest).await.expect("preview");
    let done = k.engine.prune_build_cache(&rest).await.expect("prune");
    let want: BTreeSet<String> = preview.items.into_iter().map(|i| i.id).collect();
    assert_eq!(done.deleted.into_iter().collect::<BTreeSet<_>>(), want);
    let empty = k.engine.disk_usage().await.expect("df");
    assert!(
        empty.build_cache_items.is_empty(),
        "{:?}",
        empty.build_cache_items
    );

    // Stopped containers.
    let id = stopped.id();
    let preview = k
        .engine
        .preview_container_prune(&ContainerPrune::default())
        .await
        .expect("preview");
    assert_eq!(
        preview
            .items
            .iter()
            .map(|i| i.id.clone())
            .collect::<Vec<_>>(),
        vec![id.clone()]
    );
    let done = k
        .engine
        .prune_containers(&ContainerPrune::default())
        .await
        .expect("prune");
    assert_eq!(done.deleted, vec![id]);

    // A dangling image: the BuildKit image loses its tag to a rebuild of another image.
    let bk_tag = format!("{}-bk:1", k.prefix);
    let bk_id = k.cli.ok(&["inspect", "--format", "{{.Id}}", &bk_tag]);
    k.cli.ok(&["tag", &img.tag, &bk_tag]);
    let preview = k
        .engine
        .preview_image_prune(&ImagePrune::default())
        .await
        .expect("preview");
    assert!(
        preview.items.iter().any(|i| i.id == bk_id),
        "{:?}",
        preview.items
    );
    let done = k
        .engine
        .prune_images(&ImagePrune::default())
        .await
        .expect("prune");
    assert!(done.deleted.contains(&bk_id), "{:?}", done.deleted);
    let _ = k.cli.run(&["rmi", &bk_tag]);
}

#[test]
fn human_sizes_read_like_docker() {
    assert_eq!(human_size(0), "0B");
    assert_eq!(human_size(7), "7B");
    assert_eq!(human_size(1_982_451), "1.982MB");
    assert_eq!(human_size(1000), "1kB");
    assert_eq!(human_size(12_500), "12.5kB");
    assert_eq!(human_size(3_964_713), "3.965MB");
}
