//! Every key of the key table is pressed by at least one test. A test file declares the keys
//! it presses, one line per key section (the section's title as the help shows it, then the
//! bindings' labels):
//!
//! ```text
//! // keys pressed (tests/keys_covered.rs): [Logs tab] / n N
//! ```
//!
//! This test walks the key sections (`tui::panes::key_sections`, plus the Ctrl keys and the
//! confirmation's keys) and fails when a binding is declared by no file, when a declaration
//! names a section or label that does not exist, and when the declaring file does not press
//! the key (one of the binding's codes written as a test presses it: `KeyCode::Char('n')`,
//! `C('n')`, or `"n"` in a tmux `keys(&[…])` call).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crossterm::event::KeyCode;
use docktor::tui::keys::CONTROL;
use docktor::tui::panes::key_sections;

const MARK: &str = "// keys pressed (tests/keys_covered.rs):";

/// A key to be pressed: where, its label, and the ways a test may press it.
struct Wanted {
    section: String,
    label: String,
    presses: Vec<String>,
}

/// The ways a test writes a press of `code` (Rust for the app, tmux names for the binary).
fn spellings(code: &KeyCode) -> Vec<String> {
    let tmux = |names: &[&str]| names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>();
    let mut out = match code {
        KeyCode::Char(' ') => tmux(&["Space", " "]),
        KeyCode::Char(c) => tmux(&[&c.to_string()]),
        KeyCode::Enter => tmux(&["Enter"]),
        KeyCode::Esc => tmux(&["Escape"]),
        KeyCode::Tab => tmux(&["Tab"]),
        KeyCode::BackTab => tmux(&["BTab"]),
        KeyCode::Up => tmux(&["Up"]),
        KeyCode::Down => tmux(&["Down"]),
        KeyCode::Left => tmux(&["Left"]),
        KeyCode::Right => tmux(&["Right"]),
        KeyCode::Home => tmux(&["Home"]),
        KeyCode::End => tmux(&["End"]),
        KeyCode::PageUp => tmux(&["PageUp", "PPage", "PgUp"]),
        KeyCode::PageDown => tmux(&["PageDown", "NPage", "PgDn"]),
        _ => Vec::new(),
    }
    .into_iter()
    .map(|t| format!("keys:{t}"))
    .collect::<Vec<_>>();
    match code {
        KeyCode::Char(c) => {
            let c = if *c == '\'' {
                "\\'".to_string()
            } else {
                c.to_string()
            };
            out.push(format!("KeyCode::Char('{c}')"));
            out.push(format!("C('{c}')"));
        }
        other => out.push(format!("KeyCode::{other:?}")),
    }
    out
}

fn wanted() -> Vec<Wanted> {
    let mut all = Vec::new();
    for section in key_sections() {
        for bd in section.bindings {
            all.push(Wanted {
                section: section.title.to_string(),
                label: bd.label.to_string(),
                presses: bd.codes.iter().flat_map(spellings).collect(),
            });
        }
    }
    for (c, _) in CONTROL {
        all.push(Wanted {
            section: "Ctrl".into(),
            label: format!("C-{c}"),
            presses: vec![format!("keys:\"C-{c}\""), format!("ctrl:{c}")],
        });
    }
    // A confirmation: y is yes, Enter the default (no), any other key no.
    for (label, code) in [("y", KeyCode::Char('y')), ("Enter", KeyCode::Enter)] {
        all.push(Wanted {
            section: "Confirmation".into(),
            label: label.into(),
            presses: spellings(&code),
        });
    }
    all.push(Wanted {
        section: "Confirmation".into(),
        label: "other".into(),
        presses: spellings(&KeyCode::Char('n')),
    });
    all
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// What a file presses, in the forms of [`spellings`]: the Rust spellings as written, tmux
/// names only inside a `keys(&[…])` call, Ctrl keys as `ctrl:c`.
fn presses(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut rest = flat.as_str();
    while let Some(at) = rest.find("keys(&[") {
        let call = &rest[at + 7..];
        let end = call.find(']').unwrap_or(call.len());
        for arg in call[..end].split(',') {
            let arg = arg.trim();
            if arg.starts_with('"') {
                out.push(format!("keys:{arg}"));
            }
        }
        rest = &call[end..];
    }
    // KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL), however it is wrapped.
    let mut rest = flat.as_str();
    while let Some(at) = rest.find("KeyCode::Char('") {
        let after = &rest[at + 15..];
        if let Some(c) = after.chars().next()
            && after[c.len_utf8()..].starts_with("'), KeyModifiers::CONTROL")
        {
            out.push(format!("ctrl:{c}"));
        }
        rest = after;
    }
    for token in ["KeyCode::", "C('"] {
        let mut rest = flat.as_str();
        while let Some(at) = rest.find(token) {
            let after = &rest[at..];
            let end = after
                .find(|c: char| !(c.is_alphanumeric() || ":('".contains(c)) || c == ')')
                .unwrap_or(after.len());
            let mut word = after[..end].to_string();
            if word.ends_with('(') || word.contains("('") {
                // Char('x') / C('x'): up to the closing quote and parenthesis.
                if let Some(close) = after.find("')") {
                    word = after[..close + 2].to_string();
                }
            }
            out.push(word);
            rest = &after[token.len()..];
        }
    }
    out
}

/// Where the next section title starts in `s`: a `[` followed by a capital letter (titles are
/// capitalised; the label `[` stands alone).
fn next_section(s: &str) -> Option<usize> {
    s.char_indices()
        .find(|(i, c)| *c == '[' && s[i + 1..].starts_with(|n: char| n.is_uppercase()))
        .map(|(i, _)| i)
}

/// The declarations of one file: (section, label).
fn declared(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text.lines().filter_map(|l| l.trim().strip_prefix(MARK)) {
        let mut rest = line.trim();
        while let Some(open) = next_section(rest) {
            let Some(close) = rest[open..].find(']').map(|c| open + c) else {
                break;
            };
            let section = rest[open + 1..close].to_string();
            let labels = &rest[close + 1..];
            let next = next_section(labels).unwrap_or(labels.len());
            for label in labels[..next].split_whitespace() {
                out.push((section.clone(), label.to_string()));
            }
            rest = &labels[next..];
        }
    }
    out
}

#[test]
fn every_key_of_the_key_table_is_pressed_by_a_test() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("tests"), &mut files);
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let wanted = wanted();
    let mut by: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    // This file's own examples are not declarations.
    let me = root.join("tests/keys_covered.rs");
    for f in files.iter().filter(|f| **f != me) {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let decl = declared(&text);
        if decl.is_empty() {
            continue;
        }
        let pressed = presses(&text);
        let name = f.strip_prefix(&root).unwrap_or(f).display().to_string();
        for (section, label) in decl {
            let Some(w) = wanted
                .iter()
                .find(|w| w.section == section && w.label == label)
            else {
                problems.push(format!(
                    "{name}: no key [{section}] {label} in the key table"
                ));
                continue;
            };
            if !w.presses.iter().any(|p| pressed.contains(p)) {
                problems.push(format!(
                    "{name} declares [{section}] {label} but presses none of {:?}",
                    w.presses
                ));
            }
            by.entry((section, label)).or_default().push(name.clone());
        }
    }
    for w in &wanted {
        if !by.contains_key(&(w.section.clone(), w.label.clone())) {
            problems.push(format!(
                "no test presses [{}] {} (declare it with `{MARK} [{}] {}` in the file that does)",
                w.section, w.label, w.section, w.label
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn declarations_and_presses_are_read_as_written() {
    let text = "// keys pressed (tests/keys_covered.rs): [Logs tab] / n N [Everywhere] q\n\
        // keys pressed (tests/keys_covered.rs): [Container tabs] Tab/] [ Esc\n\
        t.keys(&[\"Escape\",\n \"q\"]); key(&mut a, KeyCode::Char('/'));\n\
        a.update(Msg::Key(KeyEvent::new(\n KeyCode::Char('c'),\n KeyModifiers::CONTROL)));\n\
        press(&mut a, C('p')); key(&mut a, KeyCode::PageDown);";
    let d = declared(text);
    let want = [
        ("Logs tab", "/"),
        ("Logs tab", "n"),
        ("Logs tab", "N"),
        ("Everywhere", "q"),
        ("Container tabs", "Tab/]"),
        ("Container tabs", "["),
        ("Container tabs", "Esc"),
    ];
    assert_eq!(
        d,
        want.map(|(s, l)| (s.to_string(), l.to_string())).to_vec()
    );
    let p = presses(text);
    for s in [
        "keys:\"Escape\"",
        "keys:\"q\"",
        "KeyCode::Char('/')",
        "ctrl:c",
        "C('p')",
        "KeyCode::PageDown",
    ] {
        assert!(p.contains(&s.to_string()), "{s} in {p:?}");
    }
    assert!(!p.contains(&"keys:\"n\"".to_string()));
    assert_eq!(spellings(&KeyCode::Char('n'))[0], "keys:\"n\"");
    assert!(spellings(&KeyCode::PageUp).contains(&"KeyCode::PageUp".to_string()));
}
