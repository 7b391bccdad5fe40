//! The container list pane on its own.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::List;
use crate::model::State;
use crate::tui::keys::Act;
use crate::tui::msg::describe;
use crate::tui::pane::testing::{Fixture, container};
use crate::tui::pane::{Handled, Notice, Pane};

fn fixture() -> Fixture {
    Fixture::new(vec![
        container("aaa1", "alpha", State::Running),
        container("bbb2", "beta", State::Exited),
        container("ccc3", "gamma", State::Running),
    ])
}

fn act(l: &mut List, a: Act, f: &Fixture) -> Vec<String> {
    match l.on_act(a, &f.env()) {
        Handled::Yes(fx) => describe(&fx),
        Handled::No => vec!["not handled".into()],
    }
}

#[test]
fn filters_by_name_image_or_id_prefix() {
    let f = fixture();
    let mut l = List::new();
    act(&mut l, Act::Filter, &f);
    assert!(l.typing().is_some());
    for c in "CC".chars() {
        l.on_typed(
            &KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            &f.env(),
        );
    }
    let names: Vec<_> = l.visible(&f.containers).iter().map(|c| &c.name).collect();
    assert_eq!(names, ["gamma"], "ID prefix, whatever the case");
    l.on_typed(&KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE), &f.env());
    assert_eq!(l.visible(&f.containers).len(), 3);
}

#[test]
fn opens_the_selected_container_and_follows_it() {
    let mut f = fixture();
    let mut l = List::new();
    act(&mut l, Act::Bottom, &f);
    assert_eq!(act(&mut l, Act::Open, &f), ["open container ccc3"]);
    assert_eq!(l.container(&f.env()).as_deref(), Some("ccc3"));
    f.containers
        .insert(0, container("ddd4", "aardvark", State::Running));
    l.on_notice(Notice::Containers, &f.env());
    assert_eq!(l.container(&f.env()).as_deref(), Some("ccc3"));
    // Running only: the exited one goes, the selection starts over.
    act(&mut l, super::keys::ALL, &f);
    assert_eq!(l.visible(&f.containers).len(), 3);
    assert_eq!(l.selected_index(), 0);
}

#[test]
fn back_only_clears_the_filter_and_images_opens_a_screen() {
    let f = fixture();
    let mut l = List::new();
    assert!(act(&mut l, Act::Back, &f).is_empty());
    assert_eq!(act(&mut l, super::keys::IMAGES, &f), ["open Images"]);
    assert_eq!(act(&mut l, Act::NextTab, &f), ["not handled"]);
}

#[test]
fn the_failing_streak_shows_beside_the_badge_from_the_health_job() {
    use crate::model::Health;
    use crate::tui::jobs::{PaneId, Ticket};
    use crate::tui::panes::health::streaks::Streak;
    let mut f = fixture();
    f.containers[0].health = Health::Unhealthy;
    let mut l = List::new();
    // The job starts with the first list of a connection, once.
    assert_eq!(
        describe(&l.on_notice(Notice::Containers, &f.env())),
        ["job health-streaks"]
    );
    assert!(l.on_notice(Notice::Containers, &f.env()).is_empty());
    l.on_notice(Notice::Reconnected, &f.env());
    assert_eq!(l.on_notice(Notice::Containers, &f.env()).len(), 1);
    let t = Ticket {
        owner: PaneId(1),
        seq: 1,
    };
    let got = Streak(vec![("aaa1".into(), Some(1384)), ("ccc3".into(), Some(0))]);
    l.on_done(t, Box::new(got), &f.env());
    assert_eq!((l.streak("aaa1"), l.streak("ccc3")), (Some(1384), None));
    let draw = |w: u16| {
        let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, 8))
            .unwrap_or_else(|e| panic!("{e}"));
        term.draw(|fr| {
            l.draw(fr, fr.area(), &f.env());
        })
        .unwrap_or_else(|e| panic!("{e}"));
        format!("{:?}", term.backend())
    };
    assert!(draw(80).contains("✘ 1384 fail "), "{}", draw(80));
    assert!(draw(120).contains("✘ unhealthy 1384"), "{}", draw(120));
    l.on_done(t, Box::new(Streak(vec![("aaa1".into(), None)])), &f.env());
    assert_eq!(l.streak("aaa1"), None);
}
