//! Renders `docktor files` for people (text) and machines (JSON). The entry list (`--list`)
//! is written entry by entry, never built in memory, so 100,000 entries cost no more than
//! the tree itself.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::json;

use crate::diagnose::{Finding, Outcome};
use crate::files::access::Access;
use crate::files::escape::{escape, is_escaped};
use crate::files::expect::Checked;
use crate::files::mode::mode_string;
use crate::files::rights::rights;
use crate::files::tree::{NodeId, ROOT};
use crate::files::{Kind, Runtime, Walked};
use crate::layers::units::format_size;

/// What one `docktor files` run found.
pub struct FilesView<'a> {
    /// The container's name or the image reference.
    pub target: &'a str,
    /// `container` or `image`.
    pub kind: &'a str,
    pub runtime: &'a Runtime,
    pub walked: &'a Walked,
    pub outcomes: &'a [Outcome],
    pub findings: &'a [Finding],
    pub expectations: &'a [Checked],
}

/// One entry of `--list`.
#[derive(Serialize)]
struct Row {
    path: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    escaped: bool,
    #[serde(rename = "type")]
    kind: &'static str,
    uid: u32,
    gid: u32,
    user: String,
    group: String,
    mode: String,
    size: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    device: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mount: Option<String>,
    access: String,
}

fn row(v: &FilesView, id: NodeId, access: Access) -> Row {
    let t = &v.walked.tree;
    let n = t.node(id);
    let raw = t.raw_path(id);
    let a = &v.runtime.accounts;
    Row {
        path: escape(&raw).into_owned(),
        escaped: is_escaped(&raw),
        kind: n.kind.word(),
        uid: n.uid,
        gid: n.gid,
        user: a.user_name(n.uid),
        group: a.group_name(n.gid),
        mode: mode_string(n.kind, n.perm),
        size: if n.kind == Kind::Dir { n.total } else { n.size },
        link: n.link.as_deref().map(|l| match n.kind {
            Kind::Hardlink => escape(&link_path(v, l)).into_owned(),
            _ => escape(l).into_owned(),
        }),
        device: n.device.map(|(ma, mi)| format!("{ma},{mi}")),
        mount: n
            .mount
            .and_then(|m| v.runtime.mounts.get(m as usize))
            .map(|m| m.label()),
        access: if n.kind == Kind::Symlink {
            "n/a".into()
        } else {
            access.letters(n.kind)
        },
    }
}

/// A hard link's target (relative to the root) as a container path.
fn link_path(v: &FilesView, rel: &[u8]) -> Vec<u8> {
    let root = v.walked.tree.root().trim_end_matches('/');
    [root.as_bytes(), b"/", rel].concat()
}

fn summary_json(v: &FilesView) -> serde_json::Value {
    let t = &v.walked.tree;
    let u = &v.runtime.user;
    json!({
        "target": v.target,
        "kind": v.kind,
        "path": t.root(),
        "via": v.walked.via,
        "complete": v.walked.incomplete.is_none(),
        "incomplete": v.walked.incomplete,
        "user": {
            "spec": u.spec,
            "name": u.name,
            "uid": u.id.uid,
            "gid": u.id.gid,
            "groups": u.id.groups,
            "home": u.home,
            "problems": u.problems,
        },
        "accounts": {
            "passwd": v.runtime.accounts.passwd,
            "group": v.runtime.accounts.group,
            "users": v.runtime.accounts.users.len(),
            "groups": v.runtime.accounts.groups.len(),
            "problems": v.runtime.accounts.problems,
        },
        "entries": t.len(),
        "size_bytes": t.node(ROOT).total,
        "mounts": v.runtime.mounts,
        "missing_mounts": v.walked.missing_mounts.iter().filter_map(|&i| v.runtime.mounts.get(i)).map(|m| m.destination.clone()).collect::<Vec<_>>(),
        "problems": t.problems.list,
        "expectations": v.expectations.iter().map(|c| json!({
            "name": c.expectation.label(),
            "path": c.expectation.path,
            "status": c.status,
            "detail": c.detail,
        })).collect::<Vec<_>>(),
        "checks": v.outcomes.iter().map(|o| json!({
            "id": o.rule.id,
            "status": o.status().as_str(),
            "summary": o.verdict.summary(),
        })).collect::<Vec<_>>(),
        "findings": v.findings,
    })
}

/// `docktor files --format json`: one object; with `list`, its `list` holds every entry.
pub fn write_json(w: &mut dyn Write, v: &FilesView, list: bool) -> io::Result<()> {
    let summary = summary_json(v);
    if !list {
        serde_json::to_writer_pretty(&mut *w, &summary)?;
        return writeln!(w);
    }
    let text = serde_json::to_string_pretty(&summary)?;
    let head = text
        .trim_end()
        .strip_suffix('}')
        .unwrap_or(&text)
        .trim_end();
    writeln!(w, "{head},\n  \"list\": [")?;
    let rights = rights(&v.walked.tree, &v.walked.context(v.runtime));
    for id in v.walked.tree.ids() {
        let sep = if id == ROOT { "" } else { ",\n" };
        write!(w, "{sep}    ")?;
        serde_json::to_writer(&mut *w, &row(v, id, rights[id as usize]))?;
    }
    writeln!(w, "\n  ]\n}}")
}

/// `docktor files` for people: what was read, the user, mounts, expectations, findings;
/// with `list`, one line per entry (`ls -l` style, plus what the user can do).
pub fn write_text(w: &mut dyn Write, v: &FilesView, list: bool) -> io::Result<()> {
    let t = &v.walked.tree;
    let via = match v.walked.via {
        crate::files::Via::Archive => "archive endpoint",
        crate::files::Via::Local => "local overlay2 walk",
    };
    writeln!(
        w,
        "{}: {} — {} entries, {} (read through the {via})",
        v.target,
        t.root(),
        t.len(),
        format_size(t.node(ROOT).total)
    )?;
    if let Some(why) = &v.walked.incomplete {
        writeln!(w, "incomplete: {why}")?;
    }
    let u = &v.runtime.user;
    let spec = if u.spec.is_empty() {
        "(not set)".to_string()
    } else {
        u.spec.clone()
    };
    writeln!(w, "user: {} (USER {spec})", u.label())?;
    for m in &v.runtime.mounts {
        if t.covers(m.destination.as_bytes()) {
            writeln!(w, "mount: {} ← {}", m.destination, m.label())?;
        }
    }
    for p in t.problems.list.iter().take(5) {
        writeln!(w, "note: {p}")?;
    }
    for c in v.expectations {
        let status = serde_json::to_value(c.status)
            .ok()
            .and_then(|s| s.as_str().map(str::to_string))
            .unwrap_or_default();
        writeln!(
            w,
            "expect {status:7} {}: {}",
            c.expectation.label(),
            c.detail
        )?;
    }
    if list {
        let rights = rights(t, &v.walked.context(v.runtime));
        for id in t.ids() {
            let r = row(v, id, rights[id as usize]);
            let link = r
                .link
                .as_deref()
                .map(|l| format!(" → {l}"))
                .unwrap_or_default();
            let mount = r
                .mount
                .as_deref()
                .map(|m| format!("  [{m}]"))
                .unwrap_or_default();
            let owner = format!("{}:{}", r.user, r.group);
            writeln!(
                w,
                "{} {owner:<17} {:>9}  {:<3}  {}{link}{mount}",
                r.mode,
                format_size(r.size),
                r.access,
                r.path
            )?;
        }
    }
    if v.findings.is_empty() {
        return writeln!(w, "no findings");
    }
    writeln!(w, "findings:")?;
    for f in v.findings {
        writeln!(w, "  {:5} {}  {}", f.severity.as_str(), f.id, f.title)?;
        writeln!(w, "        {}", f.evidence)?;
        writeln!(w, "        fix: {}", f.fix)?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "files_tests.rs"]
mod tests;
