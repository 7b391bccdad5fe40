//! Visible, counted skips. libtest keeps what a passing test prints with `eprintln!` to
//! itself, so a skip said that way is never seen and counts as a pass. [`skip`] writes the
//! line straight to the process's stderr, and appends it to the file named by
//! `DOCKTOR_SKIP_LOG` (tests/scripts/test.sh sets it), which the summary counts.
//!
//! ```ignore
//! if !tmux::available() {
//!     common::skip::skip("tmux not installed");
//!     return;
//! }
//! ```

use std::io::Write;

/// The environment variable naming the file the skips are appended to.
pub const SKIP_LOG_ENV: &str = "DOCKTOR_SKIP_LOG";

/// Says `skipped: <test>: <reason>` on the terminal (past the harness's capture) and
/// records it for tests/scripts/test.sh. The caller then returns from the test.
pub fn skip(reason: impl std::fmt::Display) {
    let test = current_test();
    let reason = one_line(&reason.to_string());
    let said = format!("skipped: {test}: {reason}\n");
    // `Stderr::write_all` is not captured by libtest (only the print macros are).
    let _ = std::io::stderr().lock().write_all(said.as_bytes());
    let Some(path) = std::env::var_os(SKIP_LOG_ENV) else {
        return;
    };
    let record = format!("{}\t{test}\t{reason}\n", binary());
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path);
    match file {
        // One write of one short line in append mode: lines of parallel tests do not mix.
        Ok(mut f) => {
            let _ = f.write_all(record.as_bytes());
        }
        Err(e) => {
            let warn = format!(
                "warning: cannot record the skip in {}: {e}\n",
                std::path::Path::new(&path).display()
            );
            let _ = std::io::stderr().lock().write_all(warn.as_bytes());
        }
    }
}

/// The running test's name: libtest names each test's thread after it.
pub fn current_test() -> String {
    match std::thread::current().name() {
        Some(name) if name != "main" => name.to_string(),
        _ => "?".to_string(),
    }
}

/// The test binary's name without cargo's hash (`kit_engines-1a2b3c…` → `kit_engines`).
pub fn binary() -> String {
    let exe = std::env::current_exe().ok();
    let stem = exe
        .as_deref()
        .and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match stem.rsplit_once('-') {
        Some((name, hash)) if !hash.is_empty() && hash.chars().all(|c| c.is_ascii_hexdigit()) => {
            name.to_string()
        }
        _ => stem,
    }
}

fn one_line(s: &str) -> String {
    s.split(['\n', '\t', '\r'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
