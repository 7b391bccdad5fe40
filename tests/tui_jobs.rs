//! The keyed task registry and the runtime against the real daemon, driven through the app
//! as the event loop drives it: leaving a pane leaves no job running behind, a comparison
//! left with Esc stops, results of cancelled jobs never reach a pane. Skips without a daemon
//! unless DOCKTOR_REQUIRE_DOCKER=1 (the 300-image case also needs a private daemon).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use docktor::engine::Engine;
use docktor::engine::host::{Scheme, Source, Target};
use docktor::tui::app::{App, Location};
use docktor::tui::msg::Msg;
use docktor::tui::panes::images::Images;
use docktor::tui::runtime::Runtime;
use docktor::tui::theme::Theme;
use tokio::sync::mpsc;

fn target(socket: &str) -> Target {
    Target {
        uri: format!("unix://{socket}"),
        scheme: Scheme::Unix {
            path: socket.into(),
        },
        source: Source::Default,
    }
}

/// The app, its runtime and the channel, stepped by hand the way the event loop steps them.
struct Harness {
    app: App,
    rt: Runtime,
    rx: mpsc::UnboundedReceiver<Msg>,
    engine: Engine,
}

impl Harness {
    async fn new(engine: Engine) -> Harness {
        let (tx, rx) = mpsc::unbounded_channel();
        let rt = Runtime::new(tx, Arc::new(docktor::profile::Profile::default()));
        let mut app = App::new(engine.target.uri.clone(), false, Theme { mono: true });
        app.update(Msg::Connected(engine.info.clone()));
        let list = engine.containers(true).await.expect("container list");
        app.update(Msg::Containers(list));
        Harness {
            app,
            rt,
            rx,
            engine,
        }
    }

    /// Esc until `at` is on screen (a first Esc may only cancel a running analysis).
    fn back_to(&mut self, at: &Location) {
        for _ in 0..3 {
            if self.app.location() == *at {
                return;
            }
            self.press(KeyCode::Esc);
        }
        assert_eq!(self.app.location(), *at);
    }

    fn handle(&mut self, msg: Msg) {
        if !self.rt.admit(&msg) {
            return;
        }
        for fx in self.app.update(msg) {
            self.rt.apply(fx, Some(self.engine.clone()));
        }
    }

    fn press(&mut self, code: KeyCode) {
        self.handle(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    /// Handles what arrived, waiting up to `secs` for `done`.
    async fn pump_until(&mut self, secs: u64, done: impl Fn(&Harness) -> bool) -> bool {
        let end = Instant::now() + Duration::from_secs(secs);
        loop {
            while let Ok(m) = self.rx.try_recv() {
                self.handle(m);
            }
            if done(self) {
                return true;
            }
            if Instant::now() > end {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits until no task is alive (cancelled ones included), handling messages meanwhile.
    async fn idle(&mut self, secs: u64) -> usize {
        self.pump_until(secs, |_| false).await;
        let end = Instant::now() + Duration::from_secs(secs);
        while self.rt.live_tasks() > 0 && Instant::now() < end {
            while let Ok(m) = self.rx.try_recv() {
                self.handle(m);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.rt.live_tasks()
    }

    fn running(&self) -> Vec<String> {
        self.rt.running().iter().map(|k| k.to_string()).collect()
    }
}

async fn local() -> Option<Harness> {
    common::engine().await?;
    assert!(common::fixtures(), "fixtures");
    let engine = Engine::connect(&target(&common::docker_socket()))
        .await
        .expect("connect to the local daemon");
    Some(Harness::new(engine).await)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fast_enter_and_esc_on_many_containers_leave_no_job_running() {
    let Some(mut h) = local().await else { return };
    let n = h.app.visible().len();
    assert!(n >= 5, "the fixtures are listed");
    for round in 0..3 {
        for i in 0..n {
            h.press(KeyCode::Enter);
            let Location::Container { id, .. } = h.app.location() else {
                panic!("Enter opens the container");
            };
            // The Doctor: one job per gatherer.
            let running = h.running();
            assert!(
                !running.is_empty()
                    && running
                        .iter()
                        .all(|k| k.starts_with("doctor ") && k.ends_with(&id)),
                "round {round}, row {i}: {running:?}"
            );
            if i % 2 == 1 {
                // The Logs and Layers tabs too: the gatherers stop; the Logs learn the
                // container's secrets (then follow); leaving them stops both.
                h.press(KeyCode::Tab);
                let logs = h.running();
                assert!(
                    !logs.is_empty()
                        && logs
                            .iter()
                            .all(|k| k == &format!("logs-secrets {id}")
                                || k == &format!("logs {id}")),
                    "{logs:?}"
                );
                h.press(KeyCode::Tab);
                assert!(h.running().iter().any(|k| k.starts_with("layers ")));
                assert!(!h.running().iter().any(|k| k.starts_with("logs")));
            }
            h.back_to(&Location::List);
            assert!(h.running().is_empty(), "left: {:?}", h.running());
            h.press(KeyCode::Char('j'));
        }
        h.press(KeyCode::Char('g'));
    }
    assert_eq!(h.idle(5).await, 0, "every task stopped");
    assert_eq!(h.app.location(), Location::List);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_comparison_left_with_esc_stops_and_a_new_one_replaces_it() {
    let Some(mut h) = local().await else { return };
    let images: Vec<String> = ["base", "web", "base", "web"]
        .iter()
        .map(|n| format!("docktor-fixture/{n}:latest"))
        .collect();
    let labels: Vec<String> = (1..=4).map(|i| format!("image {i}")).collect();
    for fx in h.app.open_compare(images.clone(), labels.clone()) {
        h.rt.apply(fx, Some(h.engine.clone()));
    }
    assert_eq!(h.running(), ["compare"]);
    h.press(KeyCode::Esc);
    assert_eq!(h.app.location(), Location::List);
    assert!(h.running().is_empty(), "Esc cancels the comparison");
    assert_eq!(h.idle(5).await, 0);
    // Two at once: the second cancels the first (one job under the key).
    for _ in 0..2 {
        for fx in h.app.open_compare(images.clone(), labels.clone()) {
            h.rt.apply(fx, Some(h.engine.clone()));
        }
    }
    assert_eq!(h.running(), ["compare"]);
    // The one on screen (the second) finishes, slots with the same image included.
    let finished = h
        .pump_until(60, |h| {
            h.app
                .pane::<docktor::tui::panes::compare::Compare>()
                .is_some_and(|c| c.state().finished())
        })
        .await;
    assert!(finished, "the comparison finishes");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Esc);
    assert_eq!(h.idle(5).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_images_view_with_300_images() {
    use common::engines::{self, PrivateDaemon};
    if common::engine().await.is_none() || !engines::ready("tui-300", engines::netns_ready()) {
        return;
    }
    let daemon = PrivateDaemon::start("tui300", &[]);
    let archive = common::archives::many_images(300, "dkt-tui-many");
    let file = common::archives::write_tmp(&archive);
    let path = file.path().display().to_string();
    let out = daemon.docker(&["load", "-q", "-i", &path]);
    assert!(
        out.status.success(),
        "docker load: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let socket = daemon.socket().display().to_string();
    let engine = Engine::connect(&target(&socket)).await.expect("connect");
    let mut h = Harness::new(engine).await;
    h.press(KeyCode::Char('i'));
    let listed = h
        .pump_until(30, |h| {
            h.app
                .pane::<Images>()
                .is_some_and(|p| p.state().rows.len() == 300)
        })
        .await;
    assert!(listed, "300 images listed");
    let sel = |h: &Harness| h.app.pane::<Images>().map(|p| p.state().selected);
    // Moving stays within the list.
    h.press(KeyCode::Char('G'));
    assert_eq!(sel(&h), Some(299));
    for _ in 0..5 {
        h.press(KeyCode::Char('j'));
        h.press(KeyCode::PageDown);
    }
    assert_eq!(sel(&h), Some(299));
    h.press(KeyCode::Char('g'));
    // Fast Enter/Esc on many images: each opens its layers and Esc cancels the analysis.
    let images = Location::Screen("Images".into());
    for _ in 0..40 {
        h.press(KeyCode::Enter);
        assert_eq!(h.app.location(), Location::Screen("Layers".into()));
        assert!(h.running().iter().any(|k| k.starts_with("layers ")));
        h.back_to(&images);
        // Only the Images view's watch of the image events runs while it is open.
        let left = h.running();
        assert!(left.iter().all(|k| k == "image events"), "left: {left:?}");
        h.press(KeyCode::Char('j'));
    }
    assert_eq!(h.app.location(), Location::Screen("Images".into()));
    assert_eq!(
        h.running(),
        ["image events"],
        "the watch of the image events"
    );
    h.press(KeyCode::Esc);
    assert_eq!(h.idle(5).await, 0, "every task stopped");
}
