//! One demo image build through the engine (classic builder), its progress and its errors.

use std::collections::BTreeMap;

use futures_util::StreamExt;

use super::{DemoError, DemoEvent, Stage};
use crate::engine::Engine;
use crate::model::build::{BuildEvent, BuildSpec};

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
    pub labels: BTreeMap<String, String>,
    /// Build without the daemon's layer cache.
    pub nocache: bool,
}

/// Runs `request` on the daemon, reporting each step; a failure names the image and step.
pub async fn build(
    engine: &Engine,
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
    let spec = BuildSpec {
        context_tar: archive,
        dockerfile: "Dockerfile".into(),
        tag: tag.to_string(),
        buildargs: buildargs.clone(),
        labels,
        nocache,
    };
    let mut stream = std::pin::pin!(engine.build_image(spec));
    let mut state = BuildProgress::default();
    while let Some(event) = stream.next().await {
        let text = match event {
            BuildEvent::Failed(message) => return Err(state.failure(tag, &message)),
            BuildEvent::Output(text) => text,
        };
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
