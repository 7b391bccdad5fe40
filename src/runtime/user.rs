//! The user a container runs as, as Docker reads `USER` / `--user`: `name`, `uid`,
//! `name:group` or `uid:gid`; empty means root.

/// Is `user` (as Docker has it) root? Empty, `root` and uid `0`, with any group.
pub fn is_root(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or("").trim();
    name.is_empty() || name == "root" || name.parse::<u64>() == Ok(0)
}

/// How to show the user: `root (no USER set)` for an empty one.
pub fn describe(user: &str) -> String {
    if user.trim().is_empty() {
        "root (no USER set)".to_string()
    } else {
        format!("`{user}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_in_every_spelling() {
        for u in ["", "root", "0", "0:0", "root:root", "0:1001", " 0 "] {
            assert!(is_root(u), "{u:?}");
        }
        for u in ["app", "1001", "1001:1001", "app:app", "00x", "10"] {
            assert!(!is_root(u), "{u:?}");
        }
        assert_eq!(describe(""), "root (no USER set)");
        assert_eq!(describe("app"), "`app`");
    }
}
