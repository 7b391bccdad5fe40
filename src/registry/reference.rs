//! Image references as Docker reads them: which registry a name points at (`python:3.13`
//! is Docker Hub, `ghcr.io/astral-sh/uv:…` GitHub's, `localhost:5000/x` a local one), with
//! an error for what Docker would refuse.

/// A parsed reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The registry host as Docker normalises it (`docker.io` for Hub names).
    pub registry: String,
    /// `astral-sh/uv`, `library/python`.
    pub repository: String,
    /// `:tag` or `@digest` as written (empty: `latest`).
    pub tag: String,
}

impl Reference {
    /// The whole reference, with Hub's `library/` for one-part names.
    pub fn full(&self) -> String {
        let tag = if self.tag.is_empty() {
            ":latest"
        } else {
            &self.tag
        };
        format!("{}/{}{tag}", self.registry, self.repository)
    }
}

/// Parses `image` (`name[:tag][@digest]`). Errors say what Docker expects.
pub fn parse(image: &str) -> Result<Reference, String> {
    let s = image.trim();
    if s.is_empty() {
        return Err("an empty image name".into());
    }
    if s.contains("://") {
        return Err(format!(
            "'{s}' is a URL; an image name has no scheme (e.g. ghcr.io/astral-sh/uv:0.5)"
        ));
    }
    let (name, digest) = match s.split_once('@') {
        Some((n, d)) => (n, format!("@{d}")),
        None => (s, String::new()),
    };
    // A tag is after the last `:` that follows the last `/`.
    let slash = name.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match name[slash..].rfind(':') {
        Some(i) => (&name[..slash + i], name[slash + i..].to_string()),
        None => (name, String::new()),
    };
    let (registry, repo) = match name.split_once('/') {
        Some((first, rest)) if first.contains(['.', ':']) || first == "localhost" => {
            (first.to_string(), rest.to_string())
        }
        _ => ("docker.io".to_string(), name.to_string()),
    };
    let registry = if registry == "index.docker.io" || registry == "registry-1.docker.io" {
        "docker.io".to_string()
    } else {
        registry
    };
    let repository = if registry == "docker.io" && !repo.contains('/') {
        format!("library/{repo}")
    } else {
        repo
    };
    let ok_repo = !repository.is_empty()
        && repository.split('/').all(|c| {
            !c.is_empty()
                && c.chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || "._-".contains(ch))
        });
    if !ok_repo {
        return Err(format!(
            "'{s}' is not an image name Docker accepts: lower-case letters, digits and . _ - \
             separated by /"
        ));
    }
    if tag == ":"
        || (!tag.is_empty()
            && tag[1..]
                .chars()
                .any(|c| !(c.is_ascii_alphanumeric() || "._-".contains(c))))
    {
        return Err(format!("'{s}' has a tag Docker does not accept"));
    }
    let ok_digest = digest.is_empty()
        || digest[1..].split_once(':').is_some_and(|(alg, hex)| {
            !alg.is_empty()
                && !hex.is_empty()
                && digest[1..]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || ":+._-=".contains(c))
        });
    if !ok_digest {
        return Err(format!(
            "'{s}' has a digest Docker does not accept (sha256:…)"
        ));
    }
    Ok(Reference {
        registry,
        repository,
        tag: format!("{tag}{digest}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registries_as_docker_reads_them() {
        let r = |s: &str| parse(s).map(|r| (r.registry, r.repository, r.tag));
        assert_eq!(
            r("ghcr.io/astral-sh/uv:latest-python3.13-bookworm-slim"),
            Ok((
                "ghcr.io".into(),
                "astral-sh/uv".into(),
                ":latest-python3.13-bookworm-slim".into()
            ))
        );
        assert_eq!(
            r("python:3.13-slim"),
            Ok((
                "docker.io".into(),
                "library/python".into(),
                ":3.13-slim".into()
            ))
        );
        assert_eq!(
            r("localhost:5000/app"),
            Ok(("localhost:5000".into(), "app".into(), "".into()))
        );
        assert_eq!(
            r("127.0.0.1:5000/a/b:1"),
            Ok(("127.0.0.1:5000".into(), "a/b".into(), ":1".into()))
        );
        assert_eq!(
            r("index.docker.io/library/busybox").map(|x| x.0),
            Ok("docker.io".into())
        );
        assert_eq!(
            r("bitnami/redis@sha256:abc").map(|x| x.2),
            Ok("@sha256:abc".into())
        );
        assert_eq!(
            parse("python").unwrap().full(),
            "docker.io/library/python:latest"
        );
        for bad in [
            "",
            "https://ghcr.io/x",
            "Ghcr.io/UPPER/x",
            "a//b",
            "x:",
            "x:t@g!",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
