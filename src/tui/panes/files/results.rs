//! What the Files tab does with its jobs' results: batches grow the tree, the end of the
//! walk finishes it (mounts marked), the outside paths complete it and start the rules,
//! the rules' results flag entries.

use std::any::Any;
use std::sync::Arc;

use super::job;
use super::state::{FilesState, Phase};
use crate::tui::msg::Effect;

/// Moves the grown tree into the finished walk (marking mounts); the outside paths come
/// later, or never (a cancelled walk).
pub(super) fn finish_tree(
    st: &mut FilesState,
    meta: Option<crate::files::gather::WalkMeta>,
    why: Option<String>,
) {
    let Some(mut tree) = st.take_tree() else {
        return;
    };
    let runtime = st.runtime.clone();
    let missing = runtime
        .as_ref()
        .map(|r| crate::files::mounts::mark(&mut tree, &r.mounts))
        .unwrap_or_default();
    let via = meta.as_ref().map_or(crate::files::Via::Archive, |m| m.via);
    let mut w = crate::files::Walked::new(tree, via);
    if let Some(m) = meta {
        w.incomplete = m.incomplete;
        w.missing_mounts = m.missing_mounts;
        st.via = Some(m.via);
        st.fallback = m.fallback;
    }
    w.missing_mounts.extend(missing);
    if let Some(why) = why {
        w.incomplete = Some(why);
    }
    st.set_walked(Arc::new(w));
    st.refresh();
}

/// One result of the tab's jobs.
pub(super) fn on_result(st: &mut FilesState, result: Box<dyn Any + Send>) -> Vec<Effect> {
    let result = match result.downcast::<job::Batch>() {
        Ok(b) => {
            if st.phase == Phase::Walking || st.phase == Phase::Preparing {
                let job::Batch(entries, progress) = *b;
                st.add(entries, progress);
                st.refresh();
            }
            return Vec::new();
        }
        Err(r) => r,
    };
    let result = match result.downcast::<job::Prepared>() {
        Ok(p) => {
            match p.0 {
                Ok((runtime, path)) => st.prepared(runtime, path),
                Err(e) => st.phase = Phase::Failed(e),
            }
            st.refresh();
            return Vec::new();
        }
        Err(r) => r,
    };
    let result = match result.downcast::<job::WalkEnded>() {
        Ok(w) => {
            match w.0 {
                Ok(meta) => {
                    st.phase = Phase::Checking;
                    finish_tree(st, Some(meta), None);
                }
                Err(e) => {
                    st.phase = Phase::Failed(e);
                    finish_tree(st, None, None);
                }
            }
            return Vec::new();
        }
        Err(r) => r,
    };
    let result = match result.downcast::<job::OutsideRead>() {
        Ok(o) => {
            let (Some(runtime), Some(walked)) = (st.runtime.clone(), st.walked.take()) else {
                return Vec::new();
            };
            let job::OutsideRead(outside, reach) = *o;
            let mut w = Arc::try_unwrap(walked).unwrap_or_else(|a| (*a).clone());
            w.outside = outside;
            w.reach_root = reach;
            let w = Arc::new(w);
            st.set_walked(w.clone());
            st.refresh();
            return vec![Effect::job(job::Check {
                container: st.container.clone(),
                runtime,
                walked: w,
            })];
        }
        Err(r) => r,
    };
    if let Ok(c) = result.downcast::<job::CheckedAll>() {
        let job::CheckedAll(outcomes, findings, expectations) = *c;
        st.set_checked(outcomes, findings, expectations);
        st.refresh();
    }
    Vec::new()
}
