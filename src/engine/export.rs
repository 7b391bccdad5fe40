//! An image's export (`GET /images/{name}/get`, the `docker save` format) as a stream of
//! byte chunks, for readers that walk it without keeping it.

use bytes::Bytes;
use futures_util::{Stream, StreamExt};

use super::{Engine, EngineError};

impl Engine {
    /// Streams the export of image `name`. The stream owns what it needs (it may be moved
    /// into a task); dropping it stops the transfer. A failure mid-way is the last item.
    pub fn export_image(
        &self,
        name: &str,
    ) -> impl Stream<Item = Result<Bytes, EngineError>> + Send + 'static {
        let doing = format!("export image {name}");
        self.docker()
            .export_image(name)
            .map(move |chunk| chunk.map_err(|e| EngineError::from_api(doing.clone(), e)))
    }
}
