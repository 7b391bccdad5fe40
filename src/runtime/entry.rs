//! The guide's `start.sh` entrypoint (File Structure in Container: `/app/start.sh`): which
//! script the entrypoint and command run, how (executed, so it needs an executable bit, or
//! read by a shell), and what the archive endpoint found at its path.

use serde::Serialize;

use crate::model::archive::{FileKind, PathStat};

/// The script's base name the guide uses.
pub const SCRIPT: &str = "start.sh";

/// How the script is started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScriptRun {
    /// It is the program (`ENTRYPOINT ["/app/start.sh"]`, `sh -c "./start.sh"`): the kernel
    /// executes it, so it needs an executable bit and a `#!` line.
    Executed,
    /// A shell reads it (`sh /app/start.sh`): it only needs to be readable.
    ReadByShell,
}

/// The script as the entrypoint names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryScript {
    /// Absolute, resolved against the working directory.
    pub path: String,
    /// As written in the entrypoint or command.
    pub written: String,
    pub run: ScriptRun,
    /// The whole command line, for evidence.
    pub command: String,
}

/// What the archive endpoint said of the script's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScriptLookup {
    Found(PathStat),
    Missing,
    /// It could not be asked (why).
    Failed(String),
}

const SHELLS: [&str; 5] = ["sh", "bash", "dash", "ash", "zsh"];

fn base(p: &str) -> &str {
    p.rsplit('/').next().unwrap_or(p)
}

fn absolute(written: &str, working_dir: &str) -> String {
    let w = written.strip_prefix("./").unwrap_or(written);
    if w.starts_with('/') {
        return w.to_string();
    }
    format!("{}/{w}", working_dir.trim_end_matches('/'))
}

/// The `start.sh` that `entrypoint` + `cmd` run, if any.
pub fn find(entrypoint: &[String], cmd: &[String], working_dir: &str) -> Option<EntryScript> {
    let argv: Vec<&str> = entrypoint.iter().chain(cmd).map(String::as_str).collect();
    let command = argv.join(" ");
    let hit = |written: &str, run| EntryScript {
        path: absolute(written, working_dir),
        written: written.to_string(),
        run,
        command: command.clone(),
    };
    let first = *argv.first()?;
    if base(first) == SCRIPT {
        return Some(hit(first, ScriptRun::Executed));
    }
    if !SHELLS.contains(&base(first)) {
        return None;
    }
    // A shell: `sh -c "exec ./start.sh"` runs the first word of the string; `sh start.sh`
    // reads the script.
    let mut rest = argv[1..].iter();
    while let Some(a) = rest.next() {
        if *a == "-c" {
            let line = rest.next()?;
            let word = line
                .split(|c: char| c.is_whitespace() || c == ';' || c == '&')
                .find(|w| !w.is_empty() && !matches!(*w, "exec" | "set" | "-e" | "-eu"))?;
            return (base(word) == SCRIPT).then(|| hit(word, ScriptRun::Executed));
        }
        if a.starts_with('-') {
            continue;
        }
        return (base(a) == SCRIPT).then(|| hit(a, ScriptRun::ReadByShell));
    }
    None
}

/// What is wrong with the script found at its path, if anything.
pub fn problem(script: &EntryScript, stat: &PathStat) -> Option<String> {
    match stat.kind {
        FileKind::File => {}
        FileKind::Symlink => return None, // the daemon's stat of a link: judged by its target
        k => {
            return Some(format!(
                "{} is not a file but a {}",
                script.path,
                match k {
                    FileKind::Dir => "directory",
                    _ => "special file",
                }
            ));
        }
    }
    if script.run == ScriptRun::Executed && stat.mode & 0o111 == 0 {
        return Some(format!(
            "{} is not executable ({})",
            script.path,
            stat.mode_string()
        ));
    }
    if stat.mode & 0o444 == 0 {
        return Some(format!(
            "{} is not readable ({})",
            script.path,
            stat.mode_string()
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_script_is_found_however_it_is_started() {
        let s = find(&v(&["/app/start.sh"]), &[], "/app").unwrap();
        assert_eq!(
            (s.path.as_str(), s.run),
            ("/app/start.sh", ScriptRun::Executed)
        );
        let s = find(&[], &v(&["./start.sh"]), "/app/").unwrap();
        assert_eq!(s.path, "/app/start.sh");
        let s = find(&v(&["sh", "-c", "exec ./start.sh --migrate"]), &[], "/srv").unwrap();
        assert_eq!(
            (s.path.as_str(), s.run),
            ("/srv/start.sh", ScriptRun::Executed)
        );
        let s = find(&v(&["/bin/bash", "-e", "start.sh"]), &[], "/").unwrap();
        assert_eq!(
            (s.path.as_str(), s.run),
            ("/start.sh", ScriptRun::ReadByShell)
        );
        assert_eq!(find(&v(&["gunicorn", "app.wsgi"]), &[], "/app"), None);
        assert_eq!(find(&v(&["sh", "-c", "gunicorn app"]), &[], "/app"), None);
        assert_eq!(find(&[], &[], "/"), None);
    }

    #[test]
    fn problems_name_the_mode() {
        let s = find(&v(&["/app/start.sh"]), &[], "/").unwrap();
        let stat = |kind, mode| PathStat {
            name: "start.sh".into(),
            size: 10,
            kind,
            mode: kind.unix_bits() | mode,
            mtime: None,
            link_target: String::new(),
        };
        assert_eq!(problem(&s, &stat(FileKind::File, 0o755)), None);
        let p = problem(&s, &stat(FileKind::File, 0o644)).unwrap();
        assert!(p.contains("not executable (-rw-r--r--)"), "{p}");
        assert!(
            problem(&s, &stat(FileKind::Dir, 0o755))
                .unwrap()
                .contains("directory")
        );
        let read = find(&v(&["sh", "/app/start.sh"]), &[], "/").unwrap();
        assert_eq!(problem(&read, &stat(FileKind::File, 0o644)), None);
    }
}
