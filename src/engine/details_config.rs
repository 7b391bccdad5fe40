//! The `Config` part of container and image inspects (user, env, command, health check…),
//! parsed leniently, and the image inspect built on it.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::timestamp::nanos;
use crate::model::image_config::ImageConfig;
use crate::model::inspect::{ContainerConfig, EnvVar, HealthConfig};

/// A list the daemon may send as one string (old engines, Podman) or as an array.
#[derive(Deserialize, Default)]
#[serde(untagged)]
enum Words {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl Words {
    fn into_vec(self) -> Vec<String> {
        match self {
            Words::None => Vec::new(),
            Words::One(s) if s.is_empty() => Vec::new(),
            Words::One(s) => vec![s],
            Words::Many(v) => v,
        }
    }
}

fn words<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Words>::deserialize(d)?
        .unwrap_or_default()
        .into_vec())
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireHealthConfig {
    #[serde(deserialize_with = "words")]
    test: Vec<String>,
    interval: Option<i64>,
    timeout: Option<i64>,
    retries: Option<i64>,
    start_period: Option<i64>,
    start_interval: Option<i64>,
}

impl WireHealthConfig {
    fn into_model(self) -> HealthConfig {
        HealthConfig {
            test: self.test,
            interval: nanos(self.interval),
            timeout: nanos(self.timeout),
            retries: self.retries.filter(|r| *r > 0).map(|r| r as u32),
            start_period: nanos(self.start_period),
            start_interval: nanos(self.start_interval),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub(super) struct WireConfig {
    hostname: Option<String>,
    user: Option<String>,
    env: Option<Vec<String>>,
    #[serde(deserialize_with = "words")]
    cmd: Vec<String>,
    #[serde(deserialize_with = "words")]
    entrypoint: Vec<String>,
    working_dir: Option<String>,
    labels: Option<BTreeMap<String, String>>,
    exposed_ports: Option<BTreeMap<String, serde_json::Value>>,
    healthcheck: Option<WireHealthConfig>,
    image: Option<String>,
    tty: Option<bool>,
}

impl WireConfig {
    pub(super) fn into_model(self) -> ContainerConfig {
        ContainerConfig {
            env: self
                .env
                .unwrap_or_default()
                .iter()
                .map(|e| EnvVar::parse(e))
                .collect(),
            user: self.user.unwrap_or_default(),
            working_dir: self.working_dir.unwrap_or_default(),
            cmd: self.cmd,
            entrypoint: self.entrypoint,
            labels: self.labels.unwrap_or_default(),
            exposed_ports: self.exposed_ports.unwrap_or_default().into_keys().collect(),
            healthcheck: self.healthcheck.map(WireHealthConfig::into_model),
            image: self.image.unwrap_or_default(),
            hostname: self.hostname.unwrap_or_default(),
            tty: self.tty.unwrap_or(false),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireImage {
    id: Option<String>,
    repo_tags: Option<Vec<String>>,
    config: Option<WireConfig>,
    os: Option<String>,
    architecture: Option<String>,
    size: Option<i64>,
}

/// `GET /images/{name}/json` → [`ImageConfig`].
pub fn parse_image(body: &[u8]) -> Result<ImageConfig, serde_json::Error> {
    let w: WireImage = serde_json::from_slice(body)?;
    let c = w.config.unwrap_or_default().into_model();
    Ok(ImageConfig {
        id: w.id.unwrap_or_default(),
        tags: w.repo_tags.unwrap_or_default(),
        user: c.user,
        env: c.env,
        healthcheck: c.healthcheck,
        cmd: c.cmd,
        entrypoint: c.entrypoint,
        working_dir: c.working_dir,
        labels: c.labels,
        exposed_ports: c.exposed_ports,
        os: w.os.unwrap_or_default(),
        architecture: w.architecture.unwrap_or_default(),
        size: w.size.unwrap_or(0),
    })
}
