//! The Files tab: the tree under the app dir (the profile's `app_dir`, `/app` by default;
//! `p` for any other path, `p ~` back) read without exec through the archive endpoint, or the
//! local overlay2 layers when the engine is on this machine; owner and group names from the
//! container's own `/etc/passwd` and `/etc/group`, modes, sizes summed per folder, symlink
//! targets, mount points, and what the runtime user can read, write and enter. Entries show
//! as they stream in (`Esc` cancels); then the files rules flag what is wrong.

pub mod job;
mod keys;
pub mod state;
mod view;

mod detail;
mod results;

use std::any::Any;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::tui::jobs::Ticket;
use crate::tui::keys::{Act, Avail, KeySection};
use crate::tui::msg::Effect;
use crate::tui::pane::{Env, Handled, Pane, Subject};
use crate::tui::widgets::text_input::{TextInput, Typed};
pub use keys::KEYS;
use state::{FilesState, Phase, Side};

#[derive(Default)]
pub struct Files {
    st: Option<FilesState>,
    /// The container shown (kept to restart on another path).
    container: Option<String>,
}

impl Files {
    pub fn boxed() -> Box<dyn Pane> {
        Box::new(Files::default())
    }

    pub fn state(&self) -> Option<&FilesState> {
        self.st.as_ref()
    }

    /// Starts walking `path` (`None`: the profile's app dir) of the current container,
    /// cancelling a walk under way.
    fn walk(&mut self, path: Option<String>) -> Vec<Effect> {
        let Some(c) = self.container.clone() else {
            return Vec::new();
        };
        let mut fx = Vec::new();
        if self.st.as_ref().is_some_and(FilesState::running) {
            fx.push(Effect::Cancel(job::key(&c)));
        }
        let mut st = FilesState::new(c.clone(), path.clone());
        st.refresh();
        self.st = Some(st);
        fx.push(Effect::job(job::Gather { container: c, path }));
        fx
    }

    fn cancel(&mut self) -> Vec<Effect> {
        let Some(st) = self.st.as_mut().filter(|s| s.running()) else {
            return Vec::new();
        };
        st.phase = Phase::Cancelled;
        results::finish_tree(st, None, Some("cancelled".into()));
        vec![
            Effect::Cancel(job::key(&st.container)),
            Effect::info("files walk cancelled"),
        ]
    }
}

impl Pane for Files {
    fn title(&self) -> &str {
        "Files"
    }

    fn keys(&self) -> &'static KeySection {
        &KEYS
    }

    fn available(&self, act: Act, _env: &Env) -> Avail {
        let Some(st) = &self.st else {
            return Avail::not("no container");
        };
        match act {
            keys::FINDINGS | keys::FLAGGED if st.phase != Phase::Done => {
                Avail::not("the rules run once the walk is done")
            }
            _ => Avail::Ready,
        }
    }

    fn on_open(&mut self, subject: &Subject, env: &Env) -> Vec<Effect> {
        let Subject::Container(id) = subject else {
            return Vec::new();
        };
        if env.container(id).is_none() {
            return Vec::new();
        }
        if self.container.as_deref() == Some(id.as_str())
            && self
                .st
                .as_ref()
                .is_some_and(|s| s.phase != Phase::Cancelled)
        {
            return Vec::new();
        }
        self.container = Some(id.clone());
        self.walk(None)
    }

    fn on_act(&mut self, act: Act, env: &Env) -> Handled {
        if act == Act::Back {
            return Handled::if_any(self.cancel());
        }
        let Some(st) = self.st.as_mut() else {
            return Handled::No;
        };
        let page = env.page.max(1) as isize;
        match (act, st.side) {
            (Act::Up, Side::Findings) => st.finding_sel = st.finding_sel.saturating_sub(1),
            (Act::Down, Side::Findings) => {
                st.finding_sel = (st.finding_sel + 1).min(st.findings.len().saturating_sub(1))
            }
            (Act::Up, _) => st.step(-1),
            (Act::Down, _) => st.step(1),
            (Act::PageUp, _) => st.step(-page),
            (Act::PageDown, _) => st.step(page),
            (Act::Top, _) => st.step(isize::MIN / 2),
            (Act::Bottom, _) => st.step(isize::MAX / 2),
            (keys::FOLD, Side::Findings) => {
                let target = st
                    .findings
                    .get(st.finding_sel)
                    .and_then(|f| f.paths.first().cloned());
                let id = target.and_then(|p| st.tree()?.find(p.as_bytes()));
                st.side = Side::Detail;
                if let Some(id) = id {
                    st.reveal(id);
                }
            }
            (keys::FOLD, _) => st.toggle_fold(),
            (Act::Sort, _) => {
                st.outline.sort = st.outline.sort.next();
                st.refresh();
            }
            (Act::Filter, _) => st.filter.start(),
            (keys::FLAGGED, _) => {
                st.only_flagged = !st.only_flagged;
                st.sel = 0;
                st.refresh();
            }
            (keys::FINDINGS, _) => {
                st.side = if st.side == Side::Findings {
                    Side::Detail
                } else {
                    Side::Findings
                };
            }
            (keys::GOTO, _) => st.goto.start_empty(),
            _ => return Handled::No,
        }
        Handled::done()
    }

    fn typing(&self) -> Option<&TextInput> {
        let st = self.st.as_ref()?;
        [&st.goto, &st.filter].into_iter().find(|i| i.active())
    }

    fn on_typed(&mut self, key: &KeyEvent, _env: &Env) -> Vec<Effect> {
        let Some(st) = self.st.as_mut() else {
            return Vec::new();
        };
        if st.goto.active() {
            if st.goto.on_key(key) == Typed::Kept {
                let raw = st.goto.text().trim().to_string();
                st.goto.clear();
                let path = match raw.as_str() {
                    "" => return Vec::new(),
                    "~" => None,
                    p if p.starts_with('/') => Some(p.to_string()),
                    p => Some(format!("{}/{p}", st.path.trim_end_matches('/'))),
                };
                return self.walk(path);
            }
            return Vec::new();
        }
        if st.filter.on_key(key) != Typed::Ignored {
            st.sel = 0;
            st.refresh();
        }
        Vec::new()
    }

    fn on_done(&mut self, _ticket: Ticket, result: Box<dyn Any + Send>, _env: &Env) -> Vec<Effect> {
        let Some(st) = self.st.as_mut() else {
            return Vec::new();
        };
        results::on_result(st, result)
    }

    fn container(&self, _env: &Env) -> Option<String> {
        self.container.clone()
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) -> usize {
        match &self.st {
            Some(st) => view::draw(f, area, st, env.theme),
            None => 1,
        }
    }
}

#[cfg(test)]
mod tests;
