//! Cases of the files rules: the guide's clean `/app` run as `app`, where none fires, and
//! one ownership, permission or packaging mistake per rule.

use std::sync::Arc;

use super::Case;
use crate::diagnose::{Facts, Part, Subject};
use crate::files::Runtime;
use crate::files::synthetic::{CLEAN_APP, GROUP, PASSWD, runtime, runtime_with, walked};
use crate::profile::Profile;

fn facts(r: Runtime, app: &str) -> Facts {
    let mut f = Facts::new(Subject::Container {
        id: "c0ffee".into(),
        name: "dfx-files-case".into(),
    });
    f.runtime_user = Part::Ready(Arc::new(r));
    f.app_files = Part::Ready(Arc::new(walked("/app", app)));
    f
}

fn app_runtime() -> Runtime {
    let mut r = runtime("app");
    r.compile_bytecode = true;
    r
}

/// The clean app, run as `app`, with an expectation that holds.
fn quiet() -> (Facts, Profile) {
    let mut p = Profile::default();
    p.files.expect = toml::from_str::<Expectations>(
        "[[expect]]\npath = \"/app/start.sh\"\npermissions = \"-rwxr-xr-x\"\nuid = 1001\nexecutable_by = \"owner\"\n",
    )
    .map(|e| e.expect)
    .unwrap_or_default();
    (facts(app_runtime(), CLEAN_APP), p)
}

#[derive(serde::Deserialize)]
struct Expectations {
    expect: Vec<crate::files::expect::Expectation>,
}

/// The clean app with one line replaced (or, when `from` is empty, one line added).
fn app_with(from: &str, to: &str) -> (Facts, Profile) {
    let app = if from.is_empty() {
        format!("{CLEAN_APP}\n{to}\n")
    } else {
        assert!(CLEAN_APP.contains(from), "{from}");
        CLEAN_APP.replace(from, to)
    };
    (facts(app_runtime(), &app), Profile::default())
}

fn user(spec: &str) -> (Facts, Profile) {
    (facts(runtime(spec), CLEAN_APP), Profile::default())
}

#[rustfmt::skip]
pub static CASES: &[Case] = &[
    Case { id: "files.user-root", quiet, fires: || user("") },
    Case { id: "files.user-unknown", quiet, fires: || user("ghost") },
    Case { id: "files.user-uid", quiet, fires: || {
        let r = runtime_with("app", Some("root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/app:/bin/sh\n"), Some(GROUP), Vec::new());
        (facts(r, CLEAN_APP), Profile::default())
    } },
    Case { id: "files.accounts", quiet, fires: || {
        let passwd = format!("{PASSWD}broken line\nx:x:notanumber:1:::\n");
        (facts(runtime_with("app", Some(&passwd), Some(GROUP), Vec::new()), CLEAN_APP), Profile::default())
    } },
    Case { id: "files.must-write", quiet, fires: || app_with("d 755 1001:1001 media", "d 755 0:0 media") },
    Case { id: "files.unreadable", quiet, fires: || app_with("f 644 1001:1001 project/manage.py", "f 600 0:0 project/manage.py") },
    Case { id: "files.start-script", quiet, fires: || app_with("f 755 1001:1001 start.sh", "f 644 1001:1001 start.sh") },
    Case { id: "files.owner", quiet, fires: || app_with("f 644 1001:1001 uv.lock", "f 644 0:0 uv.lock") },
    Case { id: "files.world-writable", quiet, fires: || app_with("f 644 1001:1001 uv.lock", "f 666 1001:1001 uv.lock") },
    Case { id: "files.setuid", quiet, fires: || app_with("", "f 4755 1001:1001 tool") },
    Case { id: "files.secrets", quiet, fires: || app_with("", "f 600 1001:1001 .env = SECRET_KEY=x") },
    Case { id: "files.clutter", quiet, fires: || app_with("", "d 755 1001:1001 .git\nf 644 1001:1001 .git/HEAD") },
    Case { id: "files.venv", quiet, fires: || app_with("d 755 1001:1001 .venv\n", "d 755 0:0 .venv\n") },
    Case { id: "files.no-bytecode", quiet, fires: || app_with("f 644 1001:1001 .venv/lib/python3.13/site-packages/__pycache__/django.cpython-313.pyc", "") },
    Case { id: "files.editable-install", quiet, fires: || app_with("", "f 644 1001:1001 .venv/lib/python3.13/site-packages/_proj.pth = /home/me/proj/src\\n") },
    Case { id: "files.expect", quiet, fires: || {
        let (f, _) = app_with("f 755 1001:1001 start.sh", "f 644 0:0 start.sh");
        (f, quiet().1)
    } },
];
