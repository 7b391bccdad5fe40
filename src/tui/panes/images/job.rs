//! The Images view's job: the engine's image list.

use crate::layers::ImageRow;
use crate::tui::jobs::{BoxFuture, Job, JobCtx, JobKey};

pub struct ListImages;

/// The image list, or why there is none.
pub struct Listed(pub Result<Vec<ImageRow>, String>);

impl Job for ListImages {
    fn key(&self) -> JobKey {
        JobKey::new("images", "")
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let r = match ctx.engine() {
                Ok(e) => crate::layers::list_images(e)
                    .await
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            ctx.report.send(Listed(r));
        })
    }
}
