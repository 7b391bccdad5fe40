//! The one table of rules: a stable id, the guide section, the default severity, the facts a
//! rule needs, what it checks, and the pure function that checks it. The TUI, the Doctor
//! checklist and every headless command run these rules; nothing else decides.
//!
//! A new rule is one row here plus its check (in `rules/`) and its two cases (`cases.rs`:
//! one where it fires, one where it stays quiet); the README lists every id.

use super::facts::{Fact, Facts};
use super::finding::{Finding, Severity};
use super::rules::env as envr;
use super::rules::env_db;
use super::rules::env_image as baked;
use super::rules::env_prod as prod;
use super::rules::layers_build as build;
use super::rules::layers_files as files;
use super::rules::layers_size as size;
use super::section::Section;
use super::verdict::Verdict;
use crate::profile::Profile;

/// What a rule's check gets: the facts, the profile, and the rule itself (for findings).
pub struct Input<'a> {
    pub facts: &'a Facts,
    pub profile: &'a Profile,
    pub rule: &'static Rule,
}

impl Input<'_> {
    /// A finding of this rule (its id, default severity and section) to fill in.
    pub fn finding(&self) -> Finding {
        Finding::new(self.rule.id, self.rule.severity, self.rule.section)
    }

    /// The image analysis (the engine checks `needs` first, so a rule needing
    /// `Fact::Layers` always finds it).
    pub fn layers(&self) -> Option<&crate::layers::ImageAnalysis> {
        self.facts.layers.get().map(|a| a.as_ref())
    }

    /// The container's environment (present when the rule needs `Fact::Env`).
    pub fn env(&self) -> Option<&crate::envcheck::EnvFacts> {
        self.facts.env.get()
    }

    /// The database probe (present when the rule needs `Fact::Database`).
    pub fn database(&self) -> Option<&crate::envcheck::DbFacts> {
        self.facts.database.get()
    }
}

pub type Check = fn(&Input) -> Verdict;

pub struct Rule {
    /// Stable across releases: scripts, `--fail-on`, suppressions and SARIF match on it.
    pub id: &'static str,
    pub section: Section,
    pub severity: Severity,
    pub needs: &'static [Fact],
    /// What the rule checks, as a checklist line ("No build tools in the final image").
    pub checks: &'static str,
    pub check: Check,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("id", &self.id).finish()
    }
}

const fn rule(
    id: &'static str,
    section: Section,
    severity: Severity,
    needs: &'static [Fact],
    checks: &'static str,
    check: Check,
) -> Rule {
    Rule {
        id,
        section,
        severity,
        needs,
        checks,
        check,
    }
}

use Fact::{Database, Env, Layers};
use Section as S;
use Severity::{Error, Warn};

#[rustfmt::skip]
pub static RULES: &[Rule] = &[
    // Layers and sizes: the image's files, layer by layer.
    rule("layers.build-tools", S::MultiStageBuild, Warn, &[Layers], "No build tools in the final image", files::build_tools),
    rule("layers.dev-dependencies", S::SecurityEnhancements, Warn, &[Layers], "No development dependencies installed", files::dev_dependencies),
    rule("layers.package-cache", S::BuildOptimizations, Warn, &[Layers], "No package-manager caches in the layers", build::package_cache),
    rule("layers.no-bytecode", S::BuildOptimizations, Warn, &[Layers], "Bytecode compiled when UV_COMPILE_BYTECODE=1", files::bytecode),
    rule("layers.env-file", S::ExcludedFiles, Error, &[Layers], "No .env file in the image", files::env_file),
    rule("layers.git-dir", S::ExcludedFiles, Warn, &[Layers], "No .git directory in the image", files::git_dir),
    rule("layers.source-before-deps", S::DependencyLayerSeparation, Warn, &[Layers], "Dependencies installed before the source is copied", build::source_before_deps),
    rule("layers.chown-copy", S::LayerOptimization, Warn, &[Layers], "No recursive chown/chmod copying files again", build::chown_copy),
    rule("layers.wasted", S::LayerOptimization, Warn, &[Layers], "Little space wasted on file copies", size::wasted),
    rule("layers.size-budget", S::ImageSizeComparison, Warn, &[Layers], "Image within the size budget", size::size_budget),
    // CI gates (thresholds from the profile's [layers] table or the command line).
    rule("layers.min-efficiency", S::LayerOptimization, Error, &[Layers], "Efficiency at or above the gate", size::min_efficiency),
    rule("layers.max-wasted", S::LayerOptimization, Error, &[Layers], "Wasted bytes at or below the gate", size::max_wasted),
    // Environment: the container's variables against the app's spec, schema and the guide.
    rule("env.spec-lint", S::EnvironmentVariables, Warn, &[Env], "The env spec file is clean as dotenv-linter checks it", envr::spec_lint),
    rule("env.required", S::EnvironmentVariables, Error, &[Env], "Every required variable is set", envr::required),
    rule("env.empty", S::EnvironmentVariables, Warn, &[Env], "No expected variable is empty", envr::empty),
    rule("env.spec-missing", S::EnvironmentVariables, Warn, &[Env], "Every variable of the spec is set in the container", envr::spec_missing),
    rule("env.typo", S::EnvironmentVariables, Warn, &[Env], "No misspelt variable names", envr::typos),
    rule("env.type", S::EnvironmentVariables, Error, &[Env], "Values have their type (schema, ports, hosts, lists)", envr::types),
    rule("env.secret-key", S::EnvironmentVariables, Error, &[Env], "SECRET_KEY is strong (Django W009)", prod::secret_key),
    rule("env.debug", S::EnvironmentVariables, Error, &[Env], "DEBUG is off (Django W018)", prod::debug),
    rule("env.allowed-hosts", S::EnvironmentVariables, Warn, &[Env], "ALLOWED_HOSTS names the hosts (Django W020, no *)", prod::allowed_hosts),
    rule("env.cors-open", S::EnvironmentVariables, Warn, &[Env], "CORS is not open to every origin", prod::cors_open),
    rule("env.superuser-password", S::EnvironmentVariables, Error, &[Env], "The superuser's password is not guessable", prod::superuser_password),
    rule("env.baked-env", S::SecurityEnhancements, Error, &[Env], "No secret set by ENV in the image", baked::env_secrets),
    rule("env.baked-build-arg", S::SecurityEnhancements, Error, &[Env], "No secret build argument in the image history", baked::build_arg_secrets),
    rule("env.database", S::DatabaseConnection, Error, &[Database], "The database answers from where the app runs", env_db::reachable),
];

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}
