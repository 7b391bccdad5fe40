//! `docktor ps` output.

use serde::Serialize;

use crate::model::{Container, uptime};

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    image: &'a str,
    image_id: &'a str,
    state: &'a str,
    health: &'a str,
    status: &'a str,
    ports: Vec<String>,
    created: i64,
    /// Null when the container never started; every row has the same keys.
    started_at: Option<i64>,
    /// Null while it runs (or never ran).
    finished_at: Option<i64>,
    exit_code: Option<i64>,
    restart_count: Option<i64>,
}

pub fn json(containers: &[Container]) -> String {
    let rows: Vec<Row> = containers
        .iter()
        .map(|c| Row {
            id: &c.id,
            name: &c.name,
            image: &c.image,
            image_id: &c.image_id,
            state: c.state.as_str(),
            health: c.health.as_str(),
            status: &c.status,
            ports: crate::model::ports_shown(&c.ports),
            created: c.created,
            started_at: c.started_at,
            finished_at: c.finished_at.filter(|_| !c.state.is_up()),
            exit_code: c.exit_code.filter(|_| !c.state.is_up()),
            restart_count: c.restarts,
        })
        .collect();
    serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into())
}

/// A fixed-width table; `now` (Unix seconds) makes uptime deterministic in tests.
pub fn table(containers: &[Container], now: i64) -> String {
    let header = ["NAME", "ID", "IMAGE", "STATE", "HEALTH", "UPTIME", "PORTS"];
    let rows: Vec<[String; 7]> = containers
        .iter()
        .map(|c| {
            [
                c.name.clone(),
                c.short_id().to_string(),
                c.image.clone(),
                c.state_text(),
                // A stopped container's check is not in the list's status: not known, not none.
                match c.health {
                    crate::model::Health::None if !c.state.is_up() => "-".to_string(),
                    h => h.as_str().to_string(),
                },
                uptime(c, now),
                c.ports_text(),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r.iter()) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &[String]| {
        let mut l = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                l.push_str(cell);
            } else {
                l.push_str(&format!("{:<w$}  ", cell, w = widths[i]));
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(&header.map(String::from));
    for r in &rows {
        line(r);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Health, Port, State};

    fn sample() -> Vec<Container> {
        vec![
            Container {
                id: "abcdef0123456789".into(),
                name: "web".into(),
                image: "shop:1".into(),
                image_id: "sha256:0123".into(),
                state: State::Running,
                health: Health::Healthy,
                status: "Up 5 minutes (healthy)".into(),
                created: 100,
                started_at: Some(1000),
                ports: vec![Port {
                    private: 8000,
                    public: Some(8080),
                    ip: None,
                    proto: "tcp".into(),
                }],
                ..Default::default()
            },
            Container {
                id: "fedcba9876543210".into(),
                name: "new".into(),
                state: State::Created,
                ..Default::default()
            },
        ]
    }

    #[test]
    fn table_aligns_columns() {
        let t = table(&sample()[..1], 1300);
        assert_eq!(
            t,
            "NAME  ID            IMAGE   STATE    HEALTH   UPTIME  PORTS\nweb   abcdef012345  shop:1  running  healthy  5m      8080->8000/tcp\n"
        );
    }

    #[test]
    fn a_stopped_containers_health_is_not_known_from_the_list() {
        let t = table(&sample()[1..], 1300);
        let row = t.lines().nth(1).unwrap_or_default();
        assert!(row.contains("created  -"), "{t}");
        assert!(!row.contains("none"), "{t}");
    }

    #[test]
    fn json_has_the_documented_fields() {
        let v: serde_json::Value = serde_json::from_str(&json(&sample())).unwrap();
        let row = &v[0];
        for k in ["id", "name", "image", "state", "health"] {
            assert!(row.get(k).is_some(), "missing {k}");
        }
        assert_eq!(row["health"], "healthy");
        // Every row has every key: null when never started.
        assert_eq!(v[1]["started_at"], serde_json::Value::Null);
        assert_eq!(v[0]["started_at"], 1000);
        assert!(v[1].get("exit_code").is_some());
    }
}
