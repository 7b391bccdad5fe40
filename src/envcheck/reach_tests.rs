//! The choice of way, on a scripted runner (docktor's own logic; what the daemon does is
//! tested on the real one in tests/env_daemon.rs): exec with sh, then Python without a
//! shell, then a helper; a hung probe is a timeout; read-only runs nothing.

use std::cell::RefCell;

use super::*;
use crate::envcheck::probe::{Answer, Outcome};

struct Script {
    exec: Vec<Result<RunOutput, RunError>>,
    helper: Option<Result<(String, RunOutput), String>>,
    calls: RefCell<Vec<String>>,
}

impl Runner for Script {
    async fn exec(&self, _id: &str, cmd: &[String], _t: Duration) -> Result<RunOutput, RunError> {
        let n = self.calls.borrow().len();
        self.calls.borrow_mut().push(format!("exec {}", cmd[0]));
        self.exec.get(n).cloned().unwrap_or(Err(RunError::NotFound))
    }
    async fn helper(
        &self,
        network: &str,
        _cmd: &[String],
        _t: Duration,
    ) -> Result<(String, RunOutput), String> {
        self.calls.borrow_mut().push(format!("helper {network}"));
        self.helper.clone().unwrap_or(Err("no helper".into()))
    }
}

fn said(line: &str) -> RunOutput {
    RunOutput {
        exit_code: Some(0),
        stdout: format!("{line}\n"),
        stderr: String::new(),
    }
}

fn target() -> Target {
    Target {
        host: "db".into(),
        port: 5432,
        from: "DB_HOST/DB_PORT".into(),
        postgres: true,
    }
}

fn run(s: &Script, running: bool, read_only: bool) -> Result<DbFacts, String> {
    let subject = Subject {
        id: "c1".into(),
        running,
        networks: vec![Network {
            name: "backend".into(),
            ..Default::default()
        }],
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    rt.block_on(probe(s, &subject, &target(), 1, read_only))
}

fn script(
    exec: Vec<Result<RunOutput, RunError>>,
    helper: Option<Result<(String, RunOutput), String>>,
) -> Script {
    Script {
        exec,
        helper,
        calls: RefCell::new(Vec::new()),
    }
}

#[test]
fn exec_with_sh_first() {
    let s = script(
        vec![Ok(said(
            "docktor-probe how=nc result=open ip=10.0.0.2 byte=4e detail=",
        ))],
        None,
    );
    let got = run(&s, true, false).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(got.how(), "exec:nc");
    assert!(
        matches!(got, DbFacts::Probed { report, .. } if report.answer == Some(Answer::Postgres))
    );
    assert_eq!(*s.calls.borrow(), ["exec sh"]);
}

#[test]
fn python_without_a_shell_then_a_helper() {
    let py = said("docktor-probe how=python result=refused ip=10.0.0.2 byte=- detail=");
    let s = script(vec![Err(RunError::NotFound), Ok(py)], None);
    assert_eq!(run(&s, true, false).map(|d| d.result()), Ok("refused"));
    let helper = Ok((
        "docktor/probe-helper:x".to_string(),
        said("docktor-probe how=nc result=dns-failure ip=- byte=- detail="),
    ));
    let s = script(vec![], Some(helper));
    let got = run(&s, true, false).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (got.result(), got.how().as_str()),
        ("dns-failure", "helper:nc")
    );
    assert_eq!(
        *s.calls.borrow(),
        [
            "exec sh",
            "exec python3",
            "exec python",
            "helper container:c1"
        ]
    );
    let s = script(
        vec![],
        Some(Ok((
            "h".into(),
            said("docktor-probe how=nc result=open ip=- byte=4e detail="),
        ))),
    );
    let _ = run(&s, false, false);
    assert_eq!(
        *s.calls.borrow(),
        ["helper backend"],
        "a stopped container: a helper on its network"
    );
}

#[test]
fn a_hung_probe_is_a_timeout_and_read_only_runs_nothing() {
    let hung = RunOutput {
        exit_code: None,
        ..RunOutput::default()
    };
    let s = script(vec![Ok(hung)], None);
    let got = run(&s, true, false).unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(&got, DbFacts::Probed { report, .. } if report.outcome == Outcome::Timeout));
    assert_eq!(s.calls.borrow().len(), 1);
    let s = script(vec![], None);
    let e = run(&s, true, true).unwrap_err();
    assert!(e.contains("--read-only"));
    assert!(s.calls.borrow().is_empty());
    let e = run(&script(vec![], None), true, false).unwrap_err();
    assert!(e.contains("no sh") && e.contains("no helper"), "{e}");
}
