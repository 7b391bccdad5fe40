//! How the images of an archive are named and found: tags as `docker images` shows them, IDs
//! and their prefixes, and the label an analysis of one of them carries.

use super::Listed;

impl Listed {
    /// Its tags, or its short ID when it has none.
    pub(super) fn describe(&self) -> String {
        if self.tags.is_empty() {
            format!("{} (untagged)", crate::model::short_id(&self.id))
        } else {
            self.tags.join(", ")
        }
    }
}

pub(super) fn matches(image: &Listed, want: &str) -> bool {
    let want_id = want.trim_start_matches("sha256:");
    image.tags.iter().any(|t| tag_matches(t, want))
        || (want_id.len() >= 4
            && want_id.bytes().all(|b| b.is_ascii_hexdigit())
            && image.id.starts_with(want_id))
}

pub(super) fn tag_matches(tag: &str, want: &str) -> bool {
    let norm = |s: &str| {
        let s = familiar(s);
        if s.rsplit('/').next().is_some_and(|last| last.contains(':')) {
            s
        } else {
            format!("{s}:latest")
        }
    };
    !want.is_empty() && (tag == want || norm(tag) == norm(want))
}

/// A reference as `docker images` shows it: `docker.io/library/app:1` is `app:1`.
pub(super) fn familiar(name: &str) -> String {
    name.strip_prefix("docker.io/")
        .map(|s| s.strip_prefix("library/").unwrap_or(s))
        .unwrap_or(name)
        .to_string()
}

/// How an image is called in labels: its first tag, else its short ID.
pub(super) fn label(image: &Listed) -> String {
    image
        .tags
        .first()
        .cloned()
        .unwrap_or_else(|| crate::model::short_id(&image.id).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(tags: &[&str], id: &str) -> Listed {
        Listed {
            tags: tags.iter().map(|t| t.to_string()).collect(),
            id: id.into(),
            config: String::new(),
            layers: Vec::new(),
        }
    }

    #[test]
    fn tags_match_as_docker_spells_them_and_ids_by_prefix() {
        let i = listed(
            &["app:latest", "docker.io/library/web:1"],
            "abcdef0123456789",
        );
        for want in [
            "app",
            "app:latest",
            "docker.io/library/app",
            "web:1",
            "abcd",
            "sha256:abcdef",
        ] {
            assert!(matches(&i, want), "{want}");
        }
        for want in ["app:2", "web", "abc", "zzzz", ""] {
            assert!(!matches(&i, want), "{want}");
        }
        assert_eq!(familiar("docker.io/library/web:1"), "web:1");
        assert_eq!(familiar("docker.io/me/web:1"), "me/web:1");
        assert_eq!(familiar("ghcr.io/me/web:1"), "ghcr.io/me/web:1");
        assert_eq!(label(&i), "app:latest");
        let untagged = listed(&[], "0123456789abcdef0123");
        assert_eq!(label(&untagged), "0123456789ab");
        assert_eq!(untagged.describe(), "0123456789ab (untagged)");
    }
}
