//! The Images view's jobs: the engine's image list, and a watch of the image events that
//! lists again when an image is removed, untagged, tagged, loaded or pulled.

use std::time::Duration;

use futures_util::StreamExt;

use crate::layers::ImageRow;
use crate::tui::jobs::{BoxFuture, Job, JobCtx, JobKey};

/// Events arriving within this window are answered with one list request.
const DEBOUNCE: Duration = Duration::from_millis(150);

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

/// Lists again on every change of the image list, while the view is open.
pub struct WatchImages;

impl Job for WatchImages {
    fn key(&self) -> JobKey {
        JobKey::new("image events", "")
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let Ok(engine) = ctx.engine().cloned() else {
                return;
            };
            let since = crate::clock::now() - 1;
            let mut events = Box::pin(engine.image_events(since));
            while let Some(Ok(_)) = events.next().await {
                // Several events come together (`docker rmi` untags, then deletes).
                while let Ok(Some(Ok(_))) = tokio::time::timeout(DEBOUNCE, events.next()).await {}
                let r = crate::layers::list_images(&engine)
                    .await
                    .map_err(|e| e.to_string());
                if !ctx.report.send(Listed(r)) {
                    return;
                }
            }
        })
    }
}
