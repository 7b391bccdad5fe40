//! The layer list of an image read from an archive (no daemon: its config says everything),
//! and the blocking reader that carries the daemon's export stream to the archive scanner.

use super::history::{self, Raw};
use super::layout::Resolved;
use super::quick::ImageLayers;
use bytes::Bytes;
use std::io::{self, Read};

/// The layer list of an archived image, from its config and the sizes of its layers.
pub(crate) fn layers_from_config(image: &str, r: &Resolved) -> ImageLayers {
    let sizes: Vec<u64> = r.layers.iter().map(|l| l.docker_size()).collect();
    let total = sizes.iter().fold(0u64, |a, &s| a.saturating_add(s));
    let mut next = 0;
    let raw: Vec<Raw> = r
        .config
        .history
        .iter()
        .map(|h| {
            let size = if h.empty_layer {
                0
            } else {
                next += 1;
                sizes.get(next - 1).copied().unwrap_or(0)
            };
            Raw {
                created_by: h.created_by.clone().unwrap_or_default(),
                created: h.created.as_deref().and_then(parse_rfc3339),
                comment: h.comment.clone().unwrap_or_default(),
                size: Some(size),
                empty_layer: Some(h.empty_layer),
            }
        })
        .collect();
    let mut steps = history::steps(&raw, sizes.len(), total);
    let base = history::base_from_history(&steps);
    if let Some(b) = &base {
        history::mark_base(&mut steps, b.layers);
    }
    let cfg = r.config.config.as_ref();
    ImageLayers {
        image: image.to_string(),
        id: r.id.clone(),
        tags: r.tags.clone(),
        created: r.config.created.clone(),
        size_bytes: total,
        env: cfg.and_then(|c| c.env.clone()).unwrap_or_default(),
        user: cfg.and_then(|c| c.user.clone()).filter(|u| !u.is_empty()),
        diff_ids: r.config.rootfs.diff_ids.clone(),
        steps,
        base,
        graph_driver: None,
    }
}

/// Seconds since the epoch of an RFC 3339 UTC-ish timestamp (`2024-01-02T03:04:05.123Z`).
fn parse_rfc3339(s: &str) -> Option<i64> {
    let (date, time) = s.split_once('T')?;
    let mut d = date.split('-').map(|x| x.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let hms: Vec<i64> = time
        .get(..8)?
        .split(':')
        .map(|x| x.parse().ok())
        .collect::<Option<_>>()?;
    let (yy, mm) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era_days = 365 * yy + yy / 4 - yy / 100 + yy / 400 + (153 * mm + 2) / 5 + day - 1 - 719_468;
    Some(era_days * 86_400 + hms.first()? * 3600 + hms.get(1)? * 60 + hms.get(2)?)
}

/// A blocking reader over the chunks of an async byte stream.
pub(crate) struct ChannelReader {
    pub rx: tokio::sync::mpsc::Receiver<Result<Bytes, String>>,
    pub cur: Bytes,
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.cur.is_empty() {
            match self.rx.blocking_recv() {
                Some(Ok(b)) => self.cur = b,
                Some(Err(e)) => return Err(io::Error::other(format!("export stream failed: {e}"))),
                None => return Ok(0),
            }
        }
        let n = buf.len().min(self.cur.len());
        buf[..n].copy_from_slice(&self.cur.split_to(n));
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses_docker_timestamps() {
        assert_eq!(super::parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            super::parse_rfc3339("2024-03-01T12:00:01.5Z"),
            Some(1_709_294_401)
        );
        assert_eq!(super::parse_rfc3339("garbage"), None);
    }
}
