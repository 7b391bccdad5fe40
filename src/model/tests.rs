//! Unit tests of the domain types: states, health, ports, containers.

use super::*;

#[test]
fn health_from_status_text() {
    assert_eq!(
        Health::from_status_text("Up 3 minutes (healthy)"),
        Health::Healthy
    );
    assert_eq!(
        Health::from_status_text("Up 1 second (health: starting)"),
        Health::Starting
    );
    assert_eq!(
        Health::from_status_text("Up 9 seconds (unhealthy)"),
        Health::Unhealthy
    );
    assert_eq!(
        Health::from_status_text("Exited (3) 2 minutes ago"),
        Health::None
    );
    assert_eq!(Health::from_status_text("Up 2 hours"), Health::None);
}

#[test]
fn short_ids_cut_on_characters() {
    assert_eq!(short_id("sha256:0123456789abcdef"), "0123456789ab");
    assert_eq!(short_id("abc"), "abc");
    assert_eq!(short_id("ééééééééééééééé"), "éééééééééééé");
}

#[test]
fn durations_read_like_uptime() {
    assert_eq!(human_duration(-5), "0s");
    assert_eq!(human_duration(42), "42s");
    assert_eq!(human_duration(300), "5m");
    assert_eq!(human_duration(3600 * 3 + 12 * 60), "3h12m");
    assert_eq!(human_duration(86_400 * 4 + 7200), "4d2h");
}

fn port(ip: Option<&str>, public: Option<u16>, private: u16, proto: &str) -> Port {
    Port {
        private,
        public,
        ip: ip.map(String::from),
        proto: proto.into(),
    }
}

#[test]
fn ports_keep_their_address_and_show_once() {
    let c = Container {
        id: "0123456789abcdef".into(),
        ports: vec![
            port(Some("::"), Some(49153), 8000, "tcp"),
            port(Some("0.0.0.0"), Some(49153), 8000, "tcp"),
            port(None, None, 8000, "tcp"),
            port(Some("127.0.0.1"), Some(18081), 81, "udp"),
            port(Some("::1"), Some(18082), 82, "tcp"),
        ],
        ..Default::default()
    };
    assert_eq!(
        c.ports_text(),
        "127.0.0.1:18081->81/udp, [::1]:18082->82/tcp, 49153->8000/tcp, 8000/tcp"
    );
    // IPv4 and IPv6 on different host ports (Docker 20.10 does that): both, with addresses.
    let split = vec![
        port(Some("0.0.0.0"), Some(32771), 82, "tcp"),
        port(Some("::"), Some(32768), 82, "tcp"),
    ];
    assert_eq!(
        ports_shown(&split),
        ["[::]:32768->82/tcp", "0.0.0.0:32771->82/tcp"]
    );
    assert_eq!(c.short_id(), "0123456789ab");
}

#[test]
fn the_status_follows_the_clock() {
    let mut c = Container {
        state: State::Running,
        started_at: Some(1_000),
        ..Default::default()
    };
    assert_eq!(c.status_now(1_300), "up 5m");
    c.state = State::Exited;
    c.learn(&RunFacts {
        finished_at: Some(2_000),
        exit_code: Some(3),
        restarts: Some(2),
        ..Default::default()
    });
    assert_eq!(c.status_now(2_000 + 7_200), "exited (3) 2h00m ago");
    assert_eq!(c.state_text(), "exited (3) ↻2");
    c.state = State::Running;
    assert_eq!(c.state_text(), "running ↻2");
    c.state = State::Created;
    assert_eq!(c.status_now(0), "created, never started");
}
