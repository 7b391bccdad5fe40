//! The database connection from where the app runs (the guide's "Database connection:
//! ensure environment variables are correct"): DNS failure, refused, timeout and success
//! told apart, PostgreSQL told from anything else, with which network and names exist.

use crate::diagnose::Fact;
use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::envcheck::db::{DbFacts, networks_phrase};
use crate::envcheck::probe::{Answer, Outcome};

pub fn reachable(i: &Input) -> Verdict {
    let Some(db) = i.database() else {
        return Verdict::Pending(Fact::Database);
    };
    let (target, via, report, networks) = match db {
        DbFacts::NoTarget => {
            return Verdict::NotApplicable(
                "no DB_HOST, POSTGRES_HOST, PGHOST or DATABASE_URL".into(),
            );
        }
        DbFacts::BadTarget { why } => {
            return Verdict::Fail(vec![
                i.finding()
                    .title("The database settings do not say where the database is")
                    .evidence(why.clone())
                    .fix("fix the variable in BackEnd/.env and recreate the container"),
            ]);
        }
        DbFacts::Probed {
            target,
            via,
            report,
            networks,
        } => (target, via, report, networks),
    };
    let at = format!("{}:{} (from {})", target.host, target.port, target.from);
    let how = format!(
        "probed with {} via {}",
        report.tool,
        match via {
            crate::envcheck::db::Via::Exec => "exec in the container".to_string(),
            crate::envcheck::db::Via::Helper { network, .. } =>
                format!("a helper container on {network}"),
        }
    );
    let nets = networks_phrase(networks);
    let ip = report
        .ip
        .as_deref()
        .map(|ip| format!(" ({ip})"))
        .unwrap_or_default();
    let detail = if report.detail.is_empty() {
        String::new()
    } else {
        format!("; {}", report.detail)
    };
    let fail = |title: String, fix: String| {
        Verdict::Fail(vec![
            i.finding()
                .title(title)
                .evidence(format!("{at}: {how}; the container is on {nets}{detail}"))
                .fix(fix)
                .paths([format!("{}:{}", target.host, target.port)]),
        ])
    };
    match (report.outcome, report.answer) {
        (Outcome::Open, Some(Answer::Postgres)) => Verdict::Pass(format!("PostgreSQL answers at {at}{ip}; {how}")),
        (Outcome::Open, _) if !target.postgres => Verdict::Pass(format!("{at}{ip} accepts connections; {how}")),
        (Outcome::Open, answer) => {
            let what = match answer {
                Some(Answer::Silent) => "says nothing to PostgreSQL's SSL request",
                Some(Answer::Closed) => "closes the connection on PostgreSQL's SSL request",
                _ => "answers, but not as PostgreSQL does",
            };
            fail(format!("Something listens at {}:{}{ip} but it {what}", target.host, target.port),
                format!("check that {} names the database and not another service (a web server, a proxy); PostgreSQL listens on 5432 by default", target.from))
        }
        (Outcome::DnsFailure, _) => fail(
            format!("{} does not resolve inside the container", target.host),
            format!("names resolve only to containers on the same user-defined network: attach the database to one of the container's networks (docker network connect NETWORK {}) or set {} to a name or alias there", target.host, target.from.split('/').next().unwrap_or("DB_HOST")),
        ),
        (Outcome::Refused, _) => fail(
            format!("Nothing listens at {}:{}{ip}", target.host, target.port),
            "check the port in the env file and that the database runs and listens on all interfaces (PostgreSQL: listen_addresses = '*')".into(),
        ),
        (Outcome::Timeout, _) => fail(
            format!("No answer from {}:{}{ip} within the timeout", target.host, target.port),
            "the address drops connections: check the host (a stale IP?), firewalls, and that the database is on a network the container is on".into(),
        ),
        (Outcome::Unreachable, _) => fail(
            format!("No route to {}:{}{ip} from the container", target.host, target.port),
            "the database is on a network the container is not attached to: docker network connect NETWORK CONTAINER".into(),
        ),
        (Outcome::NoTool | Outcome::Error, _) => Verdict::Unknown {
            fact: Fact::Database,
            why: format!("the probe could not run ({how}): {}", report.detail),
        },
    }
}
