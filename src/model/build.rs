//! An image build as docktor asks for it (a tar context, a tag, arguments) and what the
//! engine reports while it builds.

use std::collections::BTreeMap;

/// One build with the engine's classic builder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildSpec {
    /// The build context as a tar archive (it holds the Dockerfile).
    pub context_tar: Vec<u8>,
    /// Path of the Dockerfile inside the context.
    pub dockerfile: String,
    /// `repo:tag` to give the image.
    pub tag: String,
    pub buildargs: BTreeMap<String, String>,
    pub labels: BTreeMap<String, String>,
    /// Build without the engine's layer cache.
    pub nocache: bool,
}

/// What a running build says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildEvent {
    /// Builder output: one message, which may hold several lines (`Step 3/9 : RUN …`).
    Output(String),
    /// The build failed with this message (the engine's words); nothing follows.
    Failed(String),
}
