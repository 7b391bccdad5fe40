//! Tests of the tar reader and the tree: the archive endpoint's layout, PAX and GNU long
//! names, large ids, non-UTF-8 names, hard links, devices, a symlink loop, missing
//! directories, a stream cut short and cancellation.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use super::entry::{Entry, Kind};
use super::error::FilesError;
use super::tree::{ROOT, Tree};
use super::walk::{Control, read_tar};

fn header(kind: tar::EntryType, mode: u32, uid: u64, size: u64) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(kind);
    h.set_mode(mode);
    h.set_uid(uid);
    h.set_gid(uid);
    h.set_size(size);
    h.set_mtime(0);
    h
}

fn p(b: &[u8]) -> &Path {
    Path::new(OsStr::from_bytes(b))
}

/// What `GET /containers/x/archive?path=/app` sends, with every awkward entry kind.
fn archive() -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    let dir = |b: &mut tar::Builder<Vec<u8>>, path: &[u8], mode, uid| {
        let mut h = header(tar::EntryType::Directory, mode, uid, 0);
        b.append_data(&mut h, p(path), std::io::empty()).unwrap();
    };
    let file = |b: &mut tar::Builder<Vec<u8>>, path: &[u8], mode, uid, data: &[u8]| {
        let mut h = header(tar::EntryType::Regular, mode, uid, data.len() as u64);
        b.append_data(&mut h, p(path), data).unwrap();
    };
    dir(&mut b, b"app/", 0o755, 1001);
    file(
        &mut b,
        b"app/start.sh",
        0o755,
        1001,
        b"#!/bin/sh\nexec true\n",
    );
    dir(&mut b, b"app/media/", 0o2775, 1001);
    file(
        &mut b,
        b"app/media/caf\xe9.txt",
        0o644,
        1001,
        b"latin-1 name",
    );
    let long = format!("app/{}/deep.py", "d".repeat(120));
    file(&mut b, long.as_bytes(), 0o644, 1001, b"print()");
    // A hard link to start.sh.
    let mut h = header(tar::EntryType::Link, 0o755, 1001, 0);
    b.append_link(&mut h, "app/again.sh", "app/start.sh")
        .unwrap();
    // A symlink loop: never followed.
    let mut h = header(tar::EntryType::Symlink, 0o777, 0, 0);
    b.append_link(&mut h, "app/loop1", "loop2").unwrap();
    let mut h = header(tar::EntryType::Symlink, 0o777, 0, 0);
    b.append_link(&mut h, "app/loop2", "loop1").unwrap();
    // Devices and a fifo.
    let mut h = header(tar::EntryType::Char, 0o666, 0, 0);
    h.set_device_major(1).unwrap();
    h.set_device_minor(3).unwrap();
    b.append_data(&mut h, "app/null", std::io::empty()).unwrap();
    let mut h = header(tar::EntryType::Block, 0o660, 0, 0);
    h.set_device_major(7).unwrap();
    h.set_device_minor(0).unwrap();
    b.append_data(&mut h, "app/loop0", std::io::empty())
        .unwrap();
    let mut h = header(tar::EntryType::Fifo, 0o600, 0, 0);
    b.append_data(&mut h, "app/pipe", std::io::empty()).unwrap();
    // A PAX header carrying a uid too large for the octal field, and a long path.
    let pax_path = format!("app/{}/pax.txt", "p".repeat(150));
    b.append_pax_extensions([
        ("uid", b"3000000".as_slice()),
        ("gid", b"3000001".as_slice()),
        ("path", pax_path.as_bytes()),
    ])
    .unwrap();
    let mut h = header(tar::EntryType::Regular, 0o640, 0, 4);
    b.append_data(&mut h, "app/short-name", b"pax!".as_slice())
        .unwrap();
    // A file whose directory has no entry of its own.
    file(&mut b, b"app/orphan/dir/x", 0o600, 0, b"x");
    // A small file rules read.
    file(
        &mut b,
        b"app/_proj.pth",
        0o644,
        1001,
        b"/home/me/proj/src\n",
    );
    b.into_inner().unwrap()
}

fn walk(bytes: &[u8]) -> (Tree, Result<u64, FilesError>) {
    let mut tree = Tree::new("/app");
    let ctl = Control::new();
    let r = read_tar(bytes, &ctl, &mut |e| {
        tree.insert(e);
    });
    (tree, r)
}

#[test]
fn every_kind_of_entry_comes_through() {
    let (t, r) = walk(&archive());
    let n = r.unwrap();
    assert_eq!(n, 14);
    let get = |path: &[u8]| t.find(path).map(|id| t.node(id).clone());
    let root = t.node(ROOT);
    assert!(root.seen && root.kind == Kind::Dir && root.uid == 1001);
    assert_eq!(t.path_of(ROOT), "/app");
    let latin = t.find(b"/app/media/caf\xe9.txt").unwrap();
    assert_eq!(t.path_of(latin), "/app/media/caf\\xe9.txt");
    assert_eq!(t.node(latin).name.as_ref(), b"caf\xe9.txt");
    let long = format!("/app/{}/deep.py", "d".repeat(120));
    assert!(get(long.as_bytes()).is_some(), "GNU long name");
    let hard = get(b"/app/again.sh").unwrap();
    assert_eq!(hard.kind, Kind::Hardlink);
    assert_eq!(hard.link.as_deref(), Some(b"start.sh".as_slice()));
    assert_eq!(hard.size, 0, "a hard link's bytes count once");
    let loop1 = get(b"/app/loop1").unwrap();
    assert_eq!(loop1.kind, Kind::Symlink);
    assert_eq!(loop1.link.as_deref(), Some(b"loop2".as_slice()));
    assert_eq!(get(b"/app/null").unwrap().device, Some((1, 3)));
    assert_eq!(get(b"/app/loop0").unwrap().kind, Kind::BlockDevice);
    assert_eq!(get(b"/app/pipe").unwrap().kind, Kind::Fifo);
    let pax = format!("/app/{}/pax.txt", "p".repeat(150));
    let pax = get(pax.as_bytes()).unwrap();
    assert_eq!((pax.uid, pax.gid, pax.size), (3_000_000, 3_000_001, 4));
    assert_eq!(get(b"/app/media").unwrap().perm, 0o2775);
    // Made-up directories are kept and counted, not dropped.
    let orphan = get(b"/app/orphan").unwrap();
    assert!(!orphan.seen);
    assert_eq!(
        t.made_up(),
        4,
        "orphan, orphan/dir, the long and the pax dirs"
    );
    let pth = t.find(b"/app/_proj.pth").unwrap();
    assert_eq!(t.content(pth), Some(b"/home/me/proj/src\n".as_slice()));
    assert_eq!(t.content(t.find(b"/app/start.sh").unwrap()), None);
}

#[test]
fn folder_sizes_sum_everything_below() {
    let (t, _) = walk(&archive());
    let root = t.node(ROOT);
    let files: u64 = t.nodes().iter().map(|n| n.size).sum();
    assert_eq!(root.total, files);
    assert_eq!(root.count as usize, t.len() - 1);
    let media = t.node(t.find(b"/app/media").unwrap());
    assert_eq!((media.total, media.count), (12, 1));
}

#[test]
fn a_stream_cut_short_keeps_what_was_read() {
    let full = archive();
    let (t, r) = walk(&full[..full.len() / 2]);
    let e = r.unwrap_err();
    assert!(
        matches!(e, FilesError::Stream { entries, .. } if entries > 0),
        "{e}"
    );
    assert!(e.to_string().contains("entries"), "{e}");
    assert!(t.len() > 1);
}

#[test]
fn a_cancelled_walk_says_so() {
    let ctl = Control::new();
    ctl.cancel();
    let r = read_tar(archive().as_slice(), &ctl, &mut |_| {});
    assert!(matches!(r, Err(FilesError::Cancelled { .. })), "{r:?}");
}

#[test]
fn the_root_of_slash_and_dot_archives() {
    for (first, second) in [
        (b"/".as_slice(), b"/etc/passwd".as_slice()),
        (b"./", b"./etc/passwd"),
    ] {
        let mut b = tar::Builder::new(Vec::new());
        let mut h = header(tar::EntryType::Directory, 0o755, 0, 0);
        h.set_path(p(first)).ok();
        // set_path refuses "/", so write the name bytes directly.
        h.as_old_mut().name[..first.len()].copy_from_slice(first);
        h.set_cksum();
        b.append(&h, std::io::empty()).unwrap();
        let mut h = header(tar::EntryType::Regular, 0o644, 0, 2);
        h.as_old_mut().name[..second.len()].copy_from_slice(second);
        h.set_cksum();
        b.append(&h, b"ok".as_slice()).unwrap();
        let bytes = b.into_inner().unwrap();
        let mut t = Tree::new("/");
        read_tar(bytes.as_slice(), &Control::new(), &mut |e| {
            t.insert(e);
        })
        .unwrap();
        assert!(t.find(b"/etc/passwd").is_some(), "{first:?}");
        assert_eq!(t.path_of(t.find(b"/etc/passwd").unwrap()), "/etc/passwd");
    }
}

#[test]
fn a_directory_listed_twice_is_reported_once_and_not_duplicated() {
    let mut t = Tree::new("/app");
    t.insert(Entry::new(b"", Kind::Dir, 0o755, 0, 0, 0));
    t.insert(Entry::new(b"a", Kind::Dir, 0o755, 0, 0, 0));
    t.insert(Entry::new(b"a", Kind::Dir, 0o700, 5, 5, 0));
    assert_eq!(t.len(), 2);
    assert_eq!(t.node(1).perm, 0o700);
    assert_eq!(t.problems.len(), 1);
    assert_eq!(t.rel_path(1), b"a");
    assert_eq!(t.find(b"/app/a/"), Some(1));
    assert_eq!(t.find(b"/other"), None);
}
