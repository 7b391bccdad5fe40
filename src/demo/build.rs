//! One image build through the Engine API (classic builder), its progress and its errors.

use std::collections::{BTreeMap, HashMap};

use bollard::query_parameters::BuildImageOptionsBuilder;
use futures_util::StreamExt;

use super::{DemoError, DemoEvent, Stage};
use crate::engine::error::cause_chain;

/// What one `stream` message of the classic builder says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildLine {
    /// `Step 3/9 : RUN …`
    Step {
        step: u32,
        total: u32,
        instruction: String,
    },
    /// Any other non-empty line (command output, ` ---> Running in …`, `Successfully built …`).
    Output(String),
}

/// Follows a build stream: the step it is at, so a failure can name it.
#[derive(Debug, Default)]
pub struct BuildProgress {
    step: Option<(u32, u32)>,
    instruction: Option<String>,
}

impl BuildProgress {
    /// Takes one `stream` message (it may hold several lines, or none).
    pub fn absorb(&mut self, text: &str) -> Vec<BuildLine> {
        let mut lines = Vec::new();
        for line in text
            .lines()
            .map(str::trim_end)
            .filter(|l| !l.trim().is_empty())
        {
            match parse_step(line) {
                Some((step, total, instruction)) => {
                    self.step = Some((step, total));
                    self.instruction = Some(instruction.clone());
                    lines.push(BuildLine::Step {
                        step,
                        total,
                        instruction,
                    });
                }
                None => lines.push(BuildLine::Output(line.to_string())),
            }
        }
        lines
    }

    /// The error for a build of `image` that failed with `message` at the current step.
    pub fn failure(&self, image: &str, message: &str) -> DemoError {
        DemoError::Build {
            image: image.to_string(),
            step: self.step,
            instruction: self.instruction.clone(),
            message: message.trim().to_string(),
        }
    }
}

/// Parses `Step N/M : INSTRUCTION`.
pub fn parse_step(line: &str) -> Option<(u32, u32, String)> {
    let rest = line.trim_start().strip_prefix("Step ")?;
    let (numbers, instruction) = rest.split_once(" : ")?;
    let (n, total) = numbers.split_once('/')?;
    let n = n.trim().parse().ok()?;
    let total = total.trim().parse().ok()?;
    Some((n, total, instruction.trim().to_string()))
}

/// One build: a tar context with a `Dockerfile`, the tag to give the image, and its options.
pub struct BuildRequest<'a> {
    pub stage: Stage,
    pub tag: &'a str,
    pub archive: Vec<u8>,
    pub buildargs: &'a BTreeMap<String, String>,
    pub labels: &'a HashMap<String, String>,
    /// Build without the daemon's layer cache.
    pub nocache: bool,
}

/// Runs `request` on the daemon, reporting each step; a failure names the image and step.
pub async fn build(
    docker: &bollard::Docker,
    request: BuildRequest<'_>,
    progress: &mut dyn FnMut(DemoEvent),
) -> Result<(), DemoError> {
    let BuildRequest {
        stage,
        tag,
        archive,
        buildargs,
        labels,
        nocache,
    } = request;
    let buildargs: HashMap<String, String> = buildargs.clone().into_iter().collect();
    let options = BuildImageOptionsBuilder::new()
        .dockerfile("Dockerfile")
        .t(tag)
        .rm(true)
        .forcerm(true)
        .nocache(nocache)
        .buildargs(&buildargs)
        .labels(labels)
        .build();
    let body = bollard::body_full(archive.into());
    let mut stream = docker.build_image(options, None, Some(body));
    let mut state = BuildProgress::default();
    while let Some(item) = stream.next().await {
        let info = match item {
            Ok(info) => info,
            Err(bollard::errors::Error::DockerStreamError { error }) => {
                return Err(state.failure(tag, &error));
            }
            Err(other) => return Err(state.failure(tag, &cause_chain(&other))),
        };
        let detail = info.error_detail.and_then(|d| d.message);
        if let Some(message) = info.error.or(detail) {
            return Err(state.failure(tag, &message));
        }
        let Some(text) = info.stream else { continue };
        for line in state.absorb(&text) {
            progress(match line {
                BuildLine::Step {
                    step,
                    total,
                    instruction,
                } => DemoEvent::Step {
                    stage,
                    step,
                    total,
                    instruction,
                },
                BuildLine::Output(line) => DemoEvent::Output { stage, line },
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_and_failures_name_the_step() {
        assert_eq!(
            parse_step("Step 3/9 : RUN apt-get update"),
            Some((3, 9, "RUN apt-get update".into()))
        );
        assert_eq!(parse_step(" ---> Running in 1234"), None);
        assert_eq!(parse_step("Step x/9 : RUN"), None);

        let mut p = BuildProgress::default();
        let lines = p.absorb("Step 1/2 : FROM scratch\n ---> abc\n\n");
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1], BuildLine::Output(" ---> abc".into()));
        p.absorb("Step 2/2 : RUN false\n");
        let err = p.failure(
            "docktor-demo/original",
            "The command '/bin/sh -c false' returned a non-zero code: 1\n",
        );
        assert_eq!(
            err.to_string(),
            "building docktor-demo/original failed at step 2/2 (RUN false): \
             The command '/bin/sh -c false' returned a non-zero code: 1"
        );
    }
}
