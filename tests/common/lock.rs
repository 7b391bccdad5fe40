//! Locks between test processes (cargo runs each test file as its own process, in parallel):
//! an exclusive `flock` on a file in the temporary directory, held until the guard drops.
//! For what several test files share by name, e.g. the demo's fixed image and container
//! names.

use std::fs::{File, OpenOptions};
use std::path::PathBuf;

use rustix::fs::{FlockOperation, flock};

/// Held while alive; dropping it (or the process ending) releases the lock.
pub struct Held {
    _file: File,
}

/// Takes the lock `name` (`$TMPDIR/docktor-test-<name>.lock`), waiting as long as another
/// process holds it.
pub fn exclusive(name: &str) -> Held {
    let path: PathBuf = std::env::temp_dir().join(format!("docktor-test-{name}.lock"));
    // Another user may have made the file: flock works on a read-only descriptor too.
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .or_else(|_| File::open(&path))
        .unwrap_or_else(|e| panic!("open {}: {e}", path.display()));
    flock(&file, FlockOperation::LockExclusive)
        .unwrap_or_else(|e| panic!("flock {}: {e}", path.display()));
    Held { _file: file }
}
