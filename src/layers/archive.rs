//! Streams a whole image archive (`docker save`, the Engine's export, or an OCI layout tar;
//! plain or compressed with gzip, zstd or xz, told by magic bytes): every layer blob is parsed
//! as it passes, small JSON members are kept, links between members are noted, and nothing of
//! a layer's bytes is buffered. Mapping blobs to the image's layers happens afterwards (see
//! `layout`), because blobs may come before `manifest.json`.

use super::LayersError;
use super::control::{Control, Meter, Phase};
use super::entries::LayerContents;
use super::paths::{PathArena, escape_bytes};
use super::tarwalk::{self, CANCELLED, Compression};
use std::collections::HashMap;
use std::io::{self, Read};

/// Members larger than this are never kept as JSON.
const MAX_JSON: u64 = 64 << 20;
/// Links followed for one name before it is taken for a loop (as Linux does).
const MAX_HOPS: usize = 40;

/// One layer blob found in the archive.
#[derive(Debug)]
pub struct Blob {
    pub contents: LayerContents,
    /// sha256 of the uncompressed tar, computed only when the member name did not say.
    pub diff_id: Option<String>,
}

/// A member that stands for another: `docker save` writes a layer shared by several images
/// once and links the other places to it.
#[derive(Debug, Clone)]
pub struct Link {
    /// The target as written in the archive.
    pub target: String,
    /// Hard links name a member from the archive root, symlinks from their own directory.
    pub hard: bool,
}

/// What a pass over an image archive found, keyed by member path (`abc/layer.tar`,
/// `blobs/sha256/<hex>`; normalised: no `./`, no empty or `.` parts).
#[derive(Debug, Default)]
pub struct Scan {
    pub arena: PathArena,
    pub blobs: HashMap<String, Blob>,
    pub json: HashMap<String, Vec<u8>>,
    pub links: HashMap<String, Link>,
    /// Members seen (of any kind), to tell an image archive from another tar.
    pub members: usize,
}

impl Scan {
    /// The member that `name` finally stands for, following links (inside the archive only):
    /// a link that leaves the archive or goes round in a loop is an error naming it.
    pub fn canonical(&self, name: &str) -> Result<String, LayersError> {
        // The link being followed, for the error: (member, target).
        let mut via = (name.to_string(), name.to_string());
        let bad = |why: &str, (member, target): (String, String)| LayersError::BadLink {
            archive: String::new(),
            member,
            target,
            why: why.to_string(),
        };
        let mut done: Vec<String> = Vec::new();
        let mut todo: Vec<String> = parts(name).into_iter().rev().collect();
        let mut hops = 0;
        while let Some(part) = todo.pop() {
            if part == ".." {
                if done.pop().is_none() {
                    return Err(bad("points outside the archive", via));
                }
                continue;
            }
            done.push(part);
            let here = done.join("/");
            let Some(link) = self.links.get(&here) else {
                continue;
            };
            via = (here, link.target.clone());
            hops += 1;
            if hops > MAX_HOPS {
                return Err(bad("leads round in a loop of links", via));
            }
            if link.target.starts_with('/') {
                return Err(bad("points outside the archive", via));
            }
            done.pop();
            if link.hard {
                done.clear();
            }
            todo.extend(parts(&link.target).into_iter().rev());
        }
        Ok(done.join("/"))
    }

    /// Whether `name` (after links) is a member the scan kept: a layer blob or JSON.
    pub fn has(&self, name: &str) -> bool {
        self.blobs.contains_key(name) || self.json.contains_key(name)
    }
}

/// The parts of a member path, without empty and `.` parts (`..` kept for the caller).
fn parts(p: &str) -> Vec<String> {
    p.split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .map(str::to_string)
        .collect()
}

/// Reads an image archive from `r`. `total` is the expected byte count, for progress.
pub fn scan<R: Read>(r: R, total: Option<u64>, ctl: &Control) -> Result<Scan, LayersError> {
    let mut meter = Meter::new(Phase::Export, total, None);
    let mut counted = meter.counting(r, ctl);
    let failed = |e: io::Error| {
        if ctl.is_cancelled() {
            tarwalk::layer_error("", CANCELLED.into())
        } else {
            corrupt(tarwalk::describe(&e))
        }
    };
    let head = tarwalk::read_head(&mut counted, 512).map_err(failed)?;
    let kind = Compression::sniff(&head);
    let raw = io::Cursor::new(head).chain(counted);
    let mut inner = tarwalk::decompress(kind, raw).map_err(not_archive)?;
    let tar_head = tarwalk::read_head(&mut inner, 512).map_err(|e| match kind {
        Compression::None => failed(e),
        k => corrupt(format!("{} stream: {}", k.name(), tarwalk::describe(&e))),
    })?;
    if !tarwalk::looks_like_tar(&tar_head) && !is_empty_tar(&tar_head) {
        return Err(not_archive(what_it_is(&tar_head, kind)));
    }
    let mut outer = tar::Archive::new(io::Cursor::new(tar_head).chain(inner));
    let mut scan = Scan::default();
    let entries = outer.entries().map_err(failed)?;
    let mut last = String::new();
    for member in entries {
        if ctl.is_cancelled() {
            return Err(tarwalk::layer_error("", CANCELLED.into()));
        }
        let mut member = member.map_err(|e| {
            if ctl.is_cancelled() {
                return tarwalk::layer_error("", CANCELLED.into());
            }
            let text = tarwalk::describe(&e);
            corrupt(
                match (text.starts_with("its data ends early"), last.is_empty()) {
                    (_, true) => text,
                    (true, false) => format!("it ends early, in or just after member {last}"),
                    (false, false) => format!("{text}, after member {last}"),
                },
            )
        })?;
        scan.members += 1;
        let name = parts(&escape_bytes(&member.path_bytes())).join("/");
        last.clone_from(&name);
        let kind = member.header().entry_type();
        if kind == tar::EntryType::Symlink || kind == tar::EntryType::Link {
            let target = escape_bytes(&member.link_name_bytes().unwrap_or_default()).into_owned();
            let hard = kind == tar::EntryType::Link;
            scan.links.insert(name, Link { target, hard });
            continue;
        }
        if kind != tar::EntryType::Regular && kind != tar::EntryType::Continuous {
            continue;
        }
        read_member(&mut scan, &mut member, name, ctl, &mut meter)?;
        meter.entry(ctl);
    }
    Ok(scan)
}

/// Takes one regular member: a layer blob (tar, compressed tar, empty tar), JSON, or nothing.
fn read_member<R: Read>(
    scan: &mut Scan,
    member: &mut tar::Entry<'_, R>,
    name: String,
    ctl: &Control,
    meter: &mut Meter,
) -> Result<(), LayersError> {
    let size = member.size();
    let broke = |e: io::Error| {
        if ctl.is_cancelled() {
            tarwalk::layer_error("", CANCELLED.into())
        } else {
            LayersError::DamagedArchive {
                path: Default::default(),
                member: name.clone(),
                detail: tarwalk::describe(&e),
            }
        }
    };
    let head = tarwalk::read_head(member, 512).map_err(broke)?;
    let kind = Compression::sniff(&head);
    if tarwalk::looks_like_tar(&head) || is_empty_tar(&head) || kind != Compression::None {
        let hash = !name_says_digest(&name);
        let (contents, diff_id) =
            tarwalk::read_layer_blob(&head, member, hash, &mut scan.arena, ctl, meter)
                .map_err(|d| tarwalk::layer_error(&name, d))?;
        scan.blobs.insert(name, Blob { contents, diff_id });
        meter.layer_done(ctl);
    } else if is_json(&head) && size <= MAX_JSON {
        let mut buf = head;
        member.read_to_end(&mut buf).map_err(broke)?;
        scan.json.insert(name, buf);
    } else if size == 0 && name.ends_with("layer.tar") {
        // An empty layer written as a zero-byte file.
        scan.blobs.insert(
            name,
            Blob {
                contents: LayerContents::default(),
                diff_id: None,
            },
        );
    }
    Ok(())
}

/// An empty tar: only zero blocks, no magic to see (an empty layer is still a layer).
fn is_empty_tar(head: &[u8]) -> bool {
    head.len() == 512 && head.iter().all(|&b| b == 0)
}

/// What a stream that is no tar looks like, in words.
fn what_it_is(head: &[u8], kind: Compression) -> String {
    let inside = match kind {
        Compression::None => String::new(),
        k => format!("{} compressed, but what it holds ", k.name()),
    };
    if head.is_empty() {
        return match kind {
            Compression::None => "the file is empty".into(),
            _ => format!("{inside}is empty"),
        };
    }
    let text = match std::str::from_utf8(head) {
        Ok(s) => Some(s),
        // A character cut at the end of the sample is still text.
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).ok(),
        Err(_) => None,
    };
    let is_text = text.is_some_and(|s| {
        !s.is_empty()
            && s.chars()
                .all(|c| !c.is_control() || c.is_ascii_whitespace())
    });
    let prefix = if inside.is_empty() {
        "it is ".to_string()
    } else {
        format!("it is {inside}is ")
    };
    if is_text {
        format!("{prefix}text, not a tar file")
    } else if head.len() < 512 {
        format!(
            "{prefix}only {} bytes, too short for a tar file",
            head.len()
        )
    } else {
        format!("{prefix}not a tar file (no tar header at its start)")
    }
}

/// Is the member named after its digest (so its uncompressed digest need not be computed)?
/// `<id>/layer.tar` members are mapped through `manifest.json` by name too.
fn name_says_digest(name: &str) -> bool {
    name.ends_with("/layer.tar") || name.starts_with("blobs/")
}

fn is_json(head: &[u8]) -> bool {
    head.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{' || b == b'[')
}

fn corrupt(detail: String) -> LayersError {
    LayersError::CorruptArchive {
        image: String::new(),
        detail,
    }
}

fn not_archive(found: String) -> LayersError {
    LayersError::NotAnArchive {
        path: Default::default(),
        found,
    }
}
