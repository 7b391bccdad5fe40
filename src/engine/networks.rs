//! A network's members (`GET /networks/{name}`): which containers are on it, so advice about
//! a name that does not resolve can say which names do.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::raw::{Request, seg};
use super::{Engine, EngineError};

#[derive(Deserialize)]
struct NetworkJson {
    #[serde(rename = "Containers", default)]
    containers: Option<BTreeMap<String, Member>>,
}

#[derive(Deserialize)]
struct Member {
    #[serde(rename = "Name", default)]
    name: String,
}

impl Engine {
    /// The names of the containers on network `name` (running ones: the daemon lists
    /// endpoints), sorted.
    pub async fn network_members(&self, name: &str) -> Result<Vec<String>, EngineError> {
        let doing = format!("inspect network {name}");
        let net: NetworkJson = self
            .call_json(Request::get(format!("/networks/{}", seg(name))), &doing)
            .await?;
        let mut names: Vec<String> = net
            .containers
            .unwrap_or_default()
            .into_values()
            .map(|m| m.name)
            .filter(|n| !n.is_empty())
            .collect();
        names.sort();
        Ok(names)
    }
}
