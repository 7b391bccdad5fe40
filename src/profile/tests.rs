//! Tests for profile loading: sources, full and partial files, and every kind of error.

use std::path::{Path, PathBuf};

use super::*;

fn parse(text: &str) -> Result<Profile, ProfileError> {
    file::parse(text, Path::new("docktor.toml"))
}

fn err(text: &str) -> String {
    match parse(text) {
        Ok(p) => panic!("expected an error, got {p:?}"),
        Err(e) => e.to_string(),
    }
}

const FULL: &str = r#"
app_dir = "/srv/app"
size_budget = "1.5GiB"
[user]
name = "web"
uid = 2000
gid = 2001
[health]
path = "/healthz"
port = 9000
[env]
spec = ".env.example"
schema = "env.schema.json"
required = ["DB_HOST", "SECRET_KEY"]
secret_patterns = ["*PASS*"]
probe_timeout = 5
[layers]
min_efficiency = 0.9
max_wasted = "50MB"
[build]
base_image = "registry.example.com/base/python:3.13"
context_budget = "20MB"
cache_budget = "1.5GB"
"#;

#[test]
fn full_file() {
    let p = parse(FULL).unwrap();
    let want = Profile {
        app_dir: "/srv/app".into(),
        app_user: "web".into(),
        app_uid: 2000,
        app_gid: 2001,
        health_path: "/healthz".into(),
        health_port: 9000,
        env_spec: Some(".env.example".into()),
        env_schema: Some("env.schema.json".into()),
        db_probe_timeout_secs: 5,
        size_budget_bytes: 1_610_612_736,
        required_env: vec!["DB_HOST".into(), "SECRET_KEY".into()],
        secret_patterns: vec!["*PASS*".into()],
        min_efficiency: Some(0.9),
        max_wasted_bytes: Some(50_000_000),
        base_image: "registry.example.com/base/python:3.13".into(),
        context_budget_bytes: 20_000_000,
        cache_budget_bytes: 1_500_000_000,
    };
    assert_eq!(p, want);
}

#[test]
fn partial_files_keep_defaults() {
    assert_eq!(parse("").unwrap(), Profile::default());
    let p = parse("[health]\nport = 8080\n").unwrap();
    assert_eq!(
        p,
        Profile {
            health_port: 8080,
            ..Profile::default()
        }
    );
    let p = parse("size_budget = 123\n[user]\nuid = 0\n").unwrap();
    assert_eq!((p.size_budget_bytes, p.app_uid), (123, 0));
    assert_eq!((p.app_user.as_str(), p.app_gid), ("app", 1001));
    let p = parse("health.path = \"/up\"\nuser = { name = \"x\" }\n").unwrap();
    assert_eq!((p.health_path.as_str(), p.app_user.as_str()), ("/up", "x"));
}

#[test]
fn wrong_type_names_line_column_key_and_default() {
    let text = "app_dir = \"/app\"\n\n[user]\nname = \"app\"\n\n[health]\nport = \"eighty\"\n";
    assert_eq!(
        err(text),
        "docktor.toml:7:8: key 'health.port': invalid type: string \"eighty\", \
         expected an integer 1-65535 — fix the value or remove the key to use the default (8000)"
    );
}

#[test]
fn port_out_of_range() {
    let msg = err("[health]\nport = 70000\n");
    assert!(
        msg.starts_with("docktor.toml:2:8: key 'health.port': invalid value"),
        "{msg}"
    );
    assert!(msg.contains("expected an integer 1-65535"), "{msg}");
    assert!(err("[health]\nport = 0\n").contains("integer 1-65535"));
    assert!(err("health = { port = -1 }").contains("key 'health.port'"));
}

#[test]
fn unknown_keys_are_rejected() {
    let msg = err("[health]\nprot = 80\n");
    assert!(
        msg.starts_with("docktor.toml:2:1: key 'health.prot': unknown field `prot`"),
        "{msg}"
    );
    assert!(msg.ends_with("remove the key or fix its spelling"), "{msg}");
    let top = err("colour = \"red\"\n");
    assert!(
        top.starts_with("docktor.toml:1:1: key 'colour': unknown field"),
        "{top}"
    );
    assert!(err("[extra]\na = 1\n").contains("key 'extra': unknown field `extra`"));
}

#[test]
fn gate_ratio_out_of_range() {
    let e = err("[layers]\nmin_efficiency = 1.5\n");
    assert!(e.contains("layers.min_efficiency"), "{e}");
    assert!(e.contains("between 0 and 1"), "{e}");
    assert_eq!(
        parse("[layers]\nmin_efficiency = 1\n")
            .unwrap()
            .min_efficiency,
        Some(1.0)
    );
}

#[test]
fn bad_sizes() {
    let msg = err("size_budget = \"400XB\"\n");
    assert!(
        msg.starts_with("docktor.toml:1:15: key 'size_budget': unknown unit 'XB'"),
        "{msg}"
    );
    assert!(msg.ends_with("use the default (\"400MB\")"), "{msg}");
    assert!(err("size_budget = -1\n").contains("expected a size like"));
    assert!(err("size_budget = 1.5\n").contains("expected a size like"));
}

#[test]
fn other_wrong_types() {
    assert!(err("[user]\nuid = \"1001\"\n").contains("key 'user.uid': invalid type: string"));
    assert!(err("app_dir = \"app\"\n").contains("expected an absolute path"));
    assert!(err("[env]\nrequired = [\"A\", 3]\n").contains("key 'env.required'"));
    let table = err("health = 8000\n");
    assert!(table.contains("key 'health'"), "{table}");
    assert!(table.contains("[health] on its own line"), "{table}");
}

#[test]
fn syntax_error_has_location_and_hint() {
    let msg = err("app_dir = \"/app\"\n[health\nport = 1\n");
    assert!(msg.starts_with("docktor.toml:2:"), "{msg}");
    assert!(msg.ends_with("— fix the TOML syntax"), "{msg}");
    assert!(!msg.contains("key '"), "{msg}");
}

#[test]
fn load_prefers_explicit_then_cwd_then_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    assert_eq!(
        load(None, cwd).unwrap(),
        (Profile::default(), ProfileSource::Defaults)
    );

    std::fs::write(cwd.join("docktor.toml"), "[health]\nport = 1\n").unwrap();
    let (p, src) = load(None, cwd).unwrap();
    assert_eq!(
        (p.health_port, src),
        (1, ProfileSource::File(cwd.join("docktor.toml")))
    );

    std::fs::write(
        cwd.join("other.toml"),
        "[health]\nport = 2\n[env]\nspec = \"e\"\nschema = \"/abs/s.json\"\n",
    )
    .unwrap();
    let (p, src) = load(Some(Path::new("other.toml")), cwd).unwrap();
    assert_eq!(
        (p.health_port, src),
        (2, ProfileSource::File(cwd.join("other.toml")))
    );
    assert_eq!(p.env_spec, Some(cwd.join("e").display().to_string()));
    assert_eq!(p.env_schema.as_deref(), Some("/abs/s.json"));
}

#[test]
fn probe_timeout_is_bounded() {
    assert_eq!(
        parse("[env]\nprobe_timeout = 10\n")
            .unwrap()
            .db_probe_timeout_secs,
        10
    );
    let e = err("[env]\nprobe_timeout = 0\n");
    assert!(e.contains("env.probe_timeout") && e.contains("1-60"), "{e}");
}

#[test]
fn load_errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let missing = load(Some(Path::new("nope.toml")), cwd).unwrap_err();
    assert_eq!(
        missing,
        ProfileError::NotFound {
            path: PathBuf::from("nope.toml")
        }
    );
    assert!(
        missing
            .to_string()
            .starts_with("profile nope.toml not found; check the --profile path")
    );

    std::fs::write(cwd.join("docktor.toml"), "x = 1\n").unwrap();
    let bad = load(None, cwd).unwrap_err().to_string();
    assert!(
        bad.starts_with("docktor.toml:1:1: key 'x': unknown field"),
        "{bad}"
    );

    let unreadable = load(Some(Path::new(".")), cwd).unwrap_err().to_string();
    assert!(
        unreadable.starts_with("cannot read profile .: "),
        "{unreadable}"
    );
}

#[test]
fn secret_names() {
    let p = Profile::default();
    for name in [
        "SECRET_KEY",
        "db_password",
        "GITHUB_TOKEN",
        "STRIPE_API_KEY",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_ACCESS_KEY_ID",
        "JWT_PRIVATE",
        "GCP_CREDENTIALS",
        "DB_PASSWD",
    ] {
        assert!(p.is_secret_name(name), "{name}");
    }
    for name in ["DB_HOST", "PORT", "DEBUG"] {
        assert!(!p.is_secret_name(name), "{name}");
    }
    assert!(glob_match("A*B*C", "AXXBYC"));
    assert!(!glob_match("A*A", "A"));
    assert!(glob_match("EXACT", "EXACT"));
    assert!(!glob_match("EXACT", "EXACTLY"));
}
