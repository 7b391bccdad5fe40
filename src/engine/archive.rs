//! A container's files through the archive endpoint: `HEAD` for a quick stat of one path,
//! `GET` for a tar stream of it. Works on stopped and never-started containers, and on any
//! image (no shell, no exec).

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};

use base64::Engine as _;
use bytes::Bytes;
use futures_util::stream::BoxStream;
use futures_util::{Stream, StreamExt, TryStreamExt};
use http::StatusCode;
use tokio_util::sync::CancellationToken;

use super::raw::{Query, Request, Response, seg};
use super::timestamp::parse_timestamp;
use super::{Engine, EngineError};
use crate::model::archive::{PathStat, from_go_mode};

/// The response header holding the stat (base64 of JSON).
pub const STAT_HEADER: &str = "x-docker-container-path-stat";

/// `X-Docker-Container-Path-Stat` → [`PathStat`]; the error says what was wrong with it.
pub fn parse_path_stat(header: &str) -> Result<PathStat, String> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Wire {
        name: String,
        size: i64,
        mode: u32,
        mtime: Option<String>,
        link_target: Option<String>,
    }
    let raw = base64::engine::general_purpose::STANDARD
        .decode(header.trim())
        .map_err(|e| format!("the path stat header is not base64: {e}"))?;
    let w: Wire = serde_json::from_slice(&raw)
        .map_err(|e| format!("the path stat header does not parse: {e}"))?;
    let (kind, mode) = from_go_mode(w.mode);
    Ok(PathStat {
        name: w.name,
        size: w.size,
        kind,
        mode,
        mtime: w.mtime.as_deref().and_then(parse_timestamp),
        link_target: w.link_target.unwrap_or_default(),
    })
}

/// A tar stream of a path in a container: chunks as they arrive, the bytes read so far
/// for progress, and the stat the daemon sent with it. Dropping it closes the connection.
pub struct ArchiveStream {
    inner: BoxStream<'static, Result<Bytes, EngineError>>,
    read: Arc<AtomicU64>,
    pub stat: Option<PathStat>,
}

impl ArchiveStream {
    /// Bytes received so far.
    pub fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// A handle on the byte count, for a progress display in another task.
    pub fn counter(&self) -> Arc<AtomicU64> {
        self.read.clone()
    }

    /// The stream as a blocking `Read` (for `tar::Archive` on `spawn_blocking`). Call it on
    /// the runtime; read from it off the runtime. Errors arrive as `io::Error`s whose text
    /// is the engine error's.
    pub fn into_reader(self) -> impl std::io::Read + Send + 'static {
        let s = self.inner.map_err(std::io::Error::other);
        tokio_util::io::SyncIoBridge::new(tokio_util::io::StreamReader::new(s))
    }
}

impl Stream for ArchiveStream {
    type Item = Result<Bytes, EngineError>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

/// Chunks of `body` until it ends, counting bytes; once `cancel` fires, one
/// `Cancelled` error and the end.
fn counted(
    body: BoxStream<'static, Result<Bytes, EngineError>>,
    read: Arc<AtomicU64>,
    cancel: CancellationToken,
    doing: String,
) -> BoxStream<'static, Result<Bytes, EngineError>> {
    futures_util::stream::unfold(Some(body), move |state| {
        let (read, cancel, doing) = (read.clone(), cancel.clone(), doing.clone());
        async move {
            let mut body = state?;
            tokio::select! {
                biased;
                _ = cancel.cancelled() => Some((Err(EngineError::Cancelled { doing }), None)),
                next = body.next() => match next {
                    Some(Ok(chunk)) => {
                        read.fetch_add(chunk.len() as u64, Ordering::Relaxed);
                        Some((Ok(chunk), Some(body)))
                    }
                    Some(Err(e)) => Some((Err(e), None)),
                    None => None,
                },
            }
        }
    })
    .boxed()
}

impl Engine {
    /// Stat of `path` in `container` (`HEAD …/archive`): kind, mode, size, mtime, link target.
    pub async fn path_stat(&self, container: &str, path: &str) -> Result<PathStat, EngineError> {
        let doing = format!("stat {path} in container {container}");
        let resp = self
            .send(Request::head(archive_path(container, path)), &doing)
            .await?;
        let resp = self.archive_ok(resp, container, path).await?;
        let header = resp.header(STAT_HEADER).ok_or_else(|| EngineError::Api {
            doing: doing.clone(),
            message: "the engine sent no path stat header".into(),
        })?;
        parse_path_stat(header).map_err(|message| EngineError::Api { doing, message })
    }

    /// A tar stream of `path` in `container` (`GET …/archive`), as `docker cp` reads it.
    /// `cancel` ends it with `EngineError::Cancelled`.
    pub async fn archive(
        &self,
        container: &str,
        path: &str,
        cancel: CancellationToken,
    ) -> Result<ArchiveStream, EngineError> {
        let doing = format!("read {path} from container {container}");
        let req = Request::get(archive_path(container, path));
        let resp = tokio::select! {
            r = self.send(req, &doing) => r?,
            _ = cancel.cancelled() => return Err(EngineError::Cancelled { doing }),
        };
        let resp = self.archive_ok(resp, container, path).await?;
        let stat = resp
            .header(STAT_HEADER)
            .and_then(|h| parse_path_stat(h).ok());
        let read = Arc::new(AtomicU64::new(0));
        let inner = counted(resp.chunks(), read.clone(), cancel, doing);
        Ok(ArchiveStream { inner, read, stat })
    }

    /// Turns a 404 into "no such path" or "no such container" (a `HEAD` answer has no body
    /// to tell them apart, so the container is looked up).
    async fn archive_ok(
        &self,
        resp: Response,
        container: &str,
        path: &str,
    ) -> Result<Response, EngineError> {
        if resp.status.is_success() {
            return Ok(resp);
        }
        if resp.status != StatusCode::NOT_FOUND {
            return Err(resp.into_error().await);
        }
        drop(resp);
        let doing = format!("look up container {container}");
        let probe = self
            .send(
                Request::get(format!("/containers/{}/json", seg(container))),
                &doing,
            )
            .await?;
        if probe.status == StatusCode::NOT_FOUND {
            return Err(EngineError::NotFound {
                what: format!("container {container}"),
                name: format!("it is gone from {}", self.info.uri),
            });
        }
        Err(EngineError::PathNotFound {
            container: container.to_string(),
            path: path.to_string(),
        })
    }
}

fn archive_path(container: &str, path: &str) -> String {
    let r = Request::get(format!("/containers/{}/archive", seg(container)))
        .query(Query::new().push("path", path));
    r.path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::archive::FileKind;

    #[test]
    fn the_stat_header_of_20_10_parses() {
        // HEAD /containers/x/archive?path=/bin/sh on Docker 20.10.
        let h = "eyJuYW1lIjoic2giLCJzaXplIjoxMiwibW9kZSI6MTM0MjE4MjM5LCJtdGltZSI6IjIwMjYtMTItMDFUMDg6Mjk6MDdaIiwibGlua1RhcmdldCI6Ii9iaW4vYnVzeWJveCJ9";
        let s = parse_path_stat(h).unwrap();
        assert_eq!(s.name, "sh");
        assert_eq!(s.size, 12);
        assert_eq!(s.kind, FileKind::Symlink);
        assert_eq!(s.mode, 0o120777);
        assert_eq!(s.link_target, "/bin/busybox");
        assert!(s.mtime.is_some());
    }

    #[test]
    fn a_bad_stat_header_says_why() {
        assert!(parse_path_stat("***").unwrap_err().contains("base64"));
        let not_json = base64::engine::general_purpose::STANDARD.encode("nope");
        assert!(parse_path_stat(&not_json).unwrap_err().contains("parse"));
    }

    #[test]
    fn archive_paths_are_encoded() {
        assert_eq!(
            archive_path("web", "/app/my file"),
            "/containers/web/archive?path=%2Fapp%2Fmy+file"
        );
    }
}
