//! Pattern and matcher cases: patternmatcher's behaviour on the cases its own tests pin
//! down (written here as expectations), and the quirks docktor names.

use super::super::matcher::{MatchInfo, Matcher};
use super::*;

fn matcher(patterns: &[&str]) -> Matcher {
    let list: Vec<(usize, String)> = patterns
        .iter()
        .enumerate()
        .map(|(i, p)| (i + 1, p.to_string()))
        .collect();
    Matcher::new(&list).unwrap_or_else(|e| panic!("{patterns:?}: {e:?}"))
}

/// The three ways Docker asks: with parents checked here, and with the parents' results
/// passed down directory by directory, as the walkers do.
fn all_ways(m: &Matcher, path: &str) -> bool {
    let direct = m.matches_or_parent(path).excluded;
    let mut info = MatchInfo::default();
    let parts: Vec<&str> = path.split('/').collect();
    for i in 1..parts.len() {
        let dir = parts[..i].join("/");
        if dir.is_empty() {
            continue;
        }
        info = m.matches_using_parent(&dir, &info).1;
    }
    let walked = m.matches_using_parent(path, &info).0.excluded;
    assert_eq!(direct, walked, "{path}");
    direct
}

#[test]
fn single_patterns() {
    for (pat, path, want) in [
        ("**", "file", true),
        ("**", "dir/file/", true),
        ("**/", "file", true),
        ("**/**", "dir/file", true),
        ("dir/**", "dir/dir2/file", true),
        ("**/dir", "dir/file", true),
        ("**/dir2/*", "dir/dir2/file", true),
        ("**/dir2/**", "dir/dir2/dir3/file", true),
        ("**file", "dir/dir/file", true),
        ("**/file*.txt", "dir/dir/file.txt", true),
        ("**/**/*.txt2", "dir/dir/file.txt", false),
        ("**/*.txt", "file.txt", true),
        ("a**/*.txt", "a/dir/dir/file.txt", true),
        ("a/*.txt", "a/dir/file.txt", false),
        ("a/*.txt", "a/file.txt", true),
        ("a/*.txt**", "a/file.txt", true),
        ("a[b-d]e", "ae", false),
        ("a[b-d]e", "ace", true),
        ("a[^b-d]e", "aze", true),
        (".*", ".foo", true),
        (".*", "foo", false),
        ("abc.def", "abcdef", false),
        ("abc?def", "abcZdef", true),
        ("a\\\\", "a\\", true),
        ("**/foo/bar", "dir/dir2/foo/bar", true),
        ("abc/**", "abc", false),
        ("abc/**", "abc/def/ghi", true),
        ("**/.foo", ".foo", true),
        ("**/.foo", "bar.foo", false),
        ("a(b)c/def", "a(b)c/def", true),
        ("a.|)$(}+{bc", "a.|)$(}+{bc", true),
        (
            "dist/*.whl",
            "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
            true,
        ),
        ("a\\*b", "a*b", true),
        ("a\\*b", "ab", false),
        ("a?b", "a☺b", true),
        ("a???b", "a☺b", false),
        ("[a-ζ]*", "α", true),
        ("*[a-ζ]", "A", false),
        ("a*b", "a/b", false),
        ("[\\]a]", "]", true),
        ("[x\\-]", "-", true),
        ("[\\-x]", "a", false),
        ("*x", "xxx", true),
        ("a*/b", "a/c/b", false),
        ("a*b*c*d*e*/f", "axbxcxdxexxx/f", true),
        ("node_modules", "node_modules/x/y.js", true),
        ("docs", "docs/README.md", true),
        ("*/temp*", "somedir/temporary.txt", true),
        ("*/*/temp*", "somedir/subdir/temporary.txt", true),
        ("temp?", "tempa", true),
    ] {
        assert_eq!(all_ways(&matcher(&[pat]), path), want, "{pat} on {path}");
    }
}

#[test]
fn order_and_exceptions() {
    for (pats, path, want) in [
        (
            &["**", "!util/docker/web"][..],
            "util/docker/web/foo",
            false,
        ),
        (
            &["**", "!util/docker/web", "util/docker/web/foo"],
            "util/docker/web/foo",
            true,
        ),
        (
            &["**", "!dist/*.whl"],
            "dist/proxy-1.0-py3-none-any.whl",
            false,
        ),
        (&["*.md", "!README.md"], "README.md", false),
        (&["!README.md", "*.md"], "README.md", true),
        (&["docs", "!docs/README.md"], "docs/README.md", false),
        (&["docs/*", "!docs/README.md"], "docs/README.md", false),
        (&["*.go"], ".", false),
    ] {
        assert_eq!(all_ways(&matcher(pats), path), want, "{pats:?} on {path}");
    }
}

#[test]
fn refused_patterns_name_the_line() {
    for bad in [
        "[", "[]a]", "[-]", "[x-]", "\\", "[a-b-c]", "[^bc", "a[", "[z-a]", "\\e",
    ] {
        let list = vec![(1, ".git".to_string()), (3, bad.to_string())];
        let err = Matcher::new(&list).err();
        assert!(
            matches!(&err, Some((3, why)) if why.contains("syntax error")),
            "{bad}: {err:?}"
        );
    }
    let err = Matcher::new(&[(2, "!".to_string())]).err();
    assert_eq!(
        err,
        Some((2, "illegal exclusion pattern: \"!\"".to_string()))
    );
}

#[test]
fn quirks_are_reproduced_and_named() {
    // A suffix match: `**.py` takes every .py file on current Docker.
    let p = Pattern::compile("**.py", false).unwrap();
    assert!(p.matches("a/b/c.py") && p.matches("x.py"));
    assert!(p.notes[0].contains("Docker 20.10"), "{:?}", p.notes);
    // Go's regexp reads `\d` as a digit.
    let p = Pattern::compile("log\\d*", false).unwrap();
    assert!(p.matches("log1") && !p.matches("logd"));
    assert!(p.notes[0].contains("a digit"));
    // `^` anchors once there are wildcards; without them the pattern is compared as is.
    assert!(!Pattern::compile("a^*", false).unwrap().matches("a^b"));
    assert!(Pattern::compile("a^b", false).unwrap().matches("a^b"));
    // What docktor cannot reproduce it says.
    for odd in ["[*]x", "[[:alpha:]]", "\\x41", "[\\d]"] {
        let p = Pattern::compile(odd, false).unwrap();
        assert!(p.unsupported.is_some(), "{odd}");
    }
    assert!(Pattern::compile("[!a]", false).unwrap().matches("!"));
}

#[test]
fn exceptions_decide_which_directories_are_walked() {
    let m = matcher(&["dir", "!dir/keep/**"]);
    assert!(m.exception_under("dir", true));
    assert!(m.exception_under("dir", false));
    assert!(m.only_prefix_exceptions());
    let m = matcher(&["dir", "!**/keep"]);
    assert!(!m.exception_under("dir", false));
    assert!(!m.only_prefix_exceptions());
    let legacy = matcher(&["*/Dockerfile"]);
    assert!(legacy.matches_legacy("a/Dockerfile"));
    assert!(!matcher(&["a"]).matches_legacy("Dockerfile"));
}
