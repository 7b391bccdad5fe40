//! The one way facts are gathered for a subject (a container, an image, a build context):
//! one async function per area, `<area>::gather(engine, subject, profile, cancel)`, used
//! alike by the Doctor view (each as a job), `docktor check` (all at once) and the tabs
//! and commands of each area. A gatherer returns a [`Gathered`]: which fact, and a closure
//! that stores its `Part` in `Facts` — so no central enum grows when an area is added.
//! A fact that cannot be gathered is `Part::Unavailable(why)`, never an error that stops
//! the others.
//!
//! The gatherers of a subject are listed in [`for_subject`], one line per area, quick ones
//! first. Adding an area: a file here and one line in each list it belongs to.

pub mod build_cache;
pub mod container;
pub mod context;
pub mod database;
pub mod env;
pub mod files;
pub mod health;
pub mod layers;
pub mod processes;
pub mod registry;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use futures_util::future::BoxFuture;
use futures_util::stream::{FuturesUnordered, Stream};

use crate::diagnose::{Fact, Facts, Outcome, Part, Subject, Verdict};
use crate::engine::Engine;
use crate::profile::Profile;

/// What a gatherer may do. Cancelled when the gathering is no longer wanted (the Doctor
/// left, Ctrl-C): async work also stops at its next await when its task is aborted; blocking
/// work polls [`Cancel::flag`]. Read-only (`--read-only`): no gatherer changes anything — no
/// exec, no helper container — and what would need it is unavailable, saying so.
#[derive(Debug, Clone, Default)]
pub struct Cancel {
    flag: Arc<AtomicBool>,
    read_only: bool,
}

impl Cancel {
    /// A cancel that follows `flag` (e.g. a TUI job's).
    pub fn from_flag(flag: Arc<AtomicBool>) -> Cancel {
        Cancel {
            flag,
            read_only: false,
        }
    }

    /// The same, forbidding changes when `read_only`.
    pub fn read_only(mut self, read_only: bool) -> Cancel {
        self.read_only = read_only;
        self
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn cancel(&self) {
        self.flag.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.flag.load(Ordering::Relaxed)
    }

    pub fn flag(&self) -> Arc<AtomicBool> {
        self.flag.clone()
    }
}

/// What one gatherer found: the fact, and how to store it.
pub struct Gathered {
    pub fact: Fact,
    /// Stores the `Part` (ready or unavailable) in `Facts`.
    pub apply: Box<dyn FnOnce(&mut Facts) + Send>,
    /// Ready (`None`) or why not (`Some`): for reports, without applying.
    pub unavailable: Option<String>,
    /// How long it took (set by whoever ran it).
    pub took: Duration,
}

impl Gathered {
    /// `part` for the field `field` of `Facts`.
    pub fn part<T: Send + 'static>(
        fact: Fact,
        field: fn(&mut Facts) -> &mut Part<T>,
        part: Part<T>,
    ) -> Gathered {
        let unavailable = match &part {
            Part::Unavailable(why) => Some(why.clone()),
            _ => None,
        };
        Gathered {
            fact,
            apply: Box::new(move |f| *field(f) = part),
            unavailable,
            took: Duration::ZERO,
        }
    }

    fn timed(mut self, since: Instant) -> Gathered {
        self.took = since.elapsed();
        self
    }
}

impl std::fmt::Debug for Gathered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gathered")
            .field("fact", &self.fact)
            .field("unavailable", &self.unavailable)
            .field("took", &self.took)
            .finish()
    }
}

/// A gatherer as a function pointer.
pub type Run =
    for<'a> fn(&'a Engine, &'a Subject, &'a Profile, &'a Cancel) -> BoxFuture<'a, Gathered>;

/// One area's gatherer.
#[derive(Clone, Copy)]
pub struct Gatherer {
    pub fact: Fact,
    /// Short name for job keys and reports: `container`, `layers`…
    pub area: &'static str,
    pub run: Run,
}

macro_rules! gatherer {
    ($fact:expr, $area:ident :: $f:ident) => {
        Gatherer {
            fact: $fact,
            area: stringify!($f),
            run: |e, s, p, c| Box::pin($area::$f(e, s, p, c)),
        }
    };
    ($fact:expr, $area:ident) => {
        Gatherer {
            fact: $fact,
            area: stringify!($area),
            run: |e, s, p, c| Box::pin($area::gather(e, s, p, c)),
        }
    };
}

/// A container's gatherers, quick ones first.
static CONTAINER: &[Gatherer] = &[
    gatherer!(Fact::Container, container),
    gatherer!(Fact::Processes, processes),
    gatherer!(Fact::Health, health),
    gatherer!(Fact::Env, env),
    gatherer!(Fact::RuntimeUser, files::runtime_user),
    gatherer!(Fact::Registry, registry),
    gatherer!(Fact::BuildCache, build_cache),
    gatherer!(Fact::Database, database),
    gatherer!(Fact::Layers, layers),
    gatherer!(Fact::AppFiles, files),
];

/// An image's gatherers (it has no processes or database of its own; its environment is
/// its config's ENV).
static IMAGE: &[Gatherer] = &[
    gatherer!(Fact::Container, container),
    gatherer!(Fact::Health, health),
    gatherer!(Fact::Env, env),
    gatherer!(Fact::RuntimeUser, files::runtime_user),
    gatherer!(Fact::Registry, registry),
    gatherer!(Fact::BuildCache, build_cache),
    gatherer!(Fact::Layers, layers),
    gatherer!(Fact::AppFiles, files),
];

/// A build context's gatherers.
static CONTEXT: &[Gatherer] = &[
    gatherer!(Fact::Context, context),
    gatherer!(Fact::Registry, registry),
    gatherer!(Fact::BuildCache, build_cache),
];

/// The engine as a whole (`docktor cache`): its build cache and disk.
static ENGINE: &[Gatherer] = &[gatherer!(Fact::BuildCache, build_cache)];

/// The gatherers for `subject`, quick ones first.
pub fn for_subject(subject: &Subject) -> &'static [Gatherer] {
    match subject {
        Subject::Container { .. } => CONTAINER,
        Subject::Image { .. } => IMAGE,
        Subject::Context { .. } => CONTEXT,
        Subject::Engine { .. } => ENGINE,
    }
}

/// Runs `g`, timing it.
pub async fn run_one(
    g: &Gatherer,
    engine: &Engine,
    subject: &Subject,
    profile: &Profile,
    cancel: &Cancel,
) -> Gathered {
    let since = Instant::now();
    (g.run)(engine, subject, profile, cancel).await.timed(since)
}

/// Every gatherer of `subject` at once; each result as soon as it is there.
pub fn gather_all<'a>(
    engine: &'a Engine,
    subject: &'a Subject,
    profile: &'a Profile,
    cancel: &'a Cancel,
) -> impl Stream<Item = Gathered> + 'a {
    for_subject(subject)
        .iter()
        .map(|g| run_one(g, engine, subject, profile, cancel))
        .collect::<FuturesUnordered<_>>()
}

/// Does `fact` describe `subject` at all? A build context has no container, processes or
/// layers yet; an image no processes or database connection of a container (its
/// environment is its config's ENV); a container or an image no build context.
pub fn belongs(fact: Fact, subject: &Subject) -> bool {
    match subject {
        Subject::Context { .. } => {
            matches!(fact, Fact::Context | Fact::Registry | Fact::BuildCache)
        }
        Subject::Image { .. } => !matches!(fact, Fact::Context | Fact::Processes | Fact::Database),
        Subject::Container { .. } => fact != Fact::Context,
        Subject::Engine { .. } => fact == Fact::BuildCache,
    }
}

/// Verdicts still pending on a fact nobody gathers for this subject are settled: not
/// applicable when the fact does not describe the subject, else unknown with why (an area
/// whose gatherer is not written yet).
pub fn settle(outcomes: &mut [Outcome], subject: &Subject) {
    let gathered: Vec<Fact> = for_subject(subject).iter().map(|g| g.fact).collect();
    let what = match subject {
        Subject::Container { .. } => "a container",
        Subject::Image { .. } => "an image",
        Subject::Context { .. } => "a build context",
        Subject::Engine { .. } => "the engine",
    };
    for o in outcomes {
        let Verdict::Pending(fact) = o.verdict else {
            continue;
        };
        if gathered.contains(&fact) {
            continue;
        }
        o.verdict = if belongs(fact, subject) {
            Verdict::Unknown {
                fact,
                why: format!("this docktor does not gather it for {what} yet"),
            }
        } else {
            Verdict::NotApplicable(format!(
                "{what} has no {}",
                fact.describe().trim_start_matches("the ")
            ))
        };
    }
}
