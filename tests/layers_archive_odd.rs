//! Odd tar entries in layers: PAX headers (long names, link names, a size override, a global
//! header), GNU long names and link names, non-UTF-8 and control-character names (kept, shown
//! escaped), hard links, devices and fifos, GNU sparse files; a layer or an archive cut short
//! (an error naming the entry and the archive); and garbled or truncated archives by the
//! thousand, which must give an error or an analysis, never a panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::archives::*;
use docktor::layers::analyze::scan_resolve;
use docktor::layers::{Control, EntryKind, ImageAnalysis, analyze_archive};
use std::io::Cursor;

type Builder = tar::Builder<Vec<u8>>;

/// One PAX record: `<len> <key>=<value>\n`, the length counting itself.
fn pax_record(key: &str, value: &[u8]) -> Vec<u8> {
    let rest = key.len() + value.len() + 3;
    let mut len = rest + 1;
    while len != rest + len.to_string().len() {
        len = rest + len.to_string().len();
    }
    let mut r = format!("{len} {key}=").into_bytes();
    r.extend_from_slice(value);
    r.push(b'\n');
    r
}

fn append_pax(b: &mut Builder, kind: tar::EntryType, records: &[(&str, &[u8])]) {
    let data: Vec<u8> = records.iter().flat_map(|(k, v)| pax_record(k, v)).collect();
    let h = header("././@PaxHeader", data.len() as u64, kind);
    b.append(&h, &data[..]).ok();
}

/// Writes `v` as a NUL-terminated octal field.
fn octal(field: &mut [u8], v: u64) {
    let s = format!("{v:0width$o}", width = field.len() - 1);
    field[..s.len()].copy_from_slice(s.as_bytes());
    field[s.len()..].fill(0);
}

fn raw_name(b: &mut Builder, name: &[u8], data: &[u8]) {
    let mut h = header("placeholder", data.len() as u64, tar::EntryType::Regular);
    h.as_old_mut().name.fill(0);
    h.as_old_mut().name[..name.len()].copy_from_slice(name);
    h.set_cksum();
    b.append(&h, data).ok();
}

/// A layer with every odd kind of entry; its regular bytes add up to 100 + 5 + 7 + 5 + 2 + 4
/// plus the sparse file's 1 MiB.
fn odd_layer() -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    append_pax(
        &mut b,
        tar::EntryType::XGlobalHeader,
        &[("comment", b"made by hand")],
    );
    let deep = format!("pax/{}/file", "p".repeat(150));
    append_pax(
        &mut b,
        tar::EntryType::XHeader,
        &[("path", deep.as_bytes()), ("mtime", b"1.5")],
    );
    b.append(
        &header("short", 100, tar::EntryType::Regular),
        &[1u8; 100][..],
    )
    .ok();
    let target = format!("/pax/{}/file", "p".repeat(150));
    append_pax(
        &mut b,
        tar::EntryType::XHeader,
        &[("linkpath", target.as_bytes())],
    );
    let mut h = header("pax/link", 0, tar::EntryType::Symlink);
    h.set_cksum();
    b.append(&h, std::io::empty()).ok();
    // The size in a PAX record wins over the header's.
    append_pax(&mut b, tar::EntryType::XHeader, &[("size", b"5")]);
    b.append(
        &header("pax/sized", 0, tar::EntryType::Regular),
        &b"sized"[..],
    )
    .ok();
    // GNU long name and long link name.
    let gnu = format!("gnu/{}/file", "g".repeat(200));
    let mut h = tar::Header::new_gnu();
    h.set_size(7);
    h.set_mode(0o644);
    b.append_data(&mut h, &gnu, &b"gnulong"[..]).ok();
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(tar::EntryType::Symlink);
    h.set_size(0);
    b.append_link(&mut h, "gnu/link", format!("/{gnu}")).ok();
    // Names that are no UTF-8, or that hold control characters.
    raw_name(&mut b, b"names/caf\xe9.txt", b"bytes");
    raw_name(&mut b, b"names/red\x1b[31m", b"ok");
    // A hard link to a file of the same layer: its bytes count once.
    let mut h = header("hard/a", 4, tar::EntryType::Regular);
    h.set_cksum();
    b.append(&h, &b"abcd"[..]).ok();
    let mut h = header("hard/b", 0, tar::EntryType::Link);
    h.set_link_name("hard/a").ok();
    h.set_cksum();
    b.append(&h, std::io::empty()).ok();
    // Devices and a fifo.
    for (name, kind) in [
        ("dev/null", tar::EntryType::Char),
        ("dev/sda", tar::EntryType::Block),
        ("dev/pipe", tar::EntryType::Fifo),
    ] {
        let mut h = header(name, 0, kind);
        h.set_device_major(1).ok();
        h.set_device_minor(3).ok();
        h.set_cksum();
        b.append(&h, std::io::empty()).ok();
    }
    // A GNU sparse file: 1 MiB long, one 512-byte block of data at 4096.
    let mut h = header("sparse/file", 512, tar::EntryType::GNUSparse);
    if let Some(g) = h.as_gnu_mut() {
        octal(&mut g.sparse[0].offset, 4096);
        octal(&mut g.sparse[0].numbytes, 512);
        // The map ends at the real size: a last, empty chunk there (the hole up to it).
        octal(&mut g.sparse[1].offset, 1 << 20);
        octal(&mut g.sparse[1].numbytes, 0);
        octal(&mut g.realsize, 1 << 20);
    }
    h.set_cksum();
    b.append(&h, &[9u8; 512][..]).ok();
    b.into_inner().unwrap_or_default()
}

async fn analyse(data: &[u8]) -> ImageAnalysis {
    let f = write_tmp(data);
    analyze_archive(f.path(), None, &Control::new())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn odd_entries_are_read_as_what_they_are() {
    let a = analyse(&legacy(&[odd_layer()], "odd:1", false, None)).await;
    let l = &a.contents[0];
    let kind = |p: &str| {
        let node = a.arena.find(p);
        l.entries
            .iter()
            .find(|e| Some(e.node) == node)
            .map(|e| (e.kind, e.size))
    };
    let deep = format!("/pax/{}/file", "p".repeat(150));
    assert_eq!(kind(&deep), Some((EntryKind::File, 100)), "PAX path");
    assert!(a.arena.find("/short").is_none(), "the PAX path wins");
    let link = l
        .entries
        .iter()
        .find(|e| Some(e.node) == a.arena.find("/pax/link"));
    assert_eq!(
        link.and_then(|e| e.link.as_deref()),
        Some(deep.as_bytes()),
        "PAX link"
    );
    let gnu = format!("/gnu/{}/file", "g".repeat(200));
    assert_eq!(kind(&gnu), Some((EntryKind::File, 7)), "GNU long name");
    let glink = l
        .entries
        .iter()
        .find(|e| Some(e.node) == a.arena.find("/gnu/link"));
    assert_eq!(
        glink.and_then(|e| e.link.as_deref()),
        Some(gnu.as_bytes()),
        "GNU long link"
    );
    assert_eq!(kind("/hard/b"), Some((EntryKind::Hardlink, 0)));
    for d in ["/dev/null", "/dev/sda", "/dev/pipe"] {
        assert_eq!(kind(d), Some((EntryKind::Other, 0)), "{d}");
    }
    assert_eq!(
        kind("/sparse/file"),
        Some((EntryKind::File, 1 << 20)),
        "sparse: real size"
    );
    let shown: Vec<String> = l.entries.iter().map(|e| a.arena.path(e.node)).collect();
    assert!(
        shown.contains(&"/names/caf\\xe9.txt".to_string()),
        "{shown:?}"
    );
    assert!(
        shown.contains(&"/names/red\\x1b[31m".to_string()),
        "{shown:?}"
    );
    assert!(
        l.problems
            .iter()
            .any(|p| p.path == "names/caf\\xe9.txt" && p.problem.contains("UTF-8")),
        "{:?}",
        l.problems
    );
    assert_eq!(kind("/pax/sized"), Some((EntryKind::File, 5)), "PAX size");
    assert_eq!(a.figures.final_bytes, 100 + 5 + 7 + 5 + 2 + 4 + (1 << 20));
}

#[tokio::test]
async fn a_layer_cut_short_names_the_layer_the_entry_and_the_archive() {
    let mut cut = odd_layer();
    let at = cut.len() / 2;
    cut.truncate(at - at % 512 + 100);
    let f = write_tmp(&legacy(&[cut], "odd:1", false, None));
    let err = analyze_archive(f.path(), None, &Control::new())
        .await
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains(&f.path().display().to_string())
            && err.contains("l0/layer.tar")
            && err.contains("after entry `")
            && err.contains("damaged or truncated"),
        "{err}"
    );
}

/// A small xorshift generator: the same garbling on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn check(data: &[u8], what: &str) {
    if let Err(e) = scan_resolve(Cursor::new(data), None, None, &Control::new()) {
        let text = e.to_string();
        assert!(!text.is_empty(), "{what}: empty error");
        assert!(
            !text.chars().any(|c| c.is_control()),
            "{what}: raw bytes in the error: {text:?}"
        );
    }
}

#[test]
fn garbled_and_truncated_archives_never_panic() {
    let mut layers = sample_layers();
    layers.push(odd_layer());
    let archives = [
        ("legacy", legacy(&layers, "odd:1", false, None)),
        ("oci gzip+zstd", oci(&layers)),
        (
            "xz whole",
            compressed(&legacy(&layers, "odd:1", true, None))[2]
                .1
                .clone(),
        ),
    ];
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for (name, data) in &archives {
        for cut in (0..data.len()).step_by(97) {
            check(&data[..cut], &format!("{name} cut at {cut}"));
        }
        for round in 0..600 {
            let mut bad = data.clone();
            for _ in 0..=rng.below(8) {
                // Headers are where parsers break: aim at the first bytes of 512-byte blocks
                // half of the time.
                let at = if rng.below(2) == 0 {
                    rng.below(bad.len() / 512) * 512 + rng.below(160) + 100
                } else {
                    rng.below(bad.len())
                };
                if let Some(b) = bad.get_mut(at) {
                    *b = rng.next() as u8;
                }
            }
            check(&bad, &format!("{name} garbled, round {round}"));
        }
    }
}
