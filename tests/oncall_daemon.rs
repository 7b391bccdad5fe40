//! What the daemon decides, for the on-call fixes: long log lines come in pieces and are
//! joined back; colours, tabs, control bytes and emoji as a container writes them; ports keep
//! their bind address; `ps --format json` has `started_at` on every row; an image's tags and
//! its removal as events; a container without a shell.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use docktor::engine::logs::LogStream;
use docktor::tui::panes::logs::line;
use futures_util::StreamExt;

const BASE: &str = "docktor-fixture/base:latest";

/// Removes what a test made, even when it fails.
struct Gone(Vec<String>);

impl Drop for Gone {
    fn drop(&mut self) {
        for what in &self.0 {
            let _ = common::docker_cli(&["rm", "-f", what]);
            let _ = common::docker_cli(&["rmi", what]);
        }
    }
}

fn name(test: &str) -> String {
    format!("dkt-oncall-{test}-{}", std::process::id())
}

/// Runs `script` with sh in a fresh base container; returns its ID.
fn run_sh(name: &str, extra: &[&str], script: &str) -> String {
    let mut args = vec!["run", "-d", "--name", name];
    args.extend_from_slice(extra);
    args.extend_from_slice(&[BASE, "sh", "-c", script]);
    common::docker_cli_ok(&args)
}

#[tokio::test]
async fn a_40_kb_line_comes_back_whole_with_its_colours_and_time() {
    let Some(e) = common::engine().await else {
        return;
    };
    assert!(common::fixtures(), "fixtures");
    let n = name("longline");
    let _gone = Gone(vec![n.clone()]);
    let script = r#"printf '\033[31mred\033[0m\tTAB\tend\n'; printf 'bell\a nul-less \001 ctl\n'; printf 'emoji 😀 漢字 ❤️ 👩‍💻\n'; head -c 40000 /dev/zero | tr '\0' x; echo END; sleep 1000"#;
    let id = run_sh(&n, &["--network", "none"], script);
    // Until all four lines are there, the long one whole (the container starts in the
    // background, and a read while it writes ends with the pieces logged so far).
    let mut lines = Vec::new();
    for _ in 0..50 {
        lines = e
            .logs(&id, 100, false)
            .collect::<Vec<_>>()
            .await
            .into_iter()
            .map(|l| l.expect("log line"))
            .collect();
        if lines.len() >= 4 && lines[3].text.ends_with("END") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        lines.len(),
        4,
        "{:?}",
        lines.iter().map(|l| l.text.len()).collect::<Vec<_>>()
    );
    // The daemon sent the long line in 16 KB pieces: joined, as docker logs shows it.
    let long = &lines[3];
    assert_eq!(long.text.len(), 40_003);
    assert!(long.text.ends_with("xEND"));
    assert_eq!(long.stream, LogStream::Stdout);
    assert!(
        lines
            .iter()
            .all(|l| l.time.as_deref().is_some_and(|t| t.ends_with('Z')))
    );
    // What the Logs tab shows: colours as styles, no escape left, tabs expanded, controls
    // escaped, emoji without the modifiers terminals disagree about.
    let red = line::parse(&lines[0].text, 0);
    assert_eq!(red.text, "red     TAB     end");
    assert_eq!(red.style_at(0).fg, Some(ratatui::style::Color::Red));
    assert_eq!(
        line::parse(&lines[1].text, 0).text,
        "bell^G nul-less ^A ctl"
    );
    assert_eq!(line::parse(&lines[2].text, 0).text, "emoji 😀 漢字 ❤ 👩💻");
}

#[tokio::test]
async fn ports_keep_their_address_and_show_once() {
    let Some(e) = common::engine().await else {
        return;
    };
    assert!(common::fixtures(), "fixtures");
    let n = name("ports");
    let _gone = Gone(vec![n.clone()]);
    let id = run_sh(&n, &["-p", "127.0.0.1::81/udp", "-p", "82"], "sleep 1000");
    let list = e.containers(true).await.expect("list");
    let c = list.iter().find(|c| c.id == id).expect("the container");
    let shown = docktor::model::ports_shown(&c.ports);
    assert!(
        shown[0].starts_with("127.0.0.1:") && shown[0].ends_with("->81/udp"),
        "{shown:?}"
    );
    // Published on every address (0.0.0.0, and :: where the daemon does IPv6): once, bare,
    // when both families got the same host port; else each with its address.
    let every: Vec<_> = c.ports.iter().filter(|p| p.private == 82).collect();
    let same = every.iter().all(|p| p.public == every[0].public);
    if same {
        assert_eq!(shown.len(), 2, "{shown:?} from {:?}", c.ports);
        assert!(
            !shown[1].contains("0.0.0.0") && shown[1].ends_with("->82/tcp"),
            "{shown:?}"
        );
    } else {
        assert_eq!(shown.len(), 3, "{shown:?} from {:?}", c.ports);
        assert!(
            shown[1..].iter().any(|s| s.starts_with("0.0.0.0:")),
            "{shown:?}"
        );
        assert!(
            shown[1..].iter().any(|s| s.starts_with("[::]:")),
            "{shown:?}"
        );
    }
    let docker = common::docker_cli_ok(&["port", &n]);
    let host_port = shown[0]
        .trim_start_matches("127.0.0.1:")
        .split("->")
        .next()
        .unwrap();
    assert!(
        docker.contains(&format!("127.0.0.1:{host_port}")),
        "{docker}"
    );
}

#[tokio::test]
async fn ps_json_has_started_at_on_every_row() {
    let Some(_e) = common::engine().await else {
        return;
    };
    assert!(common::fixtures(), "fixtures");
    let n = name("created");
    let _gone = Gone(vec![n.clone()]);
    common::docker_cli_ok(&["create", "--name", &n, "--network", "none", BASE, "true"]);
    let out = std::process::Command::new(common::docktor_bin())
        .args(["ps", "--all", "--format", "json"])
        .output()
        .expect("docktor ps");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let rows = rows.as_array().expect("rows");
    assert!(
        rows.iter().all(|r| r.get("started_at").is_some()),
        "every row has started_at"
    );
    let created = rows
        .iter()
        .find(|r| r["name"] == n.as_str())
        .expect("the created one");
    assert_eq!(created["started_at"], serde_json::Value::Null);
    let exited = rows
        .iter()
        .find(|r| r["name"] == "dfx-exited")
        .expect("dfx-exited");
    assert!(exited["started_at"].is_i64(), "it ran once: {exited}");
    assert_eq!(exited["exit_code"], 3);
}

#[tokio::test]
async fn an_image_with_several_tags_and_its_removal_as_an_event() {
    let Some(e) = common::engine().await else {
        return;
    };
    assert!(common::fixtures(), "fixtures");
    let (a, b) = (
        format!("dkt-oncall/tags-{}:one", std::process::id()),
        format!("dkt-oncall/tags-{}:two", std::process::id()),
    );
    let _gone = Gone(vec![a.clone(), b.clone()]);
    common::docker_cli_ok(&["tag", BASE, &a]);
    common::docker_cli_ok(&["tag", BASE, &b]);
    let rows = e.images().await.expect("images");
    let row = rows.iter().find(|r| r.tags.contains(&a)).expect("tagged");
    assert!(
        row.tags.contains(&b) && row.tags.len() >= 3,
        "{:?}",
        row.tags
    );
    // The Images view follows these events.
    let mut events = Box::pin(e.image_events(docktor::clock::now() - 1));
    common::docker_cli_ok(&["rmi", &b]);
    // The tags just made come first (the stream starts a second back).
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let ev = tokio::time::timeout_at(deadline, events.next())
            .await
            .expect("an untag event within 10 s")
            .expect("stream open")
            .expect("event");
        if ev == "untag" {
            break;
        }
    }
}

#[tokio::test]
async fn a_container_without_a_shell_is_told_and_sh_is_found_elsewhere() {
    let Some(e) = common::engine().await else {
        return;
    };
    assert!(common::fixtures(), "fixtures");
    let img = format!("dkt-oncall/nosh-{}:1", std::process::id());
    let (with, without) = (name("sh"), name("nosh"));
    let _gone = Gone(vec![with.clone(), without.clone(), img.clone()]);
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy("/bin/busybox", dir.path().join("busybox")).expect("busybox");
    std::fs::write(
        dir.path().join("Dockerfile"),
        "FROM scratch\nCOPY busybox /busybox\nCMD [\"/busybox\", \"sleep\", \"1000\"]\n",
    )
    .expect("Dockerfile");
    common::docker_cli_ok(&["build", "-q", "-t", &img, &dir.path().display().to_string()]);
    let none = common::docker_cli_ok(&["run", "-d", "--name", &without, "--network", "none", &img]);
    let sh = run_sh(&with, &["--network", "none"], "sleep 1000");
    assert_eq!(e.find_shell(&none).await.expect("asked"), None);
    // The base image has busybox's sh and no bash.
    assert_eq!(e.find_shell(&sh).await.expect("asked"), Some("sh"));
}
