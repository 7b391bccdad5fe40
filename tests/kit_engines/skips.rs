//! Visible, counted skips: `common::skip::skip` is seen past libtest's capture and recorded
//! for the summary; tests/scripts/test-summary.sh counts run-time skips and `#[ignore]`d
//! tests as skipped, not passed.

use std::path::Path;
use std::process::Command;

use crate::common;

const PROBE: &str = "DOCKTOR_KIT_SKIP_PROBE";

#[test]
fn a_skip_is_seen_past_the_harness_and_recorded() {
    if std::env::var_os(PROBE).is_some() {
        // The child: a passing test whose only output is the skip.
        common::skip::skip("probe\treason\non two lines");
        return;
    }
    let record = tempfile::NamedTempFile::new().unwrap_or_else(|e| panic!("temp file: {e}"));
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("current exe: {e}"));
    let test = "skips::a_skip_is_seen_past_the_harness_and_recorded";
    let out = Command::new(&exe)
        .args(["--exact", test])
        .env(PROBE, "1")
        .env(common::skip::SKIP_LOG_ENV, record.path())
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", exe.display()));
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{stdout}{stderr}"
    );
    let said = format!("skipped: {test}: probe reason on two lines");
    assert!(
        stderr.lines().any(|l| l == said),
        "on the terminal, not captured: {stderr:?}"
    );
    let recorded = std::fs::read_to_string(record.path()).unwrap_or_default();
    assert_eq!(
        recorded,
        format!("kit_engines\t{test}\tprobe reason on two lines\n")
    );
}

fn summary(log: &str, skips: &str) -> String {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let (l, s) = (dir.path().join("log"), dir.path().join("skips"));
    std::fs::write(&l, log).unwrap_or_else(|e| panic!("write: {e}"));
    std::fs::write(&s, skips).unwrap_or_else(|e| panic!("write: {e}"));
    let script = common::repo_root().join("tests/scripts/test-summary.sh");
    let out = Command::new("bash")
        .arg(&script)
        .args([Path::new(&l), Path::new(&s)])
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", script.display()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_summary_counts_runtime_skips_and_ignored_tests_as_skipped() {
    let log = "     Running tests/a.rs (target/debug/deps/a-0123abcd)\n\
        test one ... ok\ntest two ... ok\ntest three ... FAILED\ntest slow ... ignored, opt-in\n\
        ---- three stdout ----\n\
        test result: FAILED. 2 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out\n\
        \x20    Running tests/b.rs (target/debug/deps/b-4567ef01)\n\
        test one ... \nskipped: one: no tmux\nok\n\
        test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n\
        \x20  Doc-tests docktor\ntest result: ok. 3 passed; 0 failed; 0 ignored\n";
    // a::two skipped twice (counted once); a::three skipped then failed (a failure);
    // b::one ran serially; c::gone never ran here.
    let skips = "a\ttwo\tno daemon\na\ttwo\tno daemon\na\tthree\tno daemon\n\
        b\tone\tno tmux\nc\tgone\tnot run\n";
    let out = summary(log, skips);
    let want = "skipped: a::two: no daemon\nskipped: b::one: no tmux\n\
        skipped: a::slow: #[ignore]\ntotal: 4 passed, 1 failed, 3 skipped\n";
    assert_eq!(out, want);
    assert_eq!(
        summary(log, ""),
        "skipped: a::slow: #[ignore]\ntotal: 6 passed, 1 failed, 1 skipped\n"
    );
}
