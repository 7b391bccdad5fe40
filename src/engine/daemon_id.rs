//! The daemon's own ID (`/info` → `ID`): stable across restarts of one daemon (on 20.10 it
//! comes from `/etc/docker/key.json`, so daemons of one host may share it). The health
//! history store keys an engine by it together with the URI.

use super::raw::Request;
use super::{Engine, EngineError};

impl Engine {
    /// The daemon's ID; `None` when the engine has none (some Podman versions).
    pub async fn daemon_id(&self) -> Result<Option<String>, EngineError> {
        #[derive(serde::Deserialize)]
        struct Info {
            #[serde(rename = "ID", default)]
            id: String,
        }
        let info: Info = self
            .call_json(Request::get("/info"), "read the engine's ID")
            .await?;
        let id = info.id.trim().to_string();
        Ok((!id.is_empty()).then_some(id))
    }
}
