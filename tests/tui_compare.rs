//! The comparison through the app: it scrolls within its differences (it had no upper
//! bound), an image compared twice fills both slots (one stayed pending for ever), export is
//! offered when done and says where it wrote.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

// keys pressed (tests/keys_covered.rs): [Comparison] x

use common::tui::{deliver, draw_as_the_loop_does, key, owner, screen as render};
use crossterm::event::KeyCode;
use docktor::tui::app::App;
use docktor::tui::msg::describe;
use docktor::tui::panes::compare::Compare;
use docktor::tui::panes::compare::job::{Exported, One};
use docktor::tui::theme::Theme;

fn app() -> App {
    App::new("unix:///x.sock".into(), false, Theme { mono: true })
}

fn hint_bar(a: &App) -> String {
    render(a, 80, 24)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string()
}

/// A summary whose twenty directories and five layers all differ with `scale`.
fn summary(name: &str, scale: u64) -> docktor::layers::ImageSummary {
    docktor::layers::ImageSummary {
        image: name.into(),
        id: format!("sha256:{name}"),
        size_bytes: 100_000 * scale,
        layers: (0..5)
            .map(|i| (format!("RUN step {i}"), 1000 * scale * (i + 1)))
            .collect(),
        dirs: (0..20)
            .map(|i| (format!("/d{i:02}"), 100 * scale * (i + 1)))
            .collect(),
        efficiency: Some(1.0),
        wasted_bytes: Some(0),
    }
}

#[test]
fn the_comparison_scrolls_within_its_differences() {
    let mut a = app();
    let images: Vec<String> = (1..=4).map(|i| format!("img{i}")).collect();
    let cmp = owner(&a.open_compare(images.clone(), images.clone()));
    for (slot, name) in images.iter().enumerate() {
        let s = Box::new(summary(name, slot as u64 + 1));
        deliver(
            &mut a,
            cmp,
            One {
                slot,
                result: Ok((s, vec![])),
            },
        );
    }
    let first = render(&a, 80, 24);
    assert!(first.contains("/d19"), "{first}");
    let page = draw_as_the_loop_does(&mut a, 80, 24);
    for _ in 0..500 {
        key(&mut a, KeyCode::Char('j'));
    }
    let c = a.pane::<Compare>().expect("comparison");
    let n = c.state().comparison().differences.len();
    assert_eq!(c.state().scroll, n - page, "stops at the last full page");
    let s = render(&a, 80, 24);
    assert!(!s.contains("the differences appear"), "{s}");
    key(&mut a, KeyCode::Char('g'));
    assert_eq!(a.pane::<Compare>().map(|c| c.state().scroll), Some(0));
    key(&mut a, KeyCode::Char('G'));
    assert_eq!(
        a.pane::<Compare>().map(|c| c.state().scroll),
        Some(n - page)
    );
}

#[test]
fn an_image_compared_twice_fills_both_slots_and_can_be_exported() {
    let mut a = app();
    let fx = a.open_compare(
        vec!["same".into(), "same".into()],
        vec!["before".into(), "after".into()],
    );
    let cmp = owner(&fx);
    assert!(key(&mut a, KeyCode::Char('x')).is_empty());
    assert_eq!(
        a.flash(),
        Some(("the comparison is not finished yet", true))
    );
    assert!(
        !hint_bar(&a).contains("export"),
        "x is offered only when done"
    );
    for slot in 0..2 {
        let s = Box::new(summary("same", 1));
        deliver(
            &mut a,
            cmp,
            One {
                slot,
                result: Ok((s, vec![])),
            },
        );
    }
    let c = a.pane::<Compare>().expect("comparison");
    assert!(c.state().finished(), "no slot left pending");
    assert!(hint_bar(&a).contains("x export markdown"));
    assert_eq!(
        describe(&key(&mut a, KeyCode::Char('x'))),
        ["job export comparison"]
    );
    // The export says where it wrote (a new name when the first exists).
    let path = std::path::PathBuf::from("./docktor-compare-2.md");
    deliver(&mut a, cmp, Exported(Ok(path)));
    assert_eq!(
        a.flash(),
        Some(("comparison written to ./docktor-compare-2.md", false))
    );
}
