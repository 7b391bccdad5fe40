//! Cases of the build context rules: reports of small contexts, clean and not.

use std::sync::Arc;

use super::Case;
use crate::context::report::{ContextReport, PatternInfo, Refusal, Sensitive};
use crate::context::sensitive::Concern;
use crate::context::walk::{Builder, Unreadable};
use crate::diagnose::Facts;
use crate::profile::Profile;

fn clean_report() -> ContextReport {
    ContextReport {
        dir: "/src/app".into(),
        builder: Builder::Buildkit,
        dockerfile: "Dockerfile".into(),
        ignore_file: Some(".dockerignore".into()),
        patterns: vec![PatternInfo {
            line: 1,
            pattern: ".git".into(),
            exception: false,
            excluded: 1,
            notes: vec![],
            unsupported: None,
        }],
        refused: None,
        files: 3,
        dirs: 1,
        symlinks: 0,
        bytes: 1_000,
        excluded_files: 40,
        excluded_bytes: 90_000,
        largest: vec![],
        unreadable: vec![],
        sensitive: vec![],
        non_utf8: vec![],
        sent: vec![],
    }
}

fn with(edit: impl FnOnce(&mut ContextReport)) -> (Facts, Profile) {
    let mut r = clean_report();
    edit(&mut r);
    (Facts::of_context(Arc::new(r)), Profile::default())
}

fn quiet() -> (Facts, Profile) {
    with(|_| {})
}

fn sensitive(path: &str, concern: Concern) -> Sensitive {
    Sensitive {
        path: path.into(),
        concern,
        why: "x".into(),
        bytes: 10,
        files: 1,
    }
}

#[rustfmt::skip]
pub static CASES: &[Case] = &[
    Case { id: "context.dockerignore", quiet, fires: || with(|r| r.ignore_file = None) },
    Case { id: "context.dockerignore-refused", quiet,
        fires: || with(|r| r.refused = Some(Refusal { line: 3, error: "syntax error in pattern".into() })) },
    Case { id: "context.dockerignore-odd", quiet,
        fires: || with(|r| r.patterns[0].notes.push("`**.py` matches every path ending in `.py`".into())) },
    Case { id: "context.secrets", quiet, fires: || with(|r| r.sensitive.push(sensitive(".env", Concern::Secret))) },
    Case { id: "context.excluded-files", quiet, fires: || with(|r| r.sensitive.push(sensitive(".git", Concern::Git))) },
    Case { id: "context.unreadable", quiet,
        fires: || with(|r| r.unreadable.push(Unreadable { path: "secret.txt".into(), error: "Permission denied (os error 13)".into() })) },
    Case { id: "context.size", quiet, fires: || with(|r| r.bytes = 2_000_000_000) },
];
