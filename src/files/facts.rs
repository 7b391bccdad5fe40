//! What the rules know about a target's files, in two parts gathered separately: the
//! runtime (who the process is, its accounts, mounts, command — quick: inspect plus two
//! small archive reads) and the walk (the tree under the app dir — long).

use std::collections::BTreeMap;

use serde::Serialize;

use super::accounts::Accounts;
use super::entry::Entry;
use super::mounts::Mount;
use super::rights::Context;
use super::tree::Tree;
use super::user::RuntimeUser;

/// How the tree was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// The Engine API's archive endpoint (any engine, no exec).
    Archive,
    /// The container's overlay2 layer directories on this machine.
    Local,
}

/// The runtime part: `Fact::RuntimeUser`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Runtime {
    pub user: RuntimeUser,
    pub accounts: Accounts,
    /// Entrypoint followed by the command.
    pub command: Vec<String>,
    /// `UV_COMPILE_BYTECODE` is set to a true value in the environment.
    pub compile_bytecode: bool,
    pub read_only_rootfs: bool,
    pub mounts: Vec<Mount>,
}

/// A path outside the walked tree that a rule asked about (an expectation's path, a `.pth`
/// target): its entry, `None` when it does not exist.
pub type Outside = BTreeMap<String, Option<Entry>>;

/// The walk part: `Fact::AppFiles`.
#[derive(Debug, Clone)]
pub struct Walked {
    pub tree: Tree,
    pub via: Via,
    /// Why the walk stopped early, if it did (the tree holds what was read).
    pub incomplete: Option<String>,
    /// Mounts (indexes into `Runtime::mounts`) whose point or contents the walk could not
    /// show (a tmpfs, on the local walk; a point missing from the tree).
    pub missing_mounts: Vec<usize>,
    /// Every directory above the root can be entered by the runtime user (`true` when not
    /// known).
    pub reach_root: bool,
    pub outside: Outside,
}

impl Walked {
    /// A complete walk read through the archive endpoint, nothing outside.
    pub fn new(tree: Tree, via: Via) -> Walked {
        Walked {
            tree,
            via,
            incomplete: None,
            missing_mounts: Vec::new(),
            reach_root: true,
            outside: Outside::new(),
        }
    }

    /// The rights context for `runtime`.
    pub fn context<'a>(&self, runtime: &'a Runtime) -> Context<'a> {
        Context {
            who: &runtime.user.id,
            mounts: &runtime.mounts,
            read_only_rootfs: runtime.read_only_rootfs,
            reach_root: self.reach_root,
        }
    }
}
