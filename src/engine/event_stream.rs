//! Typed events for any filters, read from `/events` by docktor (newline-delimited JSON),
//! so a type or action the client library does not know cannot end the stream.
//! `events.rs` keeps the list's narrow `container_events`.

use std::collections::BTreeMap;
use std::time::{Duration, UNIX_EPOCH};

use bytes::Bytes;
use futures_util::stream::BoxStream;
use futures_util::{Stream, StreamExt};
use serde::Deserialize;

use super::raw::{Query, Request};
use super::timestamp::unix_with_nanos;
use super::{Engine, EngineError};
use crate::model::events::{EngineEvent, EventFilter};

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireActor {
    #[serde(rename = "ID")]
    id: String,
    #[serde(rename = "Attributes")]
    attributes: Option<BTreeMap<String, String>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireEvent {
    #[serde(rename = "Type")]
    kind: String,
    #[serde(rename = "Action")]
    action: String,
    #[serde(rename = "Actor")]
    actor: WireActor,
    scope: String,
    time: i64,
    #[serde(rename = "timeNano")]
    time_nano: i64,
}

/// One line of the event stream → an event (`None` for a blank line).
pub fn parse_event(line: &[u8]) -> Option<Result<EngineEvent, String>> {
    let line = line.strip_prefix(b"\x1e").unwrap_or(line);
    if line.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let w: WireEvent = match serde_json::from_slice(line) {
        Ok(w) => w,
        Err(e) => return Some(Err(format!("an event does not parse: {e}"))),
    };
    let time = if w.time_nano > 0 {
        UNIX_EPOCH + Duration::from_nanos(w.time_nano as u64)
    } else {
        UNIX_EPOCH + Duration::from_secs(w.time.max(0) as u64)
    };
    Some(Ok(EngineEvent {
        kind: w.kind,
        action: w.action,
        actor_id: w.actor.id,
        attributes: w.actor.attributes.unwrap_or_default(),
        time,
        scope: w.scope,
    }))
}

/// Splits chunks into lines, however the chunks cut them.
#[derive(Default)]
struct Lines {
    buf: Vec<u8>,
}

impl Lines {
    fn push(&mut self, chunk: &Bytes) -> Vec<Vec<u8>> {
        self.buf.extend_from_slice(chunk);
        let mut out = Vec::new();
        while let Some(i) = self.buf.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.buf.drain(..=i).collect();
            out.push(line);
        }
        out
    }
}

enum Phase {
    Start(Box<Engine>, Request),
    Reading(BoxStream<'static, Result<Bytes, EngineError>>, Lines),
    Done,
}

impl Engine {
    /// Events matching `filter`, from `filter.since` (replayed) on; ends or errors when the
    /// daemon goes away, ends at `filter.until`.
    pub fn events(
        &self,
        filter: &EventFilter,
    ) -> impl Stream<Item = Result<EngineEvent, EngineError>> + Send + use<> {
        let q = Query::new()
            .filters(&filter.pairs())
            .push_opt("since", filter.since.map(unix_with_nanos).as_deref())
            .push_opt("until", filter.until.map(unix_with_nanos).as_deref());
        let req = Request::get("/events").query(q);
        let start = Phase::Start(Box::new(self.clone()), req);
        futures_util::stream::unfold(start, |phase| async move {
            let doing = "watch events";
            let (mut chunks, mut lines) = match phase {
                Phase::Done => return None,
                Phase::Reading(c, l) => (c, l),
                Phase::Start(engine, req) => match engine.call(req, doing).await {
                    Ok(resp) => (resp.chunks(), Lines::default()),
                    Err(e) => return Some((vec![Err(e)], Phase::Done)),
                },
            };
            loop {
                match chunks.next().await {
                    None => return None,
                    Some(Err(e)) => return Some((vec![Err(e)], Phase::Done)),
                    Some(Ok(chunk)) => {
                        let events: Vec<_> = lines
                            .push(&chunk)
                            .iter()
                            .filter_map(|l| parse_event(l))
                            .map(|r| {
                                r.map_err(|message| EngineError::Api {
                                    doing: doing.into(),
                                    message,
                                })
                            })
                            .collect();
                        if !events.is_empty() {
                            return Some((events, Phase::Reading(chunks, lines)));
                        }
                    }
                }
            }
        })
        .flat_map(futures_util::stream::iter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_probe_event_of_20_10_parses() {
        let line = br#"{"status":"exec_die","id":"cf9c","from":"x:1","Type":"container","Action":"exec_die","Actor":{"ID":"cf9c","Attributes":{"execID":"6e54","exitCode":"0","name":"web"}},"scope":"local","time":1796114307,"timeNano":1796114307316953139}
"#;
        let e = parse_event(line).unwrap().unwrap();
        assert_eq!(e.kind, "container");
        assert_eq!(e.name(), "exec_die");
        assert_eq!(e.exec_id(), Some("6e54"));
        assert_eq!(e.exit_code(), Some(0));
        assert_eq!(e.actor_name(), Some("web"));
        let nanos = e.time.duration_since(UNIX_EPOCH).unwrap();
        assert_eq!(nanos.subsec_nanos(), 316_953_139);
        assert!(parse_event(b"\n").is_none());
        assert!(parse_event(b"{oops").unwrap().is_err());
    }

    #[test]
    fn lines_are_rejoined_across_chunks() {
        let mut l = Lines::default();
        assert!(l.push(&Bytes::from_static(b"{\"a\":")).is_empty());
        let got = l.push(&Bytes::from_static(b"1}\n{\"b\":2}\n{"));
        assert_eq!(got, vec![b"{\"a\":1}\n".to_vec(), b"{\"b\":2}\n".to_vec()]);
    }
}
