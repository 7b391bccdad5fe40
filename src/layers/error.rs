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
        "`{image}` is not an image reference: {why}; name an image as `docker images` shows it (REPOSITORY:TAG, or an ID)"
    )]
    BadReference { image: String, why: String },

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
        "{archive} is not in a layout docktor knows ({detail}); expected `docker save` output (manifest.json) or an OCI image layout (index.json)"
    )]
    UnknownLayout { archive: String, detail: String },

    #[error(
        "{} is not an image archive ({found}); docktor expected what `docker save` writes, a tar with manifest.json (plain, or compressed with gzip, zstd or xz), or an OCI image layout tar with index.json",
        path.display()
    )]
    NotAnArchive { path: PathBuf, found: String },

    #[error(
        "the image archive {} is damaged or truncated{}: {detail}; save the image again (`docker save IMAGE -o FILE`) and retry",
        path.display(),
        at_member(member)
    )]
    DamagedArchive {
        path: PathBuf,
        /// The member of the archive where it broke (empty: the archive's own structure).
        member: String,
        detail: String,
    },

    #[error(
        "{member} in {archive} is a link to `{target}`, which {why}; docktor follows links only inside the archive; save the image again with `docker save`"
    )]
    BadLink {
        archive: String,
        member: String,
        target: String,
        why: String,
    },

    #[error(
        "{archive} holds several images: {found}; say which one to read (e.g. `docktor layers {first} --archive FILE`)"
    )]
    SeveralImages {
        archive: String,
        found: String,
        first: String,
    },

    #[error("{archive} has no image `{image}`; it holds: {found}; name one of those")]
    ImageNotInArchive {
        archive: String,
        image: String,
        found: String,
    },

    #[error(
        "layer {index} of `{image}` (diff_id {diff_id}) is missing from {archive}; save the image again with `docker save`"
    )]
    MissingLayer {
        archive: String,
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

fn at_member(member: &str) -> String {
    if member.is_empty() {
        String::new()
    } else {
        format!(" at {member}")
    }
}

impl LayersError {
    /// Replaces the image name in errors raised where the name was not known yet (the daemon's
    /// export stream of `name`).
    pub(crate) fn for_image(self, name: &str) -> Self {
        use LayersError::*;
        let n = name.to_string();
        let export = || format!("the daemon's export of `{name}`");
        match self {
            CorruptArchive { detail, .. } => CorruptArchive { image: n, detail },
            CorruptLayer { member, detail, .. } => CorruptLayer {
                image: n,
                member,
                detail,
            },
            NotAnArchive { found: detail, .. } | DamagedArchive { detail, .. } => {
                CorruptArchive { image: n, detail }
            }
            Cancelled { .. } => Cancelled { image: n },
            other => other.in_named(&export()),
        }
    }

    /// Names the archive file in errors raised while it was read.
    pub(crate) fn for_archive(self, path: &std::path::Path) -> Self {
        use LayersError::*;
        let p = path.to_path_buf();
        match self {
            CorruptArchive { detail, .. } => DamagedArchive {
                path: p,
                member: String::new(),
                detail,
            },
            CorruptLayer { member, detail, .. } => DamagedArchive {
                path: p,
                member: format!("layer {member}"),
                detail,
            },
            DamagedArchive { member, detail, .. } => DamagedArchive {
                path: p,
                member,
                detail,
            },
            NotAnArchive { found, .. } => NotAnArchive { path: p, found },
            Cancelled { .. } => Cancelled {
                image: path.display().to_string(),
            },
            other => other.in_named(&format!("the archive {}", path.display())),
        }
    }

    /// Fills the `archive` label of the errors that have one.
    fn in_named(self, label: &str) -> Self {
        use LayersError::*;
        let a = label.to_string();
        match self {
            UnknownLayout { detail, .. } => UnknownLayout { archive: a, detail },
            BadLink {
                member,
                target,
                why,
                ..
            } => BadLink {
                archive: a,
                member,
                target,
                why,
            },
            SeveralImages { found, first, .. } => SeveralImages {
                archive: a,
                found,
                first,
            },
            ImageNotInArchive { image, found, .. } => ImageNotInArchive {
                archive: a,
                image,
                found,
            },
            MissingLayer {
                image,
                index,
                diff_id,
                ..
            } => MissingLayer {
                archive: a,
                image,
                index,
                diff_id,
            },
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
