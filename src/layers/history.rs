//! Image history entries turned into layer steps: cleaned instructions, empty steps, the
//! diff_id each non-empty step made, and its share of the image.

use super::base::{BaseInfo, BaseRule};
use serde::Serialize;

/// One history entry of an image, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// The instruction, without `/bin/sh -c #(nop) ` / `/bin/sh -c ` and BuildKit's `# buildkit`.
    pub created_by: String,
    /// As the daemon has it (build args included); output shows it masked.
    #[serde(serialize_with = "masked")]
    pub created_by_raw: String,
    /// Unix seconds, when known.
    pub created: Option<i64>,
    pub comment: String,
    /// Bytes of the layer this step made (0 for empty steps).
    pub size_bytes: u64,
    /// `size_bytes` / image size.
    pub share: f64,
    /// Metadata-only step (ENV, CMD, LABEL…): it made no layer. A UI may fold these.
    pub empty: bool,
    /// Index into the image's diff_ids of the layer this step made.
    pub layer: Option<usize>,
    /// The step belongs to the base image (see the module doc of `quick`).
    pub base: bool,
}

/// A history entry as the daemon (history endpoint) or an image config gives it.
#[derive(Debug, Clone, Default)]
pub struct Raw {
    pub created_by: String,
    pub created: Option<i64>,
    pub comment: String,
    pub size: Option<u64>,
    /// Known from an image config; the daemon's history endpoint does not say.
    pub empty_layer: Option<bool>,
}

fn masked<S: serde::Serializer>(raw: &str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crate::envcheck::mask_text(raw))
}

/// Strips the shell wrapper from a `created_by`, and masks the secrets it may show
/// (`ENV SECRET_KEY=…`, URL passwords): every view and report shows this text.
pub fn clean(created_by: &str) -> String {
    crate::envcheck::mask_text(&unwrap_shell(created_by))
}

fn unwrap_shell(created_by: &str) -> String {
    let s = strip_build_args(created_by.trim());
    let s = s.strip_suffix("# buildkit").unwrap_or(s).trim_end();
    let s = s
        .strip_prefix("/bin/sh -c #(nop) ")
        .or_else(|| s.strip_prefix("/bin/sh -c "))
        .unwrap_or(s);
    match s.strip_prefix("RUN /bin/sh -c ") {
        Some(rest) => format!("RUN {}", rest.trim()),
        None => s.trim().to_string(),
    }
}

/// The classic builder writes the build args a `RUN` saw in front of it:
/// `|2 A=1 B=2 /bin/sh -c make`. People want the command.
fn strip_build_args(s: &str) -> &str {
    let Some(rest) = s.strip_prefix('|') else {
        return s;
    };
    let Some((n, mut rest)) = rest.split_once(' ') else {
        return s;
    };
    let Ok(n) = n.parse::<usize>() else {
        return s;
    };
    for _ in 0..n {
        match rest.split_once(' ') {
            Some((kv, tail)) if kv.contains('=') => rest = tail,
            _ => return s,
        }
    }
    rest.trim_start()
}

/// Does this instruction usually make a layer (RUN, COPY, ADD, WORKDIR) rather than metadata?
fn makes_layer(created_by: &str) -> bool {
    let raw = created_by.trim();
    if raw.starts_with("/bin/sh -c #(nop) ") {
        let c = clean(raw);
        return c.starts_with("COPY") || c.starts_with("ADD") || c.starts_with("WORKDIR");
    }
    let c = clean(raw);
    let word = c.split_whitespace().next().unwrap_or("");
    const META: [&str; 13] = [
        "ENV",
        "LABEL",
        "CMD",
        "ENTRYPOINT",
        "EXPOSE",
        "USER",
        "ARG",
        "VOLUME",
        "STOPSIGNAL",
        "HEALTHCHECK",
        "SHELL",
        "ONBUILD",
        "MAINTAINER",
    ];
    !META.contains(&word)
}

/// Builds the steps and assigns each of the `layers` diff_ids to the step that made it.
/// With `empty_layer` flags (image config) the mapping is exact; from the daemon's history,
/// steps with a size are layers, and 0-byte layers go to the layer-making instructions.
pub fn steps(raw: &[Raw], layers: usize, image_size: u64) -> Vec<Step> {
    let exact = raw.iter().all(|r| r.empty_layer.is_some())
        && raw.iter().filter(|r| r.empty_layer == Some(false)).count() == layers;
    let is_layer: Vec<bool> = if exact {
        raw.iter().map(|r| r.empty_layer == Some(false)).collect()
    } else {
        let mut v: Vec<bool> = raw.iter().map(|r| r.size.unwrap_or(0) > 0).collect();
        let mut need = layers.saturating_sub(v.iter().filter(|&&b| b).count());
        for pass in 0..2 {
            for (i, r) in raw.iter().enumerate() {
                if need > 0 && !v[i] && (pass == 1 || makes_layer(&r.created_by)) {
                    v[i] = true;
                    need -= 1;
                }
            }
        }
        v
    };
    let mut next = 0usize;
    raw.iter()
        .zip(is_layer)
        .map(|(r, layer)| {
            let idx = (layer && next < layers).then(|| {
                next += 1;
                next - 1
            });
            let size = if idx.is_some() {
                r.size.unwrap_or(0)
            } else {
                0
            };
            Step {
                created_by: clean(&r.created_by),
                created_by_raw: r.created_by.clone(),
                created: r.created,
                comment: r.comment.clone(),
                size_bytes: size,
                share: if image_size == 0 {
                    0.0
                } else {
                    size as f64 / image_size as f64
                },
                empty: idx.is_none(),
                layer: idx,
                base: false,
            }
        })
        .collect()
}

/// The history rule for base layers: up to the last `CMD`/`ENTRYPOINT` step that a
/// layer-making step follows.
pub fn base_from_history(steps: &[Step]) -> Option<BaseInfo> {
    let last_layer_step = steps.iter().rposition(|s| s.layer.is_some())?;
    let boundary = steps[..last_layer_step]
        .iter()
        .rposition(|s| s.created_by.starts_with("CMD") || s.created_by.starts_with("ENTRYPOINT"))?;
    let layers = steps[..=boundary]
        .iter()
        .filter(|s| s.layer.is_some())
        .count();
    (layers > 0).then_some(BaseInfo {
        name: None,
        layers,
        rule: BaseRule::HistoryBoundary,
    })
}

/// Marks the steps that made the first `base_layers` layers, and the empty steps among them.
pub fn mark_base(steps: &mut [Step], base_layers: usize) {
    let Some(last) = steps
        .iter()
        .rposition(|s| s.layer.is_some_and(|l| l + 1 == base_layers))
    else {
        return;
    };
    let end = steps[last + 1..]
        .iter()
        .position(|s| {
            !s.empty || !(s.created_by.starts_with("CMD") || s.created_by.starts_with("ENTRYPOINT"))
        })
        .map_or(steps.len(), |p| last + 1 + p);
    for s in &mut steps[..end] {
        s.base = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(by: &str, size: u64) -> Raw {
        Raw {
            created_by: by.into(),
            size: Some(size),
            ..Raw::default()
        }
    }

    #[test]
    fn secrets_in_instructions_are_masked() {
        assert_eq!(
            clean("/bin/sh -c #(nop)  ENV SECRET_KEY=abc123 DEBUG=0"),
            "ENV SECRET_KEY=*** DEBUG=0"
        );
        assert_eq!(
            clean("RUN /bin/sh -c psql postgres://u:pw@db/x # buildkit"),
            "RUN psql postgres://u:***@db/x"
        );
    }

    #[test]
    fn build_args_are_stripped() {
        assert_eq!(clean("|1 DEMO_UNIT=10000 /bin/sh -c make all"), "make all");
        assert_eq!(
            clean("|2 A=1 B=2 /bin/busybox --install -s /bin"),
            "/bin/busybox --install -s /bin"
        );
        assert_eq!(clean("|x not args"), "|x not args");
    }

    #[test]
    fn cleans_shell_wrappers() {
        assert_eq!(
            clean("/bin/sh -c #(nop)  CMD [\"python3\"]"),
            "CMD [\"python3\"]"
        );
        assert_eq!(clean("/bin/sh -c apt-get update"), "apt-get update");
        assert_eq!(
            clean("RUN /bin/sh -c pip install x # buildkit"),
            "RUN pip install x"
        );
        assert_eq!(clean("COPY . /app # buildkit"), "COPY . /app");
    }

    #[test]
    fn zero_byte_layers_go_to_layer_making_steps() {
        let r = vec![
            raw("/bin/sh -c #(nop) ADD file:abc in / ", 100),
            raw("/bin/sh -c #(nop)  CMD [\"sh\"]", 0),
            raw("/bin/sh -c #(nop)  ENV A=1", 0),
            raw("/bin/sh -c true", 0),
            raw("/bin/sh -c #(nop) COPY dir:x in /app ", 50),
        ];
        let s = steps(&r, 3, 150);
        let layers: Vec<_> = s.iter().map(|x| x.layer).collect();
        assert_eq!(layers, [Some(0), None, None, Some(1), Some(2)]);
        assert!((s[0].share - 100.0 / 150.0).abs() < 1e-9);
        let b = base_from_history(&s).map(|b| b.layers);
        assert_eq!(b, Some(1));
        let mut s = s;
        mark_base(&mut s, 1);
        assert_eq!(
            s.iter().map(|x| x.base).collect::<Vec<_>>(),
            [true, true, false, false, false]
        );
    }

    #[test]
    fn config_flags_make_the_mapping_exact() {
        let mut a = raw("/bin/sh -c true", 0);
        a.empty_layer = Some(true);
        let mut b = raw("/bin/sh -c true", 0);
        b.empty_layer = Some(false);
        let s = steps(&[a, b], 1, 0);
        assert_eq!(
            s.iter().map(|x| x.layer).collect::<Vec<_>>(),
            [None, Some(0)]
        );
    }
}
