//! `docktor health CONTAINER`: status and failing streak, the check in effect (container,
//! falling back to the image), every probe known — the daemon's last 5 and what `docktor
//! record` stored — and why it fails, as text or JSON (shape in the README), secret values
//! masked unless `--reveal`. Exit 1 when
//! the container is unhealthy, 2 when docktor cannot tell (no such container, a store it
//! cannot read, no daemon).

use super::record::store_path;
use super::{EXIT_FAILED, EXIT_OK, connect, emit_line, note};
use crate::cli::{Cli, HealthArgs, TextFormat};
use crate::diagnose::{Facts, Part, Subject, evaluate, findings};
use crate::health::gather::gather;
use crate::model::Health;
use crate::profile::Profile;
use crate::report::health as report;

pub async fn run(cli: &Cli, args: &HealthArgs, profile: &Profile) -> Result<u8, String> {
    let engine = connect(cli).await.map_err(|e| e.to_string())?;
    // Without HOME there is no default store: the daemon's probes alone are shown.
    let store = match &args.store {
        Some(p) => Some(p.clone()),
        None => store_path(None).ok(),
    };
    let g = match gather(&engine, &args.container, store).await {
        Ok(g) => g,
        Err(e) if e.is_not_found() => {
            let name = &args.container;
            // An image's check has no probes to show; `check` reads it against its files.
            if engine.image_config(name).await.is_ok() {
                return Err(format!(
                    "{name} is an image, and only a container has probes: `docktor check {name}` checks the image's health check against its files"
                ));
            }
            return Err(format!(
                "no container {name} on {}: see the names with `docktor ps --all`",
                engine.info.uri
            ));
        }
        Err(e) => return Err(e.to_string()),
    };
    g.store.as_ref().map_err(|e| e.to_string())?;
    if let Some(why) = &g.tools_note {
        note(&format!("docktor: {}: {why}", g.details.name));
    }
    // Probe outputs and the check's command masked unless --reveal (a check may echo
    // $DB_PASSWORD or print a URL with its password).
    let masker = g.masker(profile).revealing(args.reveal);
    let mut f = Facts::new(Subject::Container {
        id: g.details.id.clone(),
        name: g.details.name.clone(),
    });
    f.health = Part::Ready(g.facts.masked_for_output(&masker));
    f.reveal = args.reveal;
    let found = findings(&evaluate(&f, profile, |r| r.id.starts_with("health.")));
    let Part::Ready(h) = f.health else {
        return Err("the health facts were lost on the way".into());
    };
    let sum = h.summary();
    let s = report::Subject {
        id: &g.details.id,
        name: &g.details.name,
        image: &g.details.image,
        engine: &engine.info.uri,
        revealed: args.reveal,
    };
    let text = match args.format {
        TextFormat::Json => serde_json::to_string_pretty(&report::json(&s, &h, &sum, &found))
            .map_err(|e| format!("cannot write the report: {e}"))?,
        TextFormat::Text => report::text(&s, &h, &sum, &found),
    };
    emit_line(text.trim_end())?;
    Ok(if h.status == Health::Unhealthy {
        EXIT_FAILED
    } else {
        EXIT_OK
    })
}
