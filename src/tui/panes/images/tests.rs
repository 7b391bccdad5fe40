//! The Images pane on its own: the list asked once, Enter opens the layers, c compares.

use super::{Images, Listed, keys};
use crate::layers::ImageRow;
use crate::tui::jobs::{PaneId, Ticket};
use crate::tui::keys::Act;
use crate::tui::msg::describe;
use crate::tui::pane::testing::Fixture;
use crate::tui::pane::{Handled, Pane, Subject};

fn row(id: &str, tag: &str, size: u64) -> ImageRow {
    ImageRow {
        id: format!("sha256:{id}"),
        tags: vec![tag.into()],
        size_bytes: size,
        created: 0,
        dangling: false,
    }
}

fn act(p: &mut Images, a: Act, f: &Fixture) -> Vec<String> {
    match p.on_act(a, &f.env()) {
        Handled::Yes(fx) => describe(&fx),
        Handled::No => vec!["not handled".into()],
    }
}

#[test]
fn lists_once_opens_layers_and_compares_two_or_more() {
    let f = Fixture::new(vec![]);
    let mut p = Images::new();
    assert_eq!(
        describe(&p.on_open(&Subject::Engine, &f.env())),
        ["job images", "job image events"]
    );
    assert!(p.on_open(&Subject::Engine, &f.env()).is_empty());
    let t = Ticket {
        owner: PaneId(4),
        seq: 1,
    };
    let rows = vec![row("a", "web:1", 10), row("b", "web:2", 20)];
    p.on_done(t, Box::new(Listed(Ok(rows))), &f.env());
    assert_eq!(p.state().rows.len(), 2);
    assert_eq!(act(&mut p, Act::Open, &f), ["open Layers"]);
    act(&mut p, keys::MARK, &f);
    assert_eq!(
        act(&mut p, keys::COMPARE, &f),
        ["flash mark two or more images with Space, then c (the first marked is the baseline)"]
    );
    act(&mut p, Act::Down, &f);
    act(&mut p, keys::MARK, &f);
    assert_eq!(act(&mut p, keys::COMPARE, &f), ["open Comparison"]);
    assert_eq!(
        act(&mut p, Act::Back, &f),
        ["not handled"],
        "Back closes the screen"
    );
}
