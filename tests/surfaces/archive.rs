//! The archive endpoint against a real engine: stat of files, folders and links; a tar
//! stream with its byte count, as a reader for `tar`; cancellation; clear errors.

use std::collections::BTreeMap;
use std::io::Read;

use docktor::engine::EngineError;
use docktor::model::archive::FileKind;
use futures_util::StreamExt;
use tokio_util::sync::CancellationToken;

use super::kit::Kit;

pub async fn stat_and_stream(k: &Kit) {
    let img = k.image();
    // Stopped containers can be read too: the archive endpoint needs no running process.
    let c = k.create("archive", &[&img.tag]);
    let e = &k.engine;

    let app = e.path_stat(&c.name, "/app").await.expect("stat /app");
    assert_eq!((app.name.as_str(), app.kind), ("app", FileKind::Dir));
    assert_eq!(app.mode_string(), "drwxr-xr-x");
    let hello = e.path_stat(&c.name, "/app/hello.txt").await.expect("stat");
    assert_eq!(hello.kind, FileKind::File);
    assert_eq!(hello.permissions(), 0o640);
    assert_eq!(hello.size, 6);
    assert!(hello.mtime.is_some());
    let link = e.path_stat(&c.name, "/app/link").await.expect("stat link");
    assert_eq!(link.kind, FileKind::Symlink);
    assert_eq!(link.link_target, "/app/hello.txt", "resolved by the daemon");
    let tmp = e.path_stat(&c.name, "/tmp").await.expect("stat /tmp");
    assert_eq!(tmp.mode_string(), "drwxrwxrwt");

    // Missing path, missing container: each says which.
    let err = e.path_stat(&c.name, "/app/nope").await.unwrap_err();
    match &err {
        EngineError::PathNotFound { container, path } => {
            assert_eq!(
                (container.as_str(), path.as_str()),
                (c.name.as_str(), "/app/nope")
            )
        }
        other => panic!("expected PathNotFound, got {other:?}"),
    }
    assert!(err.to_string().contains("/app/nope") && err.to_string().contains(&c.name));
    let gone = format!("{}-gone", k.prefix);
    let err = e.path_stat(&gone, "/app").await.unwrap_err();
    assert!(matches!(err, EngineError::NotFound { .. }), "{err:?}");
    assert!(err.to_string().contains(&gone), "{err}");
    let err = e
        .archive(&c.name, "/nope", CancellationToken::new())
        .await
        .err()
        .expect("missing path");
    assert!(matches!(err, EngineError::PathNotFound { .. }), "{err:?}");

    // The stream: chunks counted, the whole of /app as tar.
    let mut s = e
        .archive(&c.name, "/app", CancellationToken::new())
        .await
        .expect("archive");
    assert_eq!(s.stat.as_ref().map(|st| st.kind), Some(FileKind::Dir));
    let mut bytes = Vec::new();
    while let Some(chunk) = s.next().await {
        bytes.extend_from_slice(&chunk.expect("chunk"));
    }
    assert_eq!(s.bytes_read(), bytes.len() as u64);
    let mut sizes = BTreeMap::new();
    let mut ar = tar::Archive::new(bytes.as_slice());
    for entry in ar.entries().expect("tar") {
        let entry = entry.expect("entry");
        let path = entry.path().expect("path").to_string_lossy().to_string();
        sizes.insert(path, entry.header().size().unwrap_or(0));
    }
    assert_eq!(sizes.get("app/hello.txt"), Some(&6), "{sizes:?}");
    assert_eq!(sizes.get("app/big"), Some(&(256 * 1024)));
    assert!(sizes.contains_key("app/media/"), "{sizes:?}");

    // As a blocking reader, on a worker thread.
    let s = e
        .archive(&c.name, "/app/hello.txt", CancellationToken::new())
        .await
        .expect("archive file");
    let counter = s.counter();
    let reader = s.into_reader();
    let text = tokio::task::spawn_blocking(move || {
        let mut ar = tar::Archive::new(reader);
        let mut entry = ar.entries()?.next().expect("one entry")?;
        let mut text = String::new();
        entry.read_to_string(&mut text)?;
        Ok::<_, std::io::Error>(text)
    })
    .await
    .expect("join")
    .expect("read");
    assert_eq!(text, "hello\n");
    assert!(counter.load(std::sync::atomic::Ordering::Relaxed) >= 512);

    // Cancelled: one `Cancelled`, then the end.
    let cancel = CancellationToken::new();
    let mut s = e
        .archive(&c.name, "/app", cancel.clone())
        .await
        .expect("archive");
    cancel.cancel();
    let first = s.next().await.expect("an item");
    assert!(
        matches!(first, Err(EngineError::Cancelled { .. })),
        "{first:?}"
    );
    assert!(s.next().await.is_none());
}
