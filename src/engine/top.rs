//! `GET /containers/{id}/top`: a running container's processes, without exec.

use http::StatusCode;

use super::raw::{Query, Request, seg};
use super::{Engine, EngineError};
use crate::model::top::ProcessList;

#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireTop {
    titles: Option<Vec<String>>,
    processes: Option<Vec<Vec<String>>>,
}

impl Engine {
    /// The container's processes; `ps_args` as for `docker top` (default `-ef`).
    pub async fn processes(
        &self,
        container: &str,
        ps_args: Option<&str>,
    ) -> Result<ProcessList, EngineError> {
        let doing = format!("list the processes of container {container}");
        let req = Request::get(format!("/containers/{}/top", seg(container)))
            .query(Query::new().push_opt("ps_args", ps_args));
        let resp = self.send(req, &doing).await?;
        if resp.status == StatusCode::CONFLICT {
            return Err(EngineError::NotRunning {
                container: container.to_string(),
                message: resp.message().await,
            });
        }
        if !resp.status.is_success() {
            return Err(resp.into_error().await);
        }
        let w: WireTop = resp.json().await?;
        Ok(ProcessList {
            titles: w.titles.unwrap_or_default(),
            rows: w.processes.unwrap_or_default(),
        })
    }
}
