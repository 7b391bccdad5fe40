//! The HTTP probe from the host, for a container with no curl, wget or python: one plain
//! `GET` over TCP (HTTP/1.0, the connection closed by the server), bounded in time and
//! size, read with the same parser as the tools' output.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::probe_now::{HttpResult, parse_http};

/// The most of a response read.
const LIMIT: u64 = 64 * 1024;

/// `http://host:port/path` → (host, port, path).
pub fn split_url(url: &str) -> Option<(String, u16, String)> {
    let rest = url.strip_prefix("http://")?;
    let (authority, path) = match rest.split_once('/') {
        Some((a, p)) => (a, format!("/{p}")),
        None => (rest, "/".to_string()),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, p.parse().ok()?),
        None => (authority, 80),
    };
    (!host.is_empty()).then(|| (host.to_string(), port, path))
}

/// GETs `url` within `timeout`.
pub async fn get(url: &str, timeout: Duration) -> HttpResult {
    let failed = |e: String| HttpResult {
        status: None,
        body: Vec::new(),
        error: Some(e),
    };
    let Some((host, port, path)) = split_url(url) else {
        return failed(format!("cannot read the address {url}"));
    };
    let run = async {
        let mut s = TcpStream::connect((host.as_str(), port))
            .await
            .map_err(|e| format!("cannot connect to {host}:{port}: {e}"))?;
        let req = format!(
            "GET {path} HTTP/1.0\r\nHost: {host}:{port}\r\nUser-Agent: docktor\r\nConnection: close\r\n\r\n"
        );
        s.write_all(req.as_bytes())
            .await
            .map_err(|e| format!("cannot send the request: {e}"))?;
        let mut buf = Vec::new();
        s.take(LIMIT)
            .read_to_end(&mut buf)
            .await
            .map_err(|e| format!("the answer broke off: {e}"))?;
        Ok::<_, String>(buf)
    };
    match tokio::time::timeout(timeout, run).await {
        Err(_) => failed(format!("no answer within {} s", timeout.as_secs())),
        Ok(Err(e)) => failed(e),
        Ok(Ok(buf)) => parse_http(&String::from_utf8_lossy(&buf), ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_into_host_port_and_path() {
        assert_eq!(
            split_url("http://172.17.0.5:8000/health/"),
            Some(("172.17.0.5".into(), 8000, "/health/".into()))
        );
        assert_eq!(split_url("http://h"), Some(("h".into(), 80, "/".into())));
        assert_eq!(split_url("https://h/"), None);
        assert_eq!(split_url("http://:80/"), None);
    }

    #[tokio::test]
    async fn a_local_server_answers_and_a_closed_port_is_said() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
        tokio::spawn(async move {
            if let Ok((mut s, _)) = listener.accept().await {
                let mut b = [0u8; 512];
                let _ = s.read(&mut b).await;
                let _ = s
                    .write_all(b"HTTP/1.0 503 Service Unavailable\r\n\r\ndatabase gone\n")
                    .await;
            }
        });
        let r = get(
            &format!("http://127.0.0.1:{port}/health/"),
            Duration::from_secs(5),
        )
        .await;
        assert_eq!(r.status, Some(503));
        assert_eq!(r.body, vec!["database gone"]);
        let closed = get("http://127.0.0.1:1/", Duration::from_secs(5)).await;
        assert!(closed.error.is_some_and(|e| e.contains("cannot connect")));
    }
}
