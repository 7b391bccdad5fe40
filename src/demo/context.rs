//! Build contexts as tar archives, and the content hash that names each demo image.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::DemoError;
use super::assets::ContextFile;

/// Modification time of every context file (fixed, so the same kit gives the same archive).
const MTIME: u64 = 1_735_689_600; // 2025-01-01

/// A tar archive of `files`.
pub fn tar(files: &[ContextFile]) -> Result<Vec<u8>, DemoError> {
    let mut builder = tar::Builder::new(Vec::new());
    for file in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(file.data.len() as u64);
        header.set_mode(file.mode);
        header.set_mtime(MTIME);
        header.set_uid(0);
        header.set_gid(0);
        header.set_entry_type(tar::EntryType::Regular);
        builder
            .append_data(&mut header, &file.path, file.data.as_slice())
            .map_err(|e| DemoError::Context(format!("{}: {e}", file.path)))?;
    }
    builder
        .into_inner()
        .map_err(|e| DemoError::Context(e.to_string()))
}

/// The first 12 hex digits of a SHA-256 over the archive, its Dockerfile name and build args:
/// the same kit, scale and base give the same hash, so a finished image can be reused.
pub fn content_hash(archive: &[u8], buildargs: &BTreeMap<String, String>) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"docktor-demo/1\0");
    hasher.update(archive);
    for (key, value) in buildargs {
        hasher.update(key.as_bytes());
        hasher.update(b"=");
        hasher.update(value.as_bytes());
        hasher.update(b"\0");
    }
    hasher
        .finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, data: &str) -> ContextFile {
        ContextFile {
            path: path.into(),
            data: data.as_bytes().to_vec(),
            mode: 0o644,
        }
    }

    #[test]
    fn archive_round_trips_and_hash_is_stable() {
        let files = [
            file("Dockerfile", "FROM scratch\n"),
            file(".git/HEAD", "ref\n"),
        ];
        let archive = tar(&files).expect("tar");
        let mut reader = tar::Archive::new(archive.as_slice());
        let names: Vec<String> = reader
            .entries()
            .expect("entries")
            .map(|e| {
                e.expect("entry")
                    .path()
                    .expect("path")
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["Dockerfile", ".git/HEAD"]);

        let args = BTreeMap::from([("DEMO_UNIT".to_string(), "10000".to_string())]);
        let hash = content_hash(&archive, &args);
        assert_eq!(hash.len(), 12);
        assert_eq!(hash, content_hash(&tar(&files).expect("tar"), &args));
        let other = BTreeMap::from([("DEMO_UNIT".to_string(), "20000".to_string())]);
        assert_ne!(hash, content_hash(&archive, &other));
    }
}
