//! Reading the probe's line back, and the script's shape (arguments, never spliced values).

use super::*;

#[test]
fn lines_are_read_back() {
    let r = parse(
        "noise\ndocktor-probe how=nc result=refused ip=172.18.0.3 byte=- detail=nc:_can't_connect\n",
    );
    let r = r.unwrap_or_else(|| panic!("parsed"));
    assert_eq!((r.tool.as_str(), r.outcome), ("nc", Outcome::Refused));
    assert_eq!(r.ip.as_deref(), Some("172.18.0.3"));
    assert_eq!(r.detail, "nc: can't connect");
    let pg = parse("docktor-probe how=python result=open ip=10.0.0.2 byte=4e detail=");
    assert_eq!(pg.and_then(|r| r.answer), Some(Answer::Postgres));
    let other = parse("docktor-probe how=bash result=open ip=- byte=48 detail=");
    assert_eq!(other.as_ref().and_then(|r| r.answer), Some(Answer::Other));
    assert_eq!(other.and_then(|r| r.ip), None);
    let silent = parse("docktor-probe how=nc result=open ip=- byte=none detail=no_answer");
    assert_eq!(silent.and_then(|r| r.answer), Some(Answer::Silent));
    assert_eq!(parse("sh: nc: not found"), None);
    assert_eq!(
        parse("docktor-probe how=x result=weird").map(|r| r.outcome),
        Some(Outcome::Error)
    );
}

#[test]
fn values_go_in_as_arguments() {
    let cmd = sh_command("db; rm -rf /", 5432, 3);
    assert_eq!(&cmd[..2], ["sh", "-c"]);
    assert_eq!(cmd[4], "db; rm -rf /");
    assert!(!cmd[2].contains("rm -rf"));
    let py = py_command("python3", "db", 5432, 3);
    assert_eq!(py[3..], ["db", "5432", "3"]);
}
