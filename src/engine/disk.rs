//! Disk usage (`/system/df`) through docktor's own request path and parser
//! (`disk_parse.rs`): the client library models only one of the shapes engines send.

use std::time::Duration;

use super::disk_parse::parse_disk_usage;
use super::raw::{BODY_LIMIT, Query, Request};
use super::{Engine, EngineError};
use crate::model::disk::DiskUsage;

/// df walks every layer and volume; on a full disk it takes a while.
const DF_TIMEOUT: Duration = Duration::from_secs(120);

impl Engine {
    /// `/system/df` as the connection's API version.
    pub async fn disk_usage(&self) -> Result<DiskUsage, EngineError> {
        self.disk_usage_as(self.api_version()).await
    }

    /// `/system/df` sent as `api` (at most the engine's own version): from 1.52 on with
    /// `verbose=1`, so the usage objects carry their items.
    pub async fn disk_usage_as(&self, api: (u32, u32)) -> Result<DiskUsage, EngineError> {
        let doing = "read disk usage";
        let q = if api >= (1, 52) {
            Query::new().push("verbose", "1")
        } else {
            Query::new()
        };
        let req = Request::get("/system/df")
            .query(q)
            .api(api)
            .timeout(DF_TIMEOUT);
        let body = self.call(req, doing).await?.bytes(BODY_LIMIT).await?;
        parse_disk_usage(&body).map_err(|e| EngineError::Api {
            doing: doing.into(),
            message: format!("the engine's answer does not parse: {e}"),
        })
    }
}
