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
use super::rules::files as ffiles;
use super::rules::files_excluded as fexcl;
use super::rules::files_perms as fperms;
use super::rules::files_python as fpy;
use super::rules::files_user as fuser;
use super::rules::health;
use super::rules::health_causes as why;
use super::rules::layers_build as build;
use super::rules::layers_files as files;
use super::rules::layers_size as size;
use super::rules::{cache, context as ctx, registry as reg};
use super::rules::{runtime as run, runtime_entry as start};
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

    /// The health facts (present for rules needing `Fact::Health`).
    pub fn health(&self) -> Option<&crate::health::HealthFacts> {
        self.facts.health.get()
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

/// Facts a rule reads when they are there, beyond those it needs (its verdict does not wait
/// for them): a view checks it again when one arrives.
const ALSO_READS: &[(&str, Fact)] = &[
    // A 5xx says so when the database probe failed too.
    ("health.http-5xx", Fact::Database),
];

impl Rule {
    /// Whether `fact` feeds this rule: one it needs, or one it reads when it is there.
    pub fn reads(&self, fact: Fact) -> bool {
        self.needs.contains(&fact)
            || ALSO_READS
                .iter()
                .any(|(id, f)| *id == self.id && *f == fact)
    }
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

use Fact::{
    AppFiles, BuildCache, Container, Context, Database, Env, Health, Layers, Processes, Registry,
    RuntimeUser,
};
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
    // Build cache: the engine's /system/df.
    rule("cache.reclaimable", S::BuildCacheProblems, Warn, &[BuildCache], "Reclaimable build cache within the budget", cache::reclaimable),
    rule("cache.uv-mount", S::CacheUtilization, Warn, &[BuildCache], "Builds keep a dependency cache mount", cache::uv_cache_mount),
    rule("cache.dangling-images", S::BuildCacheProblems, Warn, &[BuildCache], "No dangling images left", cache::dangling_images),
    // Registries: can the daemon reach what the build pulls?
    rule("registry.reachable", S::BuildNetworkIssues, Error, &[Registry], "The daemon reaches every registry the build pulls from", reg::reachable),
    rule("registry.credentials", S::BuildNetworkIssues, Warn, &[Registry], "No registry asks for credentials", reg::credentials),
    rule("registry.image-exists", S::BuildNetworkIssues, Warn, &[Registry], "Every image the build pulls exists", reg::image_exists),
    // Build context: what docker build sends.
    rule("context.dockerignore", S::ExcludedFiles, Warn, &[Context], "The context has a .dockerignore", ctx::dockerignore),
    rule("context.dockerignore-refused", S::ExcludedFiles, Error, &[Context], "Docker accepts the .dockerignore", ctx::refused),
    rule("context.dockerignore-odd", S::ExcludedFiles, Warn, &[Context], "Every .dockerignore pattern means what it looks like", ctx::odd_patterns),
    rule("context.secrets", S::ExcludedFiles, Error, &[Context], "No .env file, key or credentials in the context", ctx::secrets),
    rule("context.excluded-files", S::ExcludedFiles, Warn, &[Context], "No .git, virtual environment, caches or local databases in the context", ctx::excluded_files),
    rule("context.unreadable", S::BuildPermissionErrors, Error, &[Context], "Every file of the context is readable", ctx::unreadable),
    rule("context.size", S::BuildOptimizations, Warn, &[Context], "Build context within its budget", ctx::size),
    // Health: the check, the probes, and why they fail.
    rule("health.none", S::PerformanceFeatures, Warn, &[Health], "A health check is configured", health::none),
    rule("runtime.exited", S::HealthCheckFailures, Error, &[Container], "The container is running", super::rules::runtime_state::exited),
    rule("health.failing", S::HealthCheckFailures, Error, &[Health], "The health check passes", health::failing),
    rule("health.never-probed", S::HealthCheckFailures, Error, &[Health], "The health check runs", super::rules::health_runs::never_probed),
    rule("health.flapping", S::HealthCheckFailures, Warn, &[Health], "Probe results do not alternate", health::flapping),
    rule("health.connection-refused", S::HealthCheckFailures, Error, &[Health], "Something listens where the check connects", why::connection_refused),
    rule("health.http-404", S::HealthCheckFailures, Error, &[Health], "The check asks for a path the app serves", why::not_found),
    rule("health.http-5xx", S::HealthCheckFailures, Error, &[Health], "The app answers the check without a server error", why::server_error),
    rule("health.timeout", S::HealthCheckFailures, Error, &[Health], "Probes finish within the timeout", why::timeout),
    rule("health.tool-missing", S::HealthCheckFailures, Error, &[Health], "The check's tool is in the image", why::tool_missing),
    rule("health.exit-code-2", S::HealthCheckFailures, Warn, &[Health], "The check does not exit with Docker's reserved 2", why::reserved_exit),
    rule("health.shell-missing", S::HealthCheckFailures, Error, &[Health], "CMD-SHELL has a shell to run in", health::shell_missing),
    rule("health.start-interval-ignored", S::HealthCheckFailures, Warn, &[Health], "start_interval comes with a start_period", health::start_interval),
    // Runtime: how the container runs (its configuration and processes; no exec).
    rule("runtime.non-root-user", S::NonRootUser, Warn, &[Container], "The container runs as a non-root user", run::non_root_user),
    rule("runtime.start-script", S::FileStructure, Error, &[Container], "The entrypoint's start.sh is there and executable", start::start_script),
    rule("runtime.restart-policy", S::PerformanceFeatures, Warn, &[Container], "A service restarts after a crash", run::restart_policy),
    rule("runtime.memory-limit", S::PerformanceFeatures, Warn, &[Container], "The container has a memory limit", run::memory_limit),
    rule("runtime.gunicorn-workers", S::PerformanceFeatures, Warn, &[Container, Processes], "Gunicorn's workers fit the CPUs", start::gunicorn_workers),
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
    // Files: the runtime user, the app dir's owners and rights, what .dockerignore missed.
    rule("files.user-root", S::NonRootUser, Error, &[RuntimeUser], "Runs as a non-root user", fuser::user_root),
    rule("files.user-unknown", S::NonRootUser, Error, &[RuntimeUser], "The runtime user exists in /etc/passwd", fuser::user_unknown),
    rule("files.user-uid", S::NonRootUser, Warn, &[RuntimeUser], "The runtime user has the profile's UID and GID", fuser::user_uid),
    rule("files.accounts", S::NonRootUser, Warn, &[RuntimeUser], "/etc/passwd and /etc/group read cleanly", fuser::accounts),
    rule("files.must-write", S::RuntimePermissionErrors, Error, &[RuntimeUser, AppFiles], "The runtime user can write media/, static/, logs/", fperms::must_write),
    rule("files.unreadable", S::RuntimePermissionErrors, Error, &[RuntimeUser, AppFiles], "The runtime user can read the app's files", fperms::unreadable),
    rule("files.start-script", S::RuntimePermissionErrors, Error, &[RuntimeUser, AppFiles], "The runtime user can execute start.sh", fperms::start_script),
    rule("files.owner", S::FilePermissions, Warn, &[RuntimeUser, AppFiles], "Application files owned by the app user", fperms::owner),
    rule("files.world-writable", S::FilePermissions, Warn, &[RuntimeUser, AppFiles], "Nothing writable by everyone", fperms::world_writable),
    rule("files.setuid", S::FilePermissions, Warn, &[RuntimeUser, AppFiles], "No setuid or setgid binaries", fperms::setuid),
    rule("files.secrets", S::ExcludedFiles, Error, &[RuntimeUser, AppFiles], "No .env, keys, credentials or local databases", fexcl::secrets),
    rule("files.clutter", S::ExcludedFiles, Warn, &[RuntimeUser, AppFiles], "No VCS, editor, cache or host-built folders", fexcl::clutter),
    rule("files.venv", S::FileStructure, Warn, &[RuntimeUser, AppFiles], ".venv present and owned by the app user", fpy::venv),
    rule("files.no-bytecode", S::BuildOptimizations, Warn, &[RuntimeUser, AppFiles], ".pyc files present when UV_COMPILE_BYTECODE=1", fpy::no_bytecode),
    rule("files.editable-install", S::BuildOptimizations, Warn, &[RuntimeUser, AppFiles], "No editable installs", fpy::editable),
    rule("files.expect", S::FilePermissions, Error, &[RuntimeUser, AppFiles], "The profile's [[files.expect]] hold", ffiles::expectations),
];

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}
