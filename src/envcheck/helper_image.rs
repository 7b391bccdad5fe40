//! The probe's helper image for containers with nothing to exec: the host's static busybox
//! FROM scratch (no registry needed), tagged by content so it is built once per busybox.
//! Containers made from it are removed after each probe; the image is kept for the next one
//! and labelled `docktor.helper=probe`.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The image's repository; the tag is the content hash.
pub const REPO: &str = "docktor/probe-helper";

/// Where a static busybox is looked for: `$DOCKTOR_BUSYBOX`, then the usual places.
pub fn find_busybox(env_override: Option<&str>) -> Result<PathBuf, String> {
    let mut candidates: Vec<PathBuf> = env_override.map(PathBuf::from).into_iter().collect();
    candidates
        .extend(["/bin/busybox", "/usr/bin/busybox", "/usr/local/bin/busybox"].map(PathBuf::from));
    for p in &candidates {
        if let Ok(bytes) = std::fs::read(p) {
            return match is_static_elf(&bytes) {
                Some(true) => Ok(p.clone()),
                Some(false) => Err(format!(
                    "{} is dynamically linked: it cannot run FROM scratch; install busybox-static or set DOCKTOR_BUSYBOX",
                    p.display()
                )),
                None => Err(format!(
                    "{} is not an ELF executable; set DOCKTOR_BUSYBOX to a static busybox",
                    p.display()
                )),
            };
        }
    }
    Err("no busybox for the probe's helper container (looked in $DOCKTOR_BUSYBOX, /bin, /usr/bin, /usr/local/bin): install busybox-static".into())
}

/// Whether a 64-bit little-endian ELF has no interpreter (`PT_INTERP`): it runs FROM scratch.
/// `None` when the bytes are not such an ELF.
pub fn is_static_elf(b: &[u8]) -> Option<bool> {
    if b.get(..4)? != b"\x7fELF" || *b.get(4)? != 2 || *b.get(5)? != 1 {
        return None;
    }
    let u16_at = |o: usize| Some(u16::from_le_bytes([*b.get(o)?, *b.get(o + 1)?]) as usize);
    let mut off = usize::try_from(u64::from_le_bytes(b.get(0x20..0x28)?.try_into().ok()?)).ok()?;
    let (size, count) = (u16_at(0x36)?, u16_at(0x38)?);
    for _ in 0..count {
        let kind = u32::from_le_bytes(b.get(off..off + 4)?.try_into().ok()?);
        if kind == 3 {
            return Some(false);
        }
        off = off.checked_add(size)?;
    }
    Some(true)
}

const DOCKERFILE: &str = "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\nLABEL docktor.helper=probe\n";

/// `docktor/probe-helper:<12 hex of the busybox and Dockerfile>`.
pub fn tag(busybox: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(DOCKERFILE.as_bytes());
    h.update(busybox);
    let hex: String = h
        .finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{REPO}:{hex}")
}

/// The build context (a tar): the Dockerfile and the busybox.
pub fn context(busybox: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut tar = tar::Builder::new(Vec::new());
    for (name, data, mode) in [
        ("Dockerfile", DOCKERFILE.as_bytes(), 0o644),
        ("busybox", busybox, 0o755),
    ] {
        let mut header = tar::Header::new_gnu();
        header.set_size(data.len() as u64);
        header.set_mode(mode);
        header.set_cksum();
        tar.append_data(&mut header, Path::new(name), data)?;
    }
    tar.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_busybox_is_static_and_the_context_holds_it() {
        let Ok(path) = find_busybox(None) else {
            return; // no static busybox on this machine: nothing to check
        };
        let bytes = std::fs::read(&path).unwrap_or_default();
        assert_eq!(is_static_elf(&bytes), Some(true));
        let ctx = context(&bytes).unwrap_or_default();
        let mut names: Vec<String> = tar::Archive::new(ctx.as_slice())
            .entries()
            .map(|es| {
                es.filter_map(|e| e.ok()?.path().ok().map(|p| p.display().to_string()))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        assert_eq!(names, ["Dockerfile", "busybox"]);
        assert!(tag(&bytes).starts_with("docktor/probe-helper:"));
    }

    #[test]
    fn dynamic_and_non_elf_files_are_told_apart() {
        assert_eq!(is_static_elf(b"#!/bin/sh\n"), None);
        if let Ok(sh) = std::fs::read("/bin/sh") {
            assert_ne!(
                is_static_elf(&sh),
                Some(true),
                "/bin/sh is dynamically linked on Debian"
            );
        }
        assert_eq!(is_static_elf(b"\x7fELF\x02\x01"), None);
    }
}
