//! Building an image from a tar context with the engine's classic builder, its output as
//! [`BuildEvent`]s.

use std::collections::HashMap;

use bollard::query_parameters::BuildImageOptionsBuilder;
use futures_util::{Stream, StreamExt};

use super::Engine;
use super::error::cause_chain;
use crate::model::build::{BuildEvent, BuildSpec};

impl Engine {
    /// Builds `spec`; the stream says what the builder prints and ends after a
    /// [`BuildEvent::Failed`] or when the build is done.
    pub fn build_image(&self, spec: BuildSpec) -> impl Stream<Item = BuildEvent> + Send + '_ {
        let buildargs: HashMap<String, String> = spec.buildargs.into_iter().collect();
        let labels: HashMap<String, String> = spec.labels.into_iter().collect();
        let options = BuildImageOptionsBuilder::new()
            .dockerfile(&spec.dockerfile)
            .t(&spec.tag)
            .rm(true)
            .forcerm(true)
            .nocache(spec.nocache)
            .buildargs(&buildargs)
            .labels(&labels)
            .build();
        let body = bollard::body_full(spec.context_tar.into());
        let mut failed = false;
        self.docker()
            .build_image(options, None, Some(body))
            .filter_map(|item| async move {
                match item {
                    Ok(info) => {
                        let detail = info.error_detail.and_then(|d| d.message);
                        match (info.error.or(detail), info.stream) {
                            (Some(message), _) => Some(BuildEvent::Failed(message)),
                            (None, Some(text)) => Some(BuildEvent::Output(text)),
                            (None, None) => None,
                        }
                    }
                    Err(bollard::errors::Error::DockerStreamError { error }) => {
                        Some(BuildEvent::Failed(error))
                    }
                    Err(other) => Some(BuildEvent::Failed(cause_chain(&other))),
                }
            })
            .take_while(move |ev| {
                let go = !failed;
                failed |= matches!(ev, BuildEvent::Failed(_));
                std::future::ready(go)
            })
    }
}
