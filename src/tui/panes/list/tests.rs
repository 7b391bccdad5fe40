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
