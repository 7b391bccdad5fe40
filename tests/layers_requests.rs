//! What the layer analysis asks the daemon, counted by docktor's own transport on the real
//! daemon: reopening an analysed image costs one inspect (the cache is asked before the
//! history and the base search), and the base search inspects each other image once per
//! process, not once per opened or compared image. Its own test binary, so the process-wide
//! memory of inspected images starts empty. Skips without a daemon unless
//! DOCKTOR_REQUIRE_DOCKER=1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashSet;

use docktor::engine::Engine;
use docktor::layers::{AnalysisCache, AnalyzeOptions, Opened, quick_layers};

const IMAGE: &str = "docktor-fixture/web:latest";
const INSPECT: &str = "GET /images/{}/json";

async fn image_ids(engine: &Engine) -> HashSet<String> {
    let rows = engine.images().await.expect("list images");
    rows.into_iter().map(|r| r.id).collect()
}

#[tokio::test]
async fn reopening_an_image_asks_the_cache_first_and_inspects_no_other_image() {
    let Some(engine) = common::engine().await else {
        return;
    };
    assert!(common::fixtures(), "fixtures");
    let before_ids = image_ids(&engine).await;
    assert!(before_ids.len() >= 2, "the fixture images: {before_ids:?}");
    let cache = AnalysisCache::new(4);
    let opts = AnalyzeOptions {
        local_daemon: engine.is_local(),
        ..Default::default()
    };

    // First open: its inspect and history, the image list, an inspect of each other image.
    let start = engine.requests();
    let first = cache
        .analyze(&engine, IMAGE, &opts)
        .await
        .expect("analysis");
    let sent = engine.requests().since(&start);
    assert!(sent.get(INSPECT) >= 2, "own + other images: {sent:?}");
    assert_eq!(sent.get("GET /images/json"), 1, "{sent:?}");

    // Second open: the cache answers after the image's own inspect, and nothing else is sent.
    let start = engine.requests();
    let again = cache.open(&engine, IMAGE).await.expect("open");
    let sent = engine.requests().since(&start);
    match again {
        Opened::Cached(a) => assert_eq!(a.layers.id, first.layers.id),
        Opened::Listed(_) => panic!("a second open must hit the cache"),
    }
    assert_eq!(sent.get(INSPECT), 1, "{sent:?}");
    assert_eq!(sent.total(), 1, "one request for a cached image: {sent:?}");

    // A new quick list (as a comparison makes for each image) inspects only images never seen.
    let start = engine.requests();
    let quick = quick_layers(&engine, IMAGE).await.expect("quick list");
    let sent = engine.requests().since(&start);
    let appeared = image_ids(&engine).await.difference(&before_ids).count() as u64;
    assert!(
        sent.get(INSPECT) <= 1 + appeared,
        "other images inspected again ({appeared} appeared meanwhile): {sent:?}"
    );
    // (Only its layer count: another image of the same layers may come or go meanwhile.)
    let layers = |b: &Option<docktor::layers::BaseInfo>| b.as_ref().map(|b| (b.layers, b.rule));
    assert_eq!(
        layers(&quick.base),
        layers(&first.layers.base),
        "the same base, from memory"
    );
}
