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
    /// Rights and mount membership of every node for one runtime, computed once for all
    /// the rules (see [`Walked::rights_for`]).
    cache: std::sync::OnceLock<(Runtime, bool, std::sync::Arc<Computed>)>,
}

/// What the rules share about one tree and runtime.
#[derive(Debug)]
pub struct Computed {
    pub rights: Vec<super::access::Access>,
    /// Entries on a mount (volume, bind, tmpfs): not files of the image.
    pub on_mount: Vec<bool>,
}

impl Walked {
    /// The rights of `runtime`'s user on every node and which nodes are on a mount, computed
    /// the first time and kept (for another runtime, computed afresh).
    pub fn rights_for(&self, runtime: &Runtime) -> std::sync::Arc<Computed> {
        let compute = || {
            let tree = &self.tree;
            let rights = super::rights::rights(tree, &self.context(runtime));
            let mut on_mount: Vec<bool> = Vec::with_capacity(tree.len());
            for id in tree.ids() {
                let n = tree.node(id);
                let own = n
                    .mount
                    .and_then(|m| runtime.mounts.get(m as usize))
                    .is_some();
                let parent = id != super::tree::ROOT && on_mount[n.parent as usize];
                on_mount.push(own || parent);
            }
            std::sync::Arc::new(Computed { rights, on_mount })
        };
        match self.cache.get() {
            Some((r, reach, c)) if r == runtime && *reach == self.reach_root => c.clone(),
            Some(_) => compute(),
            None => {
                let (_, _, c) = self
                    .cache
                    .get_or_init(|| (runtime.clone(), self.reach_root, compute()));
                c.clone()
            }
        }
    }
    /// A complete walk read through the archive endpoint, nothing outside.
    pub fn new(tree: Tree, via: Via) -> Walked {
        Walked {
            tree,
            via,
            incomplete: None,
            missing_mounts: Vec::new(),
            reach_root: true,
            outside: Outside::new(),
            cache: std::sync::OnceLock::new(),
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

/// What the runtime part is made of, as the engine's inspect and two small archive reads
/// give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuntimeInput {
    /// `Config.User`.
    pub user: String,
    /// `HostConfig.GroupAdd`.
    pub group_add: Vec<String>,
    /// `Config.Env` (`KEY=value`).
    pub env: Vec<String>,
    pub entrypoint: Vec<String>,
    pub cmd: Vec<String>,
    pub read_only_rootfs: bool,
    /// `HostConfig.CapDrop`.
    pub cap_drop: Vec<String>,
    pub mounts: Vec<Mount>,
    /// The bytes of `/etc/passwd` and `/etc/group`, `Err(why)` when they could not be read
    /// (`Ok(None)`: not there).
    pub passwd: Result<Option<Vec<u8>>, String>,
    pub group: Result<Option<Vec<u8>>, String>,
}

impl Default for RuntimeInput {
    fn default() -> Self {
        RuntimeInput {
            user: String::new(),
            group_add: Vec::new(),
            env: Vec::new(),
            entrypoint: Vec::new(),
            cmd: Vec::new(),
            read_only_rootfs: false,
            cap_drop: Vec::new(),
            mounts: Vec::new(),
            passwd: Ok(None),
            group: Ok(None),
        }
    }
}

impl Runtime {
    /// Resolves the user against the accounts and keeps what the rules need.
    pub fn build(input: RuntimeInput) -> Runtime {
        use super::accounts::Presence;
        let bytes = |r: &Result<Option<Vec<u8>>, String>| r.as_ref().ok().cloned().flatten();
        let mut accounts = Accounts::parse(
            bytes(&input.passwd).as_deref(),
            bytes(&input.group).as_deref(),
        );
        if let Err(why) = &input.passwd {
            accounts.passwd = Presence::Unreadable(why.clone());
        }
        if let Err(why) = &input.group {
            accounts.group = Presence::Unreadable(why.clone());
        }
        let dropped = |cap: &str| {
            input.cap_drop.iter().any(|c| {
                c.eq_ignore_ascii_case("ALL")
                    || c.trim_start_matches("CAP_").eq_ignore_ascii_case(cap)
            })
        };
        let user = super::user::resolve(
            &input.user,
            &input.group_add,
            &accounts,
            !dropped("DAC_OVERRIDE"),
        );
        let compile_bytecode = input.env.iter().any(|e| {
            e.split_once('=').is_some_and(|(k, v)| {
                k == "UV_COMPILE_BYTECODE" && !matches!(v.trim(), "" | "0" | "false" | "no")
            })
        });
        Runtime {
            user,
            accounts,
            command: input.entrypoint.into_iter().chain(input.cmd).collect(),
            compile_bytecode,
            read_only_rootfs: input.read_only_rootfs,
            mounts: input.mounts,
        }
    }
}
