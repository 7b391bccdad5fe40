//! `docktor files CONTAINER|IMAGE [--path P] [--via auto|archive|local] [--format text|json]
//! [--list] [--fail-on info|warn|error] [--image]`: the files of a container or an image,
//! read without exec, checked by the `files.*` rules. Exit 1 on a finding at or above
//! `--fail-on`, 2 when the files cannot be read (or were read only in part).

use std::io::{IsTerminal, Write};

use super::{EXIT_CANNOT_RUN, EXIT_CLOSED_PIPE, EXIT_FAILED, EXIT_OK, connect, note};
use crate::cli::{Cli, FilesArgs, FilesVia, TextFormat};
use crate::diagnose::{self, Facts, Part, Subject};
use crate::engine::Engine;
use crate::files::engine_source::EngineSource;
use crate::files::expect::check;
use crate::files::gather::{ViaChoice, collect};
use crate::files::walk::Control;
use crate::profile::Profile;
use crate::report::files::{FilesView, write_json, write_text};

/// Reports progress every this many entries, when stderr is a terminal.
const PROGRESS_EVERY: u64 = 4096;

pub async fn run(cli: &Cli, args: &FilesArgs, profile: &Profile) -> Result<u8, String> {
    let engine = connect(cli).await.map_err(|e| e.to_string())?;
    let (src, kind) = open(&engine, args).await?;
    let path = args.path.clone().unwrap_or_else(|| profile.app_dir.clone());
    let via = match args.via {
        FilesVia::Auto => ViaChoice::Auto,
        FilesVia::Archive => ViaChoice::Archive,
        FilesVia::Local => ViaChoice::Local,
    };
    let expect = profile.files.expect.clone();
    let shown = path.clone();
    let gathered = tokio::task::spawn_blocking(move || {
        let tty = std::io::stderr().is_terminal();
        let mut n = 0u64;
        let r = collect(&src, &path, via, &expect, &Control::new(), &mut |_| {
            n += 1;
            if tty && n.is_multiple_of(PROGRESS_EVERY) {
                let _ = write!(
                    std::io::stderr().lock(),
                    "\r\x1b[Kreading {path}: {n} entries"
                );
            }
        });
        if tty {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[K");
        }
        (src, r)
    })
    .await
    .map_err(|e| format!("reading {shown} stopped: {e}"))?;
    let (src, gathered) = gathered;
    src.close().await; // an image's helper container goes now, whatever happened
    let gathered = gathered.map_err(|e| e.to_string())?;
    let (runtime, walked) = (
        std::sync::Arc::new(gathered.0),
        std::sync::Arc::new(gathered.1),
    );
    let mut facts = Facts::new(Subject::Container {
        id: args.target.clone(),
        name: args.target.clone(),
    });
    if kind == "image" {
        facts.subject = Subject::Image {
            reference: args.target.clone(),
        };
    }
    facts.runtime_user = Part::Ready(runtime.clone());
    facts.app_files = Part::Ready(walked.clone());
    let outcomes = diagnose::evaluate(&facts, profile, |r| r.id.starts_with("files."));
    let findings = diagnose::findings(&outcomes);
    let expectations: Vec<_> = profile
        .files
        .expect
        .iter()
        .map(|e| check(e, &walked))
        .collect();
    let view = FilesView {
        target: &args.target,
        kind,
        runtime: &runtime,
        walked: &walked,
        outcomes: &outcomes,
        findings: &findings,
        expectations: &expectations,
    };
    let mut out = Stdout(std::io::stdout().lock());
    let written = match args.format {
        TextFormat::Json => write_json(&mut out, &view, args.list),
        TextFormat::Text => write_text(&mut out, &view, args.list),
    };
    written
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write the output: {e}"))?;
    if let Some(why) = &walked.incomplete {
        note(&format!(
            "docktor: {} of {} was read only in part: {why}",
            shown, args.target
        ));
        return Ok(EXIT_CANNOT_RUN);
    }
    let failed = findings
        .iter()
        .any(|f| f.severity >= args.fail_on.severity());
    Ok(if failed { EXIT_FAILED } else { EXIT_OK })
}

/// The source of the target's files: a container, or an image through a helper.
async fn open(engine: &Engine, args: &FilesArgs) -> Result<(EngineSource, &'static str), String> {
    if !args.image {
        match engine.container_details(&args.target).await {
            Ok(_) => return Ok((EngineSource::container(engine, &args.target), "container")),
            Err(e) if e.is_not_found() => {}
            Err(e) => return Err(e.to_string()),
        }
    }
    match engine.image_config(&args.target).await {
        Ok(_) => EngineSource::image(engine, &args.target)
            .await
            .map(|s| (s, "image"))
            .map_err(|e| e.to_string()),
        Err(e) if e.is_not_found() => Err(format!(
            "no container or image named {} on {}: check the name (`docktor ps --all`, `docker images`)",
            args.target, engine.info.uri
        )),
        Err(e) => Err(e.to_string()),
    }
}

/// Standard output where a reader that went away ends the process quietly (141), as for
/// every headless command.
struct Stdout<W: Write>(W);

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.0.write(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                std::process::exit(EXIT_CLOSED_PIPE)
            }
            r => r,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.0.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                std::process::exit(EXIT_CLOSED_PIPE)
            }
            r => r,
        }
    }
}
