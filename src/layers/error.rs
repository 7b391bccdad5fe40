//! Errors of the layer analysis, written for people: what happened, to what, and what to do.

use std::path::PathBuf;

/// Everything that can stop a layer analysis. Each message names the image, archive, layer
/// or path concerned and says what to try next.
#[derive(Debug, thiserror::Error)]
pub enum LayersError {
    #[error(
        "image `{image}` was not found on the Docker host; run `docker images` to see the images there, or `docker pull {image}`"
    )]
    ImageNotFound { image: String },

    #[error(
        "the Docker daemon could not {action} `{image}`: {detail}; check that the daemon runs (`docker info`)"
    )]
    Daemon {
        action: &'static str,
        image: String,
        detail: String,
    },

    #[error("cannot read archive {}: {detail}; check the path and that it is a file made by `docker save` or an OCI image layout tar", path.display())]
    ArchiveIo { path: PathBuf, detail: String },

    #[error(
        "the image archive of `{image}` is damaged or truncated ({detail}); save it again (`docker save IMAGE -o FILE`) and retry"
    )]
    CorruptArchive { image: String, detail: String },

    #[error(
        "layer {member} of `{image}` is damaged or truncated ({detail}); save the image again and retry"
    )]
    CorruptLayer {
        image: String,
        member: String,
        detail: String,
    },

    #[error(
        "the image archive of `{image}` is not in a layout docktor knows ({detail}); expected `docker save` output (manifest.json) or an OCI image layout (index.json)"
    )]
    UnknownLayout { image: String, detail: String },

    #[error(
        "the archive holds several images and none is `{image}` (it has: {found}); name one of those"
    )]
    ImageNotInArchive { image: String, found: String },

    #[error(
        "layer {index} of `{image}` (diff_id {diff_id}) is missing from the archive; save the image again with `docker save`"
    )]
    MissingLayer {
        image: String,
        index: usize,
        diff_id: String,
    },

    #[error(
        "cannot read the layers of `{image}` from the local disk: {reason}; use `--via export` (works with every daemon)"
    )]
    LocalUnavailable { image: String, reason: String },

    #[error("the analysis of `{image}` was cancelled")]
    Cancelled { image: String },

    #[error(
        "a Docker connection is needed to read `{image}`; pass `--archive FILE` to read a saved image instead"
    )]
    NoDaemon { image: String },

    #[error("invalid value `{value}` for {what}: {hint}")]
    BadArgument {
        what: &'static str,
        value: String,
        hint: &'static str,
    },
}

impl LayersError {
    /// Replaces the image name in errors raised where the name was not known yet.
    pub(crate) fn for_image(self, name: &str) -> Self {
        use LayersError::*;
        let n = name.to_string();
        match self {
            CorruptArchive { detail, .. } => CorruptArchive { image: n, detail },
            CorruptLayer { member, detail, .. } => CorruptLayer {
                image: n,
                member,
                detail,
            },
            UnknownLayout { detail, .. } => UnknownLayout { image: n, detail },
            Cancelled { .. } => Cancelled { image: n },
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_thing_and_the_next_step() {
        let e = LayersError::ImageNotFound {
            image: "nope:1".into(),
        };
        let s = e.to_string();
        assert!(s.contains("nope:1") && s.contains("docker images"), "{s}");
        let e = LayersError::CorruptLayer {
            image: String::new(),
            member: "abc/layer.tar".into(),
            detail: "unexpected end of file".into(),
        }
        .for_image("app:2");
        let s = e.to_string();
        assert!(s.contains("app:2") && s.contains("abc/layer.tar"), "{s}");
    }
}
