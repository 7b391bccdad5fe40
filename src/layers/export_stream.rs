//! The engine's export of an image, pumped by a task into a bounded channel that a blocking
//! reader (`archived::ChannelReader`) drains; dropping it stops the transfer.

use bytes::Bytes;
use futures_util::StreamExt;
use tokio::sync::mpsc;

use crate::engine::Engine;

/// Chunks kept ahead of the reader.
const AHEAD: usize = 64;

pub(crate) struct ExportStream {
    pub rx: mpsc::Receiver<Result<Bytes, String>>,
    pump: tokio::task::JoinHandle<()>,
}

impl ExportStream {
    /// Starts exporting `image`; the engine prepares it while the caller does other work.
    pub fn start(engine: &Engine, image: &str) -> Self {
        let (tx, rx) = mpsc::channel::<Result<Bytes, String>>(AHEAD);
        let stream = engine.export_image(image);
        let pump = tokio::spawn(async move {
            let mut stream = std::pin::pin!(stream);
            while let Some(chunk) = stream.next().await {
                let failed = chunk.is_err();
                if tx.send(chunk.map_err(|e| e.to_string())).await.is_err() || failed {
                    break;
                }
            }
        });
        ExportStream { rx, pump }
    }
}

impl Drop for ExportStream {
    fn drop(&mut self) {
        self.pump.abort();
    }
}
