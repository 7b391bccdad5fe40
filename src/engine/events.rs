//! The daemon's event stream, narrowed to what changes the container list (or the image
//! list, for the Images view).
//!
//! We subscribe with filters so the daemon does the narrowing: health probes create
//! `exec_*` events every few seconds per container, and none of them reach us.

use std::collections::HashMap;

use bollard::query_parameters::EventsOptions;
use futures_util::{Stream, StreamExt};

use super::{Engine, EngineError};

/// Container events that change what the list shows.
pub const LIST_EVENTS: &[&str] = &[
    "create",
    "start",
    "restart",
    "stop",
    "die",
    "kill",
    "destroy",
    "pause",
    "unpause",
    "rename",
    "oom",
    "health_status",
];

/// One event about a container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerEvent {
    pub id: String,
    /// e.g. `start`, `die`, `health_status: unhealthy`.
    pub action: String,
    /// Unix seconds.
    pub time: i64,
}

impl Engine {
    /// Container events since `since` (Unix seconds; replayed by the daemon, so nothing
    /// between a list and the subscription is missed). Ends or errors when the daemon goes away.
    pub fn container_events(
        &self,
        since: i64,
    ) -> impl Stream<Item = Result<ContainerEvent, EngineError>> + use<> {
        let mut filters: HashMap<String, Vec<String>> = HashMap::new();
        filters.insert("type".into(), vec!["container".into()]);
        filters.insert(
            "event".into(),
            LIST_EVENTS.iter().map(|s| s.to_string()).collect(),
        );
        let opts = EventsOptions {
            filters: Some(filters),
            since: Some(since.to_string()),
            until: None,
        };
        self.docker().events(Some(opts)).map(|r| match r {
            Ok(ev) => Ok(ContainerEvent {
                id: ev.actor.and_then(|a| a.id).unwrap_or_default(),
                action: ev.action.unwrap_or_default(),
                time: ev.time.unwrap_or(0),
            }),
            Err(e) => Err(EngineError::from_api("watch events", e)),
        })
    }
}

/// Image events that change the image list.
pub const IMAGE_EVENTS: &[&str] = &["delete", "untag", "tag", "import", "load", "pull"];

impl Engine {
    /// Image events (removed, untagged, tagged, loaded, pulled) since `since` (Unix
    /// seconds); each item is the event's action. Ends or errors when the daemon goes away.
    pub fn image_events(
        &self,
        since: i64,
    ) -> impl Stream<Item = Result<String, EngineError>> + use<> {
        let mut filters: HashMap<String, Vec<String>> = HashMap::new();
        filters.insert("type".into(), vec!["image".into()]);
        filters.insert(
            "event".into(),
            IMAGE_EVENTS.iter().map(|s| s.to_string()).collect(),
        );
        let opts = EventsOptions {
            filters: Some(filters),
            since: Some(since.to_string()),
            until: None,
        };
        self.docker().events(Some(opts)).map(|r| match r {
            Ok(ev) => Ok(ev.action.unwrap_or_default()),
            Err(e) => Err(EngineError::from_api("watch image events", e)),
        })
    }
}
