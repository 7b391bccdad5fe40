//! `docktor env` and the Env tab, the real binary on the real daemon: the JSON and text of
//! each env fixture, exit codes, `--reveal`, `--read-only`, an unknown container; the Env
//! tab in tmux — and no planted secret in any capture unless revealed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::{Command, Output};

use common::envfix::{PLANTED, env_fixtures};
use common::tmux::{self, Tmux};

fn env(args: &[&str]) -> Output {
    Command::new(common::docktor_bin())
        .arg("env")
        .args(args)
        .current_dir(common::repo_root().join("tests/fixtures/env"))
        .output()
        .expect("run docktor env")
}

fn all(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn each_fixture_headless_masked_with_its_exit_code() {
    if !env_fixtures() {
        return;
    }
    for (name, code) in [
        ("dfx-env-good", 0),
        ("dfx-env-missing", 1),
        ("dfx-env-mistyped", 1),
        ("dfx-env-insecure", 1),
        ("dfx-env-baked", 1),
        ("dfx-env-bare", 0),
    ] {
        for format in ["text", "json"] {
            let o = env(&[name, "--format", format, "--schema", "schema.json"]);
            let out = all(&o);
            assert_eq!(o.status.code(), Some(code), "{name} {format}:\n{out}");
            assert!(!out.contains(PLANTED), "{name} {format}:\n{out}");
        }
    }
    let o = env(&["dfx-env-good", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(
        v["spec"]["path"], ".env.example",
        "found in the current directory"
    );
    assert_eq!(v["database"]["result"], "postgres");
    let bare: serde_json::Value =
        serde_json::from_slice(&env(&["dfx-env-bare", "--format", "json"]).stdout).expect("JSON");
    assert!(
        bare["database"]["how"]
            .as_str()
            .is_some_and(|h| h.starts_with("helper:")),
        "{bare}"
    );
    let left =
        common::docker_cli_ok(&["ps", "-aq", "--filter", "label=docktor.helper.env-probe=1"]);
    assert_eq!(left, "", "no helper container is left behind");
}

#[test]
fn reveal_read_only_and_an_unknown_container() {
    if !env_fixtures() {
        return;
    }
    let o = env(&["dfx-env-good", "--reveal"]);
    let out = all(&o);
    assert!(
        out.contains("Pl4nted-DB-Passw0rd") && out.contains("REVEALED"),
        "{out}"
    );
    let o = Command::new(common::docktor_bin())
        .args(["--read-only", "env", "dfx-env-good", "--format", "json"])
        .current_dir(common::repo_root().join("tests/fixtures/env"))
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["database"]["result"], "not-checked");
    assert!(
        v["database"]["why"]
            .as_str()
            .is_some_and(|w| w.contains("--read-only"))
    );
    let o = env(&["dkt-env-no-such-container"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(all(&o).contains("dkt-env-no-such-container"), "{}", all(&o));
    // An image: said so, with the command that checks what an image carries.
    let o = env(&["docktor-fixture/env-baked:latest"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        all(&o).contains("is an image")
            && all(&o).contains("docktor check docktor-fixture/env-baked:latest"),
        "{}",
        all(&o)
    );
    let o = env(&["dfx-env-good", "--spec", "nope.env"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(all(&o).contains("nope.env"), "{}", all(&o));
}

#[tokio::test]
async fn the_env_tab_masks_until_v_and_says_so() {
    if !env_fixtures() || !tmux::available() {
        return;
    }
    let cmd = format!(
        "cd {} && {}; sleep 60",
        common::repo_root().join("tests/fixtures/env").display(),
        common::docktor_bin().display()
    );
    let t = Tmux::start("dk-env", 120, 40, &cmd);
    t.wait_text("Containers (", 15);
    t.keys(&["/"]);
    t.text("dfx-env-good");
    t.keys(&["Enter"]);
    t.wait_text("dfx-env-good", 15);
    t.keys(&["Enter"]);
    // Tab until the Env tab is on screen (whatever tabs come before it).
    for _ in 0..8 {
        t.keys(&["Tab"]);
        std::thread::sleep(std::time::Duration::from_millis(300));
        let s = t.screen();
        if s.contains("variables ·") || s.contains("reading the container's environment") {
            break;
        }
    }
    let s = t.wait_for("the Env tab with its variables", 20, |s| {
        s.contains("DB_PASSWORD") && s.contains("database db:5432")
    });
    assert!(!s.contains(PLANTED), "{s}");
    assert!(s.contains("masked (v reveals)"), "{s}");
    t.keys(&["v"]);
    let shown = t.wait_text("REVEALED", 10);
    assert!(shown.contains("Pl4nted-DB-Passw0rd"), "{shown}");
    t.keys(&["v"]);
    let hidden = t.wait_for("masked again", 10, |s| !s.contains("REVEALED"));
    assert!(!hidden.contains(PLANTED), "{hidden}");
    t.keys(&["q"]);
}

#[test]
fn a_stopped_container_is_probed_from_a_helper_on_its_network() {
    if !env_fixtures() {
        return;
    }
    let name = format!("dkt-env-stopped-{}", std::process::id());
    common::docker_cli_ok(&[
        "create",
        "--name",
        &name,
        "--network",
        "dfx-env-net",
        "-e",
        "DB_HOST=db",
        "-e",
        "SECRET_KEY=Pl4nted-stopped-key",
        "docktor-fixture/env-app:latest",
    ]);
    let o = env(&[&name, "--format", "json"]);
    let _ = common::docker_cli(&["rm", "-f", &name]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["database"]["result"], "postgres", "{v}");
    assert_eq!(v["database"]["via"]["network"], "dfx-env-net");
    assert!(!all(&o).contains(PLANTED));
}
