//! The parts of a container's inspect the Files view needs and the full inspect leaves out
//! (tmpfs mounts, added groups, dropped capabilities, the engine's own mounted files), parsed
//! from the same inspect (`Engine::container_details_and_extras`).

use serde::Deserialize;

use crate::model::files::ContainerExtras;

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct Wire {
    host_config: Option<WireHost>,
    hostname_path: Option<String>,
    hosts_path: Option<String>,
    resolv_conf_path: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireHost {
    tmpfs: Option<std::collections::BTreeMap<String, String>>,
    group_add: Option<Vec<String>>,
    cap_drop: Option<Vec<String>>,
}

/// `GET /containers/{id}/json` → the extras.
pub fn parse_extras(body: &[u8]) -> Result<ContainerExtras, serde_json::Error> {
    let w: Wire = serde_json::from_slice(body)?;
    let h = w.host_config.unwrap_or_default();
    let engine_files = [
        ("/etc/hostname", w.hostname_path),
        ("/etc/hosts", w.hosts_path),
        ("/etc/resolv.conf", w.resolv_conf_path),
    ]
    .into_iter()
    .filter_map(|(dest, host)| Some((dest.to_string(), host.filter(|h| !h.is_empty())?)))
    .collect();
    Ok(ContainerExtras {
        tmpfs: h.tmpfs.unwrap_or_default(),
        group_add: h.group_add.unwrap_or_default(),
        cap_drop: h.cap_drop.unwrap_or_default(),
        engine_files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tmpfs_groups_caps_and_engine_files() {
        let body = br#"{"HostConfig":{"Tmpfs":{"/app/logs":"rw,mode=0755"},"GroupAdd":["media"],"CapDrop":["ALL"]},
            "HostnamePath":"/var/lib/docker/containers/x/hostname","HostsPath":"","ResolvConfPath":null}"#;
        let e = parse_extras(body).unwrap();
        assert_eq!(
            e.tmpfs.get("/app/logs").map(String::as_str),
            Some("rw,mode=0755")
        );
        assert_eq!(
            (e.group_add, e.cap_drop),
            (vec!["media".to_string()], vec!["ALL".to_string()])
        );
        assert_eq!(
            e.engine_files,
            vec![(
                "/etc/hostname".to_string(),
                "/var/lib/docker/containers/x/hostname".to_string()
            )]
        );
        assert_eq!(parse_extras(b"{}").unwrap(), ContainerExtras::default());
    }
}
