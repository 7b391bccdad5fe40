//! An image's health check read before any container runs it: does the tool it runs
//! (curl, wget, python…) exist on the image's PATH? A slim image without curl is the
//! guide's classic "the check can never pass", found here at build time, not at 3 a.m.

use super::health::{checked, tools};
use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::diagnose::{Fact, PartState};
use crate::health::config::Test;
use crate::health::recommend::healthcheck_line;
use crate::layers::ImageAnalysis;

/// Docker's PATH when an image sets none.
const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// Words a shell runs itself (nothing to find in the image).
const BUILTINS: &[&str] = &[
    "[", "test", "echo", "exit", "true", "false", "printf", "cd", "read", ":", "kill",
];

/// `health.tool-missing` for an image: the check's first word looked for in its files.
pub fn tool_in_image(i: &Input) -> Verdict {
    let h = match checked(i) {
        Ok(h) => h,
        Err(v) => return v,
    };
    let Some(cfg) = &h.config else {
        return Verdict::NotApplicable("no health check".into());
    };
    match i.facts.state(Fact::Layers) {
        PartState::Pending => return Verdict::Pending(Fact::Layers),
        PartState::Unavailable(why) => {
            return Verdict::Unknown {
                fact: Fact::Layers,
                why: why.to_string(),
            };
        }
        PartState::Ready => {}
    }
    let Some(a) = i.layers() else {
        return Verdict::Pending(Fact::Layers);
    };
    let Some(tool) = tool_of(&cfg.test) else {
        return Verdict::NotApplicable("the check runs nothing docktor can look for".into());
    };
    let path = path_of(a);
    if matches!(cfg.test, Test::Shell(_)) && find(a, "/bin/sh", &path).is_none() {
        return Verdict::NotApplicable(
            "CMD-SHELL has no /bin/sh to start in: health.shell-missing says so".into(),
        );
    }
    if let Some(at) = find(a, &tool, &path) {
        return Verdict::Pass(format!(
            "the check runs {tool}, which the image has at {at}"
        ));
    }
    let found = tools(i, h).ok().flatten();
    let have = match &found {
        Some(t) if t.http_tools().is_empty() => "the image has no curl, wget or python".into(),
        Some(t) => format!("the image has {}", t.http_tools().join(" and ")),
        None => "which tools the image has could not be looked at".to_string(),
    };
    let line = healthcheck_line(
        found.as_ref(),
        i.profile.health_port,
        &i.profile.health_path,
    );
    Verdict::Fail(vec![i.finding()
        .title(format!("The health check runs `{tool}`, which is not in the image"))
        .evidence(format!(
            "HEALTHCHECK {}: `{tool}` is in none of PATH's directories ({path}); {have}. Every probe of every container made from it will fail",
            cfg.command_text()
        ))
        .fix(format!("Slim images often lack curl. Use a tool the image has: {line}"))])
}

/// The program a check runs first: the exec form's first word, or the shell form's first
/// command word (`exec` skipped); `None` for a shell builtin or an empty test.
fn tool_of(test: &Test) -> Option<String> {
    let word = match test {
        Test::Disabled => return None,
        Test::Exec(argv) => argv.first()?.clone(),
        Test::Shell(cmd) => cmd
            .split_whitespace()
            .find(|w| *w != "exec" && !w.contains('='))?
            .to_string(),
    };
    let word = word.trim_matches(|c| c == '"' || c == '\'').to_string();
    (!word.is_empty() && !BUILTINS.contains(&word.as_str())).then_some(word)
}

/// The image's PATH (its config's `PATH=`, else Docker's default).
fn path_of(a: &ImageAnalysis) -> String {
    a.layers
        .env
        .iter()
        .find_map(|e| e.strip_prefix("PATH="))
        .filter(|p| !p.is_empty())
        .unwrap_or(DEFAULT_PATH)
        .to_string()
}

/// Where `tool` is: itself when it names a path, else the first PATH directory holding it.
fn find(a: &ImageAnalysis, tool: &str, path: &str) -> Option<String> {
    if tool.contains('/') {
        return a.exists(tool).then(|| tool.to_string());
    }
    path.split(':')
        .filter(|d| d.starts_with('/'))
        .map(|d| format!("{}/{tool}", d.trim_end_matches('/')))
        .find(|p| a.exists(p))
}

#[cfg(test)]
#[path = "health_image_tests.rs"]
mod tests;
