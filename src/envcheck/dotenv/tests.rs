//! The dotenv parser and linter on the files people write: each dotenv-linter check, and the
//! bad input of a hand-edited `.env` (no `=`, bad quotes, duplicates, `export`, CRLF, BOM,
//! multi-line values, non-UTF-8, huge values) — each problem with file and line, the rest used.

use super::*;

fn checks(text: &str) -> Vec<(usize, Check)> {
    parse(text.as_bytes(), ".env")
        .problems
        .iter()
        .map(|p| (p.line, p.check))
        .collect()
}

fn value(f: &DotenvFile, key: &str) -> String {
    f.get(key)
        .map(|e| e.value.clone())
        .unwrap_or_else(|| panic!("no {key} in {f:?}"))
}

#[test]
fn a_clean_file_has_no_problems() {
    let f = parse(b"# comment\nDB_HOST=db\n\nDB_PORT=5432\nEMPTY=\n", ".env");
    assert_eq!(f.problems, vec![]);
    assert_eq!(
        f.keys().collect::<Vec<_>>(),
        ["DB_HOST", "DB_PORT", "EMPTY"]
    );
    assert_eq!(value(&f, "DB_PORT"), "5432");
    assert_eq!(f.get("DB_PORT").map(|e| e.line), Some(4));
}

#[test]
fn each_dotenv_linter_check() {
    use Check::*;
    assert_eq!(checks("A=1\nA=2\n"), [(2, DuplicatedKey)]);
    assert_eq!(checks("FOO\n"), [(1, KeyWithoutValue)]);
    assert_eq!(checks("foo_Bar=1\n"), [(1, LowercaseKey)]);
    assert_eq!(checks("1FOO=1\n"), [(1, LeadingCharacter)]);
    assert_eq!(checks("  FOO=1\n"), [(1, LeadingCharacter)]);
    assert_eq!(checks("FOO-BAR=1\n"), [(1, IncorrectDelimiter)]);
    assert_eq!(checks("FOO=\"1\"\n"), [(1, QuoteCharacter)]);
    assert_eq!(checks("FOO = 1\n"), [(1, SpaceCharacter)]);
    assert_eq!(checks("FOO=${BAR\n"), [(1, SubstitutionKey)]);
    assert_eq!(checks("FOO=${BAR}\n"), []);
    assert_eq!(checks("FOO=1 \n"), [(1, TrailingWhitespace)]);
}

#[test]
fn problems_name_file_and_line_and_never_the_value() {
    let f = parse(
        b"SECRET_KEY=\"s3cr3t-value\nDB_PASSWORD = hunter2 \n",
        "BackEnd/.env",
    );
    for p in &f.problems {
        assert_eq!(p.file, "BackEnd/.env");
        assert!(
            !p.message.contains("s3cr3t") && !p.message.contains("hunter2"),
            "{p}"
        );
    }
    let shown = f.problems[0].to_string();
    assert!(
        shown.starts_with("BackEnd/.env:1 QuoteCharacter: "),
        "{shown}"
    );
}

#[test]
fn export_crlf_and_bom_are_reported_and_read() {
    let f = parse(b"\xef\xbb\xbfexport DB_HOST=db\r\nDB_PORT=5432\r\n", ".env");
    let got: Vec<_> = f.problems.iter().map(|p| (p.line, p.check)).collect();
    assert_eq!(
        got,
        [
            (1, Check::ByteOrderMark),
            (1, Check::CrlfLineEnding),
            (1, Check::ExportPrefix)
        ]
    );
    assert_eq!(value(&f, "DB_HOST"), "db");
    assert_eq!(value(&f, "DB_PORT"), "5432");
}

#[test]
fn multi_line_values_are_joined_and_reported() {
    let f = parse(
        b"KEY=\"-----BEGIN KEY-----\nabc\n-----END KEY-----\"\nNEXT=1\n",
        ".env",
    );
    assert_eq!(
        value(&f, "KEY"),
        "-----BEGIN KEY-----\nabc\n-----END KEY-----"
    );
    assert_eq!(value(&f, "NEXT"), "1");
    assert_eq!(f.get("NEXT").map(|e| e.line), Some(4));
    assert!(
        f.problems
            .iter()
            .any(|p| p.check == Check::MultilineValue && p.line == 1 && p.message.contains("1-3"))
    );
}

#[test]
fn an_unclosed_quote_does_not_swallow_the_rest() {
    let f = parse(b"A=\"open\nB-X=2\nC='x'\n", ".env");
    assert_eq!(value(&f, "B-X"), "2");
    let f = parse(b"A=\"open\nB=2\nC='x'\n", ".env");
    assert_eq!(value(&f, "A"), "open");
    assert_eq!(value(&f, "B"), "2");
    assert_eq!(value(&f, "C"), "x");
    assert!(
        f.problems
            .iter()
            .any(|p| p.check == Check::UnclosedQuote && p.line == 1)
    );
}

#[test]
fn duplicates_keep_the_last_value() {
    let f = parse(b"A=1\nB=2\nA=3\n", ".env");
    assert_eq!(value(&f, "A"), "3");
    assert!(f.problems[0].message.contains("line 1"), "{:?}", f.problems);
}

#[test]
fn non_utf8_lines_are_reported_and_the_rest_used() {
    let f = parse(b"A=caf\xe9\nB=ok\n", ".env");
    assert_eq!(f.problems.len(), 1);
    assert_eq!(
        (f.problems[0].line, f.problems[0].check),
        (1, Check::InvalidUtf8)
    );
    assert_eq!(value(&f, "B"), "ok");
    assert!(value(&f, "A").starts_with("caf"));
}

#[test]
fn inline_comments_escapes_and_odd_lines() {
    let f = parse(
        b"A=1 # one\nB=\"x\\ny\"\nC='$HOME'\n=nokey\n\n   \n",
        ".env",
    );
    assert_eq!(value(&f, "A"), "1");
    assert_eq!(value(&f, "B"), "x\ny");
    assert_eq!(value(&f, "C"), "$HOME");
    assert!(
        f.problems
            .iter()
            .any(|p| p.line == 4 && p.check == Check::LeadingCharacter)
    );
}

#[test]
fn huge_values_and_any_characters_are_fine() {
    let big = format!("BIG={}\nNEXT=é→ü\n", "x".repeat(2_000_000));
    let f = parse(big.as_bytes(), ".env");
    assert_eq!(value(&f, "BIG").len(), 2_000_000);
    assert_eq!(value(&f, "NEXT"), "é→ü");
    for junk in ["\"", "'", "=", "export ", "A=\"", "A='\\", "${", "A=${"] {
        let _ = parse(junk.as_bytes(), ".env");
    }
}

#[test]
fn the_malformed_fixture_file() {
    let f = parse(
        include_bytes!("../../../tests/fixtures/env/malformed.env"),
        "malformed.env",
    );
    let got: Vec<(usize, Check)> = f.problems.iter().map(|p| (p.line, p.check)).collect();
    use Check::*;
    for want in [
        (1, ByteOrderMark),
        (1, CrlfLineEnding),
        (1, ExportPrefix),
        (2, SpaceCharacter),
        (3, DuplicatedKey),
        (4, LowercaseKey),
        (4, QuoteCharacter),
        (4, UnclosedQuote),
        (5, IncorrectDelimiter),
        (5, TrailingWhitespace),
        (6, KeyWithoutValue),
        (7, SubstitutionKey),
        (8, InvalidUtf8),
        (9, MultilineValue),
    ] {
        assert!(got.contains(&want), "{want:?} in {got:?}");
    }
    assert_eq!(value(&f, "DB_HOST"), "again");
    assert_eq!(value(&f, "KEY"), "line one\nline two");
    assert_eq!(value(&f, "LAST"), "1");
    assert!(f.get("NOVALUE").is_some() && f.get("DB-NAME").is_some());
    assert!(f.problems.iter().all(|p| !p.message.contains("Pl4nted")));
}
