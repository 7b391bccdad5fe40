//! Where the app's database is (`DB_HOST`/`DB_PORT`, else the host of `DATABASE_URL`) and
//! what the probe from inside the container's network namespace found there.

use serde::Serialize;

use super::mask::Masker;
use super::probe::{Answer, Outcome, Report};
use super::vars::{Var, get};

/// Host and port the app will connect to, and which variables said so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    pub host: String,
    pub port: u16,
    /// `DB_HOST/DB_PORT` or `DATABASE_URL`.
    pub from: String,
    /// Whether the app expects PostgreSQL (URL scheme, `DB_ENGINE`, or port 5432).
    pub postgres: bool,
}

/// The database target of `vars`: `Ok(None)` when the app names none; `Err` says which
/// variable is wrong and how (values masked by `masker`).
pub fn target(vars: &[Var], masker: &Masker) -> Result<Option<Target>, String> {
    let engine_pg = get(vars, "DB_ENGINE").is_some_and(|v| v.value.contains("postgres"));
    for (host_key, port_key) in [
        ("DB_HOST", "DB_PORT"),
        ("POSTGRES_HOST", "POSTGRES_PORT"),
        ("PGHOST", "PGPORT"),
    ] {
        let Some(h) = get(vars, host_key).filter(|v| !v.value.trim().is_empty()) else {
            continue;
        };
        let port = match get(vars, port_key).filter(|v| !v.value.trim().is_empty()) {
            None => 5432,
            Some(p) => match p.value.trim().parse::<u16>() {
                Ok(n) if n > 0 => n,
                _ => {
                    return Err(format!(
                        "{port_key} is \"{}\", not a port 1-65535: the app cannot connect to its database; set {port_key}=5432 (or the port the database listens on)",
                        masker.value(port_key, &p.value)
                    ));
                }
            },
        };
        return Ok(Some(Target {
            host: h.value.trim().to_string(),
            port,
            from: format!("{host_key}/{port_key}"),
            postgres: engine_pg || port == 5432 || host_key != "DB_HOST",
        }));
    }
    let Some(u) = get(vars, "DATABASE_URL").filter(|v| !v.value.trim().is_empty()) else {
        return Ok(None);
    };
    let shown = masker.value("DATABASE_URL", &u.value).into_owned();
    let url = url::Url::parse(u.value.trim()).map_err(|e| {
        format!("DATABASE_URL ({shown}) does not parse as a URL: {e}; write it as postgres://USER:PASSWORD@HOST:5432/NAME, with @ / : # in the password percent-encoded")
    })?;
    let host = url.host_str().filter(|h| !h.is_empty()).ok_or_else(|| {
        format!(
            "DATABASE_URL ({shown}) names no host: write postgres://USER:PASSWORD@HOST:5432/NAME"
        )
    })?;
    let scheme = url.scheme();
    let postgres = scheme.starts_with("postgres") || scheme == "pgsql" || engine_pg;
    let default = match scheme {
        s if s.starts_with("mysql") || s == "mariadb" => 3306,
        "redis" | "rediss" => 6379,
        _ => 5432,
    };
    Ok(Some(Target {
        host: host.trim_matches(['[', ']']).to_string(),
        port: url.port().unwrap_or(default),
        from: "DATABASE_URL".into(),
        postgres,
    }))
}

/// How the probe ran.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Via {
    /// `docker exec` in the container itself.
    Exec,
    /// A short-lived helper container in the container's network namespace
    /// (`--network container:<id>`) or on its networks, removed afterwards.
    Helper { image: String, network: String },
}

/// A network the container is on, for the advice (which names resolve there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Network {
    pub name: String,
    /// The container's own aliases on it.
    pub aliases: Vec<String>,
    /// Other containers on it (their names resolve there).
    pub peers: Vec<String>,
}

/// What is known about the database connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum DbFacts {
    /// The app names no database (no `DB_HOST`, no `DATABASE_URL`).
    NoTarget,
    /// The variables do not say where the database is (why, masked).
    BadTarget { why: String },
    Probed {
        target: Target,
        via: Via,
        report: Report,
        networks: Vec<Network>,
    },
}

impl DbFacts {
    /// `exec:nc`, `helper:python`…: which way the probe ran and with what.
    pub fn how(&self) -> String {
        match self {
            DbFacts::Probed { via, report, .. } => match via {
                Via::Exec => format!("exec:{}", report.tool),
                Via::Helper { .. } => format!("helper:{}", report.tool),
            },
            _ => "none".into(),
        }
    }

    /// One word for the result (`reachable`, `dns-failure`, `refused`, `timeout`, …).
    pub fn result(&self) -> &'static str {
        match self {
            DbFacts::NoTarget => "not-applicable",
            DbFacts::BadTarget { .. } => "bad-target",
            DbFacts::Probed { report, .. } => match report.outcome {
                Outcome::Open => match report.answer {
                    Some(Answer::Postgres) => "postgres",
                    _ => "open",
                },
                Outcome::DnsFailure => "dns-failure",
                Outcome::Refused => "refused",
                Outcome::Timeout => "timeout",
                Outcome::Unreachable => "unreachable",
                Outcome::NoTool => "no-tool",
                Outcome::Error => "error",
            },
        }
    }
}

/// Networks as a phrase for advice: `backend (aliases: web; with: db, cache)`.
pub fn networks_phrase(networks: &[Network]) -> String {
    if networks.is_empty() {
        return "no network".into();
    }
    networks
        .iter()
        .map(|n| {
            let mut parts = Vec::new();
            // The daemon adds the short container ID as an alias: not a name people use.
            let aliases: Vec<&str> = n
                .aliases
                .iter()
                .map(String::as_str)
                .filter(|a| !(a.len() == 12 && a.chars().all(|c| c.is_ascii_hexdigit())))
                .collect();
            if !aliases.is_empty() {
                parts.push(format!("aliases: {}", aliases.join(", ")));
            }
            if !n.peers.is_empty() {
                parts.push(format!("with: {}", n.peers.join(", ")));
            }
            match parts.is_empty() {
                true => n.name.clone(),
                false => format!("{} ({})", n.name, parts.join("; ")),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::envcheck::vars::merge;
    use crate::profile::Profile;

    fn t(entries: &[&str]) -> Result<Option<Target>, String> {
        let vars = merge(
            &entries.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            &[],
        );
        target(&vars, &Masker::new(&Profile::default()))
    }

    #[test]
    fn targets_from_db_vars_and_urls() {
        let got = t(&["DB_HOST=db", "DB_PORT=6543"]).unwrap_or_default();
        assert_eq!(got.map(|t| (t.host, t.port)), Some(("db".into(), 6543)));
        let got = t(&["DATABASE_URL=postgres://u:pw@pg.internal/app"]).unwrap_or_default();
        assert!(got.is_some_and(|t| t.host == "pg.internal" && t.port == 5432 && t.postgres));
        let got = t(&["DATABASE_URL=mysql://u:pw@my:3307/app"]).unwrap_or_default();
        assert!(got.is_some_and(|t| t.port == 3307 && !t.postgres));
        assert_eq!(t(&["DEBUG=1"]), Ok(None));
    }

    #[test]
    fn bad_targets_say_why_without_the_password() {
        let e = t(&["DB_HOST=db", "DB_PORT=abc"]).unwrap_err();
        assert!(e.contains("DB_PORT is \"abc\""), "{e}");
        let e = t(&["DATABASE_URL=postgres://u:p@ss w@rd@db:99999/x"]).unwrap_err();
        assert!(e.contains("does not parse") && !e.contains("ss w"), "{e}");
        let e = t(&["DATABASE_URL=sqlite:///db.sqlite3"]).unwrap_err();
        assert!(e.contains("no host"), "{e}");
    }
}
