//! Expectations about single paths, in container-structure-test's terms so users can bring
//! their `fileExistenceTests`: `path`, `should_exist`, `permissions` (`-rw-r--r--`, or Go's
//! `urwxr-xr-x` form), `uid`, `gid`, `executable_by` (`any|owner|group|other`). Each one is
//! a pass, a fail (saying what was found) or unknown (a path outside the walk not read).

use serde::{Deserialize, Deserializer, Serialize};

use super::entry::Kind;
use super::facts::Walked;
use super::mode::{ExpectedMode, mode_string, parse_mode};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExecutableBy {
    Any,
    Owner,
    Group,
    Other,
}

impl ExecutableBy {
    fn bits(self) -> u32 {
        match self {
            ExecutableBy::Any => 0o111,
            ExecutableBy::Owner => 0o100,
            ExecutableBy::Group => 0o010,
            ExecutableBy::Other => 0o001,
        }
    }
}

/// An expected mode as written and as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub struct Permissions {
    pub text: String,
    pub mode: ExpectedMode,
}

impl From<Permissions> for String {
    fn from(p: Permissions) -> String {
        p.text
    }
}

impl<'de> Deserialize<'de> for Permissions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let mode = parse_mode(&text).map_err(serde::de::Error::custom)?;
        Ok(Permissions { text, mode })
    }
}

/// One `[[files.expect]]` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    /// A label (container-structure-test's `name`); the path when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub path: String,
    #[serde(default = "yes", alias = "shouldExist")]
    pub should_exist: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gid: Option<u32>,
    #[serde(
        default,
        alias = "isExecutableBy",
        skip_serializing_if = "Option::is_none"
    )]
    pub executable_by: Option<ExecutableBy>,
}

fn yes() -> bool {
    true
}

impl Expectation {
    pub fn label(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.path)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExpectStatus {
    Pass,
    Fail,
    Unknown,
}

/// The outcome of one expectation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checked {
    pub expectation: Expectation,
    pub status: ExpectStatus,
    /// What was found (`-rw-r--r-- 0:0`), or why it fails or is unknown.
    pub detail: String,
}

/// The metadata of a path as the walk or a single read found it.
struct Seen {
    kind: Kind,
    perm: u32,
    uid: u32,
    gid: u32,
}

fn seen(walked: &Walked, path: &str) -> Result<Option<Seen>, String> {
    if walked.tree.covers(path.as_bytes()) {
        return Ok(walked.tree.find(path.as_bytes()).map(|id| {
            let n = walked.tree.node(id);
            Seen {
                kind: n.kind,
                perm: n.perm,
                uid: n.uid,
                gid: n.gid,
            }
        }));
    }
    match walked.outside.get(path) {
        Some(e) => Ok(e.as_ref().map(|e| Seen {
            kind: e.kind,
            perm: e.perm,
            uid: e.uid,
            gid: e.gid,
        })),
        None => Err(format!(
            "{path} is outside {} and was not read",
            walked.tree.root()
        )),
    }
}

/// Checks one expectation against the walk.
pub fn check(e: &Expectation, walked: &Walked) -> Checked {
    let done = |status, detail: String| Checked {
        expectation: e.clone(),
        status,
        detail,
    };
    let found = match seen(walked, &e.path) {
        Ok(f) => f,
        Err(why) => return done(ExpectStatus::Unknown, why),
    };
    let Some(s) = found else {
        return if e.should_exist {
            done(ExpectStatus::Fail, "does not exist".into())
        } else {
            done(ExpectStatus::Pass, "does not exist".into())
        };
    };
    let shown = format!("{} {}:{}", mode_string(s.kind, s.perm), s.uid, s.gid);
    if !e.should_exist {
        return done(
            ExpectStatus::Fail,
            format!("exists ({shown}) but should not"),
        );
    }
    let mut wrong = Vec::new();
    if let Some(p) = &e.permissions
        && !p.mode.matches(s.kind, s.perm)
    {
        wrong.push(format!(
            "mode is {}, expected {}",
            mode_string(s.kind, s.perm),
            p.text
        ));
    }
    if let Some(uid) = e.uid.filter(|u| *u != s.uid) {
        wrong.push(format!("uid is {}, expected {uid}", s.uid));
    }
    if let Some(gid) = e.gid.filter(|g| *g != s.gid) {
        wrong.push(format!("gid is {}, expected {gid}", s.gid));
    }
    if let Some(x) = e.executable_by
        && s.perm & x.bits() == 0
    {
        let who = serde_json::to_value(x)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        wrong.push(format!(
            "not executable by {who} ({})",
            mode_string(s.kind, s.perm)
        ));
    }
    if wrong.is_empty() {
        done(ExpectStatus::Pass, shown)
    } else {
        done(ExpectStatus::Fail, wrong.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::synthetic::walked;

    fn exp(toml_text: &str) -> Expectation {
        toml::from_str(toml_text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn pass_fail_and_unknown() {
        let mut w = walked(
            "/app",
            "d 755 1001:1001 .\nf 644 0:0 start.sh\nf 4755 0:0 su\n",
        );
        let c = check(
            &exp(
                "path = \"/app/start.sh\"\npermissions = \"-rwxr-xr-x\"\nuid = 1001\nexecutable_by = \"any\"",
            ),
            &w,
        );
        assert_eq!(c.status, ExpectStatus::Fail);
        assert!(
            c.detail.contains("mode is -rw-r--r--, expected -rwxr-xr-x"),
            "{}",
            c.detail
        );
        assert!(
            c.detail.contains("uid is 0, expected 1001")
                && c.detail.contains("not executable by any"),
            "{}",
            c.detail
        );
        let c = check(
            &exp("path = \"/app/su\"\npermissions = \"urwxr-xr-x\"\nexecutable_by = \"other\""),
            &w,
        );
        assert_eq!(c.status, ExpectStatus::Pass, "{}", c.detail);
        let c = check(&exp("path = \"/app/.env\"\nshould_exist = false"), &w);
        assert_eq!(c.status, ExpectStatus::Pass);
        let c = check(&exp("path = \"/app/start.sh\"\nshouldExist = false"), &w);
        assert_eq!(c.status, ExpectStatus::Fail);
        assert!(c.detail.contains("should not"));
        let c = check(&exp("path = \"/app/missing\""), &w);
        assert_eq!(
            (c.status, c.detail.as_str()),
            (ExpectStatus::Fail, "does not exist")
        );
        let c = check(&exp("path = \"/etc/passwd\"\nuid = 0"), &w);
        assert_eq!(c.status, ExpectStatus::Unknown);
        w.outside.insert(
            "/etc/passwd".into(),
            Some(crate::files::Entry::new(
                b"passwd",
                Kind::File,
                0o644,
                0,
                0,
                10,
            )),
        );
        w.outside.insert("/etc/shadow".into(), None);
        assert_eq!(
            check(&exp("path = \"/etc/passwd\"\nuid = 0"), &w).status,
            ExpectStatus::Pass
        );
        assert_eq!(
            check(&exp("path = \"/etc/shadow\""), &w).status,
            ExpectStatus::Fail
        );
    }

    #[test]
    fn unknown_keys_are_refused() {
        assert!(toml::from_str::<Expectation>("path = \"/x\"\nowner = \"app\"").is_err());
        assert!(toml::from_str::<Expectation>("path = \"/x\"\nisExecutableBy = \"group\"").is_ok());
    }
}
