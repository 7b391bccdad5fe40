//! Fixture scripts run once per test process: later callers get the first outcome at once
//! (concurrent ones wait for it). A failure skips the test (said, and counted), or fails it
//! under `DOCKTOR_REQUIRE_DOCKER=1`.

use std::process::Command;
use std::sync::OnceLock;

/// Runs `bash tests/scripts/<script> ARGS…` from the repository's root the first time it is
/// asked for through `cell`; true when it succeeded. `what` names the fixtures in messages.
pub fn script(
    cell: &OnceLock<Result<(), String>>,
    script: &str,
    args: &[&str],
    what: &str,
) -> bool {
    let outcome = cell.get_or_init(|| {
        let path = super::repo_root().join("tests/scripts").join(script);
        let out = Command::new("bash")
            .arg(&path)
            .args(args)
            .current_dir(super::repo_root())
            .env("DOCKER_BUILDKIT", "0")
            .output()
            .map_err(|e| format!("cannot run {}: {e}", path.display()))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{} {} failed ({}):\n{}{}",
                path.display(),
                args.join(" "),
                out.status,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ))
        }
    });
    match outcome {
        Ok(()) => true,
        Err(why) if super::require_docker() => {
            panic!("DOCKTOR_REQUIRE_DOCKER=1 but the {what} failed: {why}")
        }
        Err(why) => {
            super::skip::skip(format!("{what} unavailable: {why}"));
            false
        }
    }
}
