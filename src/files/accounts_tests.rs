//! Tests of `/etc/passwd` and `/etc/group` reading: well-formed files, malformed lines kept
//! or reported, files missing.

use super::accounts::*;

const PASSWD_OK: &[u8] = b"root:x:0:0:root:/root:/bin/sh\napp:x:1001:1001:app:/app:/bin/sh\n";
const GROUP_OK: &[u8] = b"root:x:0:\napp:x:1001:\nmedia:x:2000:app,www\n";

#[test]
fn well_formed_files_give_users_and_groups() {
    let a = Accounts::parse(Some(PASSWD_OK), Some(GROUP_OK));
    assert!(a.problems.is_empty(), "{:?}", a.problems);
    assert_eq!(a.user_by_name("app").map(|u| u.uid), Some(1001));
    assert_eq!(a.user_name(1001), "app");
    assert_eq!(a.user_name(4242), "4242");
    assert_eq!(a.group_name(2000), "media");
    assert_eq!(a.groups_of("app"), vec![2000]);
    assert_eq!(a.passwd, Presence::Found);
}

#[test]
fn malformed_lines_are_reported_and_kept_when_readable() {
    let passwd = b"# comment\n\nroot:x:0:0:root:/root:/bin/sh\nshort:x:1002:1002\nbad:x:abc:1:::\n:x:5:5:::\nnogid:x:1003:zz:::\n+nis\nroot:x:7:7:::\r\n\xffbin:x:1:1:::\n";
    let a = Accounts::parse(Some(passwd), None);
    // Kept: root, short (4 fields), nogid (gid 0), the non-UTF-8 one; dropped: bad, empty name, NIS.
    let names: Vec<&str> = a.users.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(names.contains(&"short") && names.contains(&"nogid"));
    assert_eq!(a.user_by_name("nogid").map(|u| u.gid), Some(0));
    let lines: Vec<usize> = a.problems.iter().map(|p| p.line).collect();
    for l in [4, 5, 6, 7, 8, 9, 10] {
        assert!(
            lines.contains(&l),
            "line {l} not reported: {:?}",
            a.problems
        );
    }
    let bad = a.problems.iter().find(|p| p.line == 5).unwrap();
    assert!(bad.why.contains("'abc'") && !bad.kept, "{bad:?}");
    let dup = a.problems.iter().find(|p| p.line == 9).unwrap();
    assert!(dup.why.contains("line 3"), "{dup:?}");
    // The first root wins.
    assert_eq!(a.user_by_name("root").map(|u| u.uid), Some(0));
    let latin = a.problems.iter().find(|p| p.line == 10).unwrap();
    assert!(latin.text.contains("\\xff"), "{latin:?}");
    assert_eq!(a.group, Presence::Missing);
}

#[test]
fn malformed_group_lines_are_reported() {
    let a = Accounts::parse(None, Some(b"app:x:1001\nweird:x:x:\nok:x:3:a, b ,\n"));
    assert_eq!(a.groups.len(), 2);
    assert_eq!(
        a.group_by_name("ok").map(|g| g.members.clone()),
        Some(vec!["a".into(), "b".into()])
    );
    assert!(a.problems.iter().any(|p| p.line == 1 && p.kept));
    assert!(a.problems.iter().any(|p| p.line == 2 && !p.kept));
    assert_eq!(a.passwd, Presence::Missing);
}

#[test]
fn no_files_at_all_is_not_an_error() {
    let a = Accounts::parse(None, None);
    assert!(a.users.is_empty() && a.problems.is_empty());
    assert_eq!(a.user_name(0), "0");
}
