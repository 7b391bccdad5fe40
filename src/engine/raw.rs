//! docktor's own request path, for what the client library does not model or models wrongly
//! (`/system/df` across API versions, the archive stat header, exec output with limits…).
//!
//! Requests go through the same transport as bollard's (`transport::Raw`), and every one
//! carries `/v<major>.<minor>`: the negotiated version unless a request asks for another one
//! the engine speaks. Responses come back whole (bounded) or as a stream of chunks.

use bytes::Bytes;
use futures_util::stream::BoxStream;
use futures_util::{StreamExt, TryStreamExt};
use http::{HeaderMap, StatusCode};
use http_body_util::{BodyExt, Full};
use serde::de::DeserializeOwned;

use super::connect::{CLIENT_API, parse_version};
use super::error::cause_chain;
use super::{Engine, EngineError};

pub use super::raw_request::{DEFAULT_TIMEOUT, Query, Request, seg};

/// The most a whole (non-streamed) body may hold.
pub const BODY_LIMIT: usize = 64 << 20;

/// The daemon's answer: status, headers and a body still to be read.
pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The API version the request was sent as.
    pub api: (u32, u32),
    body: hyper::body::Incoming,
    doing: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The whole body, refused past `limit` bytes.
    pub async fn bytes(self, limit: usize) -> Result<Bytes, EngineError> {
        let doing = self.doing.clone();
        let mut out = Vec::new();
        let mut chunks = self.chunks();
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk?;
            if out.len() + chunk.len() > limit {
                return Err(EngineError::Api {
                    doing,
                    message: format!("the answer is larger than {limit} bytes"),
                });
            }
            out.extend_from_slice(&chunk);
        }
        Ok(Bytes::from(out))
    }

    /// The body as chunks, as they arrive. Dropping the stream closes the connection.
    pub fn chunks(self) -> BoxStream<'static, Result<Bytes, EngineError>> {
        let doing = self.doing;
        self.body
            .into_data_stream()
            .map_err(move |e| EngineError::Api {
                doing: doing.clone(),
                message: cause_chain(&e),
            })
            .boxed()
    }

    /// The body parsed as JSON.
    pub async fn json<T: DeserializeOwned>(self) -> Result<T, EngineError> {
        let doing = self.doing.clone();
        let body = self.bytes(BODY_LIMIT).await?;
        serde_json::from_slice(&body).map_err(|e| EngineError::Api {
            doing,
            message: format!("the engine's answer does not parse: {e}"),
        })
    }

    /// The daemon's message (`{"message": …}`), or the status when it sent none.
    pub async fn message(self) -> String {
        let status = self.status;
        let body = self.bytes(1 << 20).await.unwrap_or_default();
        daemon_message(&body).unwrap_or_else(|| status.to_string())
    }

    /// The error the daemon answered (`{"message": …}`), worded for people.
    pub async fn into_error(self) -> EngineError {
        let status = self.status;
        let doing = self.doing.clone();
        let body = self.bytes(1 << 20).await.unwrap_or_default();
        let message = daemon_message(&body)
            .unwrap_or_else(|| format!("the engine answered {status} without a message"));
        if status == StatusCode::NOT_FOUND {
            EngineError::NotFound {
                what: doing,
                name: message,
            }
        } else {
            EngineError::Api { doing, message }
        }
    }
}

/// The `message` of an Engine API error body, or the body itself when it is short text.
pub fn daemon_message(body: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Msg {
        message: String,
    }
    if let Ok(m) = serde_json::from_slice::<Msg>(body) {
        return Some(m.message.trim().to_string());
    }
    let text = String::from_utf8_lossy(body).trim().to_string();
    (!text.is_empty() && text.chars().count() <= 500).then_some(text)
}

impl Engine {
    /// The API version requests are sent as (negotiated at connect).
    pub fn api_version(&self) -> (u32, u32) {
        parse_version(&self.info.api_version).unwrap_or(CLIENT_API)
    }

    /// The newest API version the engine speaks.
    pub fn server_api_version(&self) -> (u32, u32) {
        self.server_api
    }

    /// Sends `req`; any status comes back (transport failures and timeouts are errors).
    /// `doing` says what for, in error messages ("stat /app in web").
    pub async fn send(&self, req: Request, doing: &str) -> Result<Response, EngineError> {
        let api = req.api.unwrap_or_else(|| self.api_version());
        // Only an override is checked: a connection forced to a version (`connect_as`) is
        // meant to reach the daemon and hear its refusal.
        if req.api.is_some() && api > self.server_api {
            return Err(EngineError::Api {
                doing: doing.to_string(),
                message: format!(
                    "the engine speaks API up to {}.{}; {}.{} was asked for",
                    self.server_api.0, self.server_api.1, api.0, api.1
                ),
            });
        }
        let mut builder = http::Request::builder()
            .method(req.method.clone())
            .uri(req.path.as_str());
        let body = match req.body {
            Some((bytes, content_type)) => {
                builder = builder.header(http::header::CONTENT_TYPE, content_type);
                bytes
            }
            None => Bytes::new(),
        };
        let http_req = builder
            .body(Full::new(body))
            .map_err(|e| EngineError::Api {
                doing: doing.to_string(),
                message: format!("cannot build the request for {}: {e}", req.path),
            })?;
        let sent = tokio::time::timeout(req.timeout, self.raw.send(http_req, api)).await;
        let resp = match sent {
            Err(_) => {
                return Err(EngineError::Timeout {
                    doing: doing.to_string(),
                    after: req.timeout,
                });
            }
            Ok(Err(e)) => return Err(EngineError::from_api(doing, e)),
            Ok(Ok(r)) => r,
        };
        let (parts, body) = resp.into_parts();
        Ok(Response {
            status: parts.status,
            headers: parts.headers,
            api,
            body,
            doing: doing.to_string(),
        })
    }

    /// Like [`Engine::send`], but a status of 400 and above is an error.
    pub async fn call(&self, req: Request, doing: &str) -> Result<Response, EngineError> {
        let resp = self.send(req, doing).await?;
        if resp.status.is_client_error() || resp.status.is_server_error() {
            return Err(resp.into_error().await);
        }
        Ok(resp)
    }

    /// [`Engine::call`] and parse the body as JSON.
    pub async fn call_json<T: DeserializeOwned>(
        &self,
        req: Request,
        doing: &str,
    ) -> Result<T, EngineError> {
        self.call(req, doing).await?.json().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daemon_messages_are_read() {
        assert_eq!(
            daemon_message(br#"{"message":"No such container: x"}"#).as_deref(),
            Some("No such container: x")
        );
        assert_eq!(
            daemon_message(b"page not found\n").as_deref(),
            Some("page not found")
        );
        assert_eq!(daemon_message(b""), None);
    }
}
