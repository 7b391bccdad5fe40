//! The on-disk shape of `docktor.toml` and its conversion into a [`Profile`], with
//! errors that point at the file, line, column and key.

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, Deserializer, Unexpected, Visitor};

use super::error::{key_path_at, line_column};
use super::{Profile, ProfileError, parse_size};

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    #[serde(default, deserialize_with = "abs_path")]
    app_dir: Option<String>,
    #[serde(default, deserialize_with = "size")]
    size_budget: Option<u64>,
    user: Option<UserTable>,
    health: Option<HealthTable>,
    env: Option<EnvTable>,
    layers: Option<LayersTable>,
    build: Option<BuildTable>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, expecting = "a [build] table")]
struct BuildTable {
    base_image: Option<String>,
    #[serde(default, deserialize_with = "size")]
    context_budget: Option<u64>,
    #[serde(default, deserialize_with = "size")]
    cache_budget: Option<u64>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, expecting = "a [layers] table")]
struct LayersTable {
    #[serde(default, deserialize_with = "ratio")]
    min_efficiency: Option<f64>,
    #[serde(default, deserialize_with = "size")]
    max_wasted: Option<u64>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, expecting = "a [user] table")]
struct UserTable {
    name: Option<String>,
    uid: Option<u32>,
    gid: Option<u32>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, expecting = "a [health] table")]
struct HealthTable {
    #[serde(default, deserialize_with = "abs_path")]
    path: Option<String>,
    #[serde(default, deserialize_with = "port")]
    port: Option<u16>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, expecting = "a [env] table")]
struct EnvTable {
    spec: Option<String>,
    schema: Option<String>,
    required: Option<Vec<String>>,
    secret_patterns: Option<Vec<String>>,
    #[serde(default, deserialize_with = "timeout")]
    probe_timeout: Option<u64>,
}

/// Parses profile text; `shown` is the path used in error messages.
pub(crate) fn parse(text: &str, shown: &Path) -> Result<Profile, ProfileError> {
    let file: ProfileFile = toml::from_str(text).map_err(|e| invalid(text, shown, &e))?;
    let mut p = Profile::default();
    set(&mut p.app_dir, file.app_dir);
    set(&mut p.size_budget_bytes, file.size_budget);
    let user = file.user.unwrap_or_default();
    set(&mut p.app_user, user.name);
    set(&mut p.app_uid, user.uid);
    set(&mut p.app_gid, user.gid);
    let health = file.health.unwrap_or_default();
    set(&mut p.health_path, health.path);
    set(&mut p.health_port, health.port);
    let env = file.env.unwrap_or_default();
    p.env_spec = env.spec.or(p.env_spec);
    p.env_schema = env.schema.or(p.env_schema);
    set(&mut p.db_probe_timeout_secs, env.probe_timeout);
    set(&mut p.required_env, env.required);
    set(&mut p.secret_patterns, env.secret_patterns);
    let layers = file.layers.unwrap_or_default();
    p.min_efficiency = layers.min_efficiency.or(p.min_efficiency);
    p.max_wasted_bytes = layers.max_wasted.or(p.max_wasted_bytes);
    let build = file.build.unwrap_or_default();
    set(
        &mut p.base_image,
        build.base_image.map(|s| s.trim().to_string()),
    );
    set(&mut p.context_budget_bytes, build.context_budget);
    set(&mut p.cache_budget_bytes, build.cache_budget);
    Ok(p)
}

fn set<T>(slot: &mut T, value: Option<T>) {
    if let Some(v) = value {
        *slot = v;
    }
}

fn invalid(text: &str, shown: &Path, e: &toml::de::Error) -> ProfileError {
    let span = e.span();
    let key = span.as_ref().and_then(|s| key_path_at(text, s.start));
    let message = e
        .message()
        .trim()
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("; ");
    let hint = hint_for(key.as_deref(), &message);
    ProfileError::Invalid {
        path: shown.to_path_buf(),
        location: span.map(|s| line_column(text, s.start)),
        key,
        message,
        hint,
    }
}

fn hint_for(key: Option<&str>, message: &str) -> String {
    if message.starts_with("unknown field") {
        return "remove the key or fix its spelling".into();
    }
    let Some(key) = key else {
        return "fix the TOML syntax".into();
    };
    let d = Profile::default();
    let default = match key {
        "app_dir" => format!("\"{}\"", d.app_dir),
        "size_budget" => format!("\"{}MB\"", d.size_budget_bytes / 1_000_000),
        "user" | "health" | "env" | "layers" | "build" => {
            return format!(
                "'{key}' must be a table: write [{key}] on its own line above its keys"
            );
        }
        "user.name" => format!("\"{}\"", d.app_user),
        "user.uid" => d.app_uid.to_string(),
        "user.gid" => d.app_gid.to_string(),
        "health.path" => format!("\"{}\"", d.health_path),
        "health.port" => d.health_port.to_string(),
        "env.spec" | "env.schema" => "none".into(),
        "env.probe_timeout" => d.db_probe_timeout_secs.to_string(),
        "env.required" => "[]".into(),
        "env.secret_patterns" => format!("{:?}", d.secret_patterns),
        "layers.min_efficiency" => "none (e.g. 0.9)".into(),
        "layers.max_wasted" => "none (e.g. \"50MB\")".into(),
        "build.base_image" => format!("\"{}\"", d.base_image),
        "build.context_budget" => format!("\"{}MB\"", d.context_budget_bytes / 1_000_000),
        "build.cache_budget" => format!("\"{}GB\"", d.cache_budget_bytes / 1_000_000_000),
        _ => return "fix the value or remove the key to use the default".into(),
    };
    format!("fix the value or remove the key to use the default ({default})")
}

fn abs_path<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_any(AbsPath).map(Some)
}

fn port<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    d.deserialize_any(Port).map(Some)
}

fn timeout<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    d.deserialize_any(Seconds).map(Some)
}

fn size<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    d.deserialize_any(Size).map(Some)
}

fn ratio<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    d.deserialize_any(Ratio).map(Some)
}

struct Ratio;

impl Visitor<'_> for Ratio {
    type Value = f64;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a ratio between 0 and 1, e.g. 0.9")
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        if (0.0..=1.0).contains(&v) {
            Ok(v)
        } else {
            Err(E::invalid_value(Unexpected::Float(v), &self))
        }
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        match v {
            0 | 1 => Ok(v as f64),
            _ => Err(E::invalid_value(Unexpected::Signed(v), &self)),
        }
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        match v {
            0 | 1 => Ok(v as f64),
            _ => Err(E::invalid_value(Unexpected::Unsigned(v), &self)),
        }
    }
}

struct AbsPath;

impl Visitor<'_> for AbsPath {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an absolute path starting with '/'")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        if v.starts_with('/') {
            Ok(v.to_string())
        } else {
            Err(E::invalid_value(Unexpected::Str(v), &self))
        }
    }
}

struct Port;

impl Visitor<'_> for Port {
    type Value = u16;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an integer 1-65535")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u16, E> {
        match u16::try_from(v) {
            Ok(p) if p > 0 => Ok(p),
            _ => Err(E::invalid_value(Unexpected::Signed(v), &self)),
        }
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u16, E> {
        match u16::try_from(v) {
            Ok(p) if p > 0 => Ok(p),
            _ => Err(E::invalid_value(Unexpected::Unsigned(v), &self)),
        }
    }
}

/// Whole seconds 1-60 (a probe that waits longer than a minute only hides the answer).
struct Seconds;

impl Visitor<'_> for Seconds {
    type Value = u64;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a whole number of seconds 1-60")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
        match u64::try_from(v) {
            Ok(s) if (1..=60).contains(&s) => Ok(s),
            _ => Err(E::invalid_value(Unexpected::Signed(v), &self)),
        }
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
        if (1..=60).contains(&v) {
            Ok(v)
        } else {
            Err(E::invalid_value(Unexpected::Unsigned(v), &self))
        }
    }
}

struct Size;

impl Visitor<'_> for Size {
    type Value = u64;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a size like \"400MB\" or \"1.5GiB\", or a whole number of bytes")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<u64, E> {
        parse_size(v).map_err(E::custom)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
        u64::try_from(v).map_err(|_| E::invalid_value(Unexpected::Signed(v), &self))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
        Ok(v)
    }
}
