//! `docktor compare IMAGE...` through the binary, on every engine of the kit, on two images
//! the test builds (a 400 kB and a 100 kB payload on the same base): the guide's table with
//! the first image as the baseline and the improvement of the second, the largest
//! differences (the payload's directory first), the advice per image; the same figures in
//! JSON (`rows[]`, `differences[]`, `advice[]`); a missing image is exit 2, naming it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::{Command, Output};

use common::built::{self, BuiltImage};
use common::kit::{KitEngine, for_each_engine};

fn dockerfile(kb: u32) -> String {
    format!(
        "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n\
         RUN mkdir /payload && head -c {} /dev/urandom > /payload/blob\n",
        kb * 1000
    )
}

fn compare(e: &KitEngine, args: &[&str]) -> Output {
    let dir = tempfile::tempdir().expect("temp dir");
    Command::new(common::docktor_bin())
        .args(["-H", &e.host(), "compare"])
        .args(args)
        .current_dir(dir.path()) // no docktor.toml of the repository
        .output()
        .expect("run docktor compare")
}

fn size(e: &KitEngine, tag: &str) -> u64 {
    e.docker_ok(&["image", "inspect", "-f", "{{.Size}}", tag])
        .parse()
        .expect("a size")
}

#[tokio::test]
async fn markdown_and_json_of_two_images() {
    for_each_engine(async |e| {
        let big = BuiltImage::build(
            e,
            &format!("{}:big", built::name("compare", "two", e)),
            &dockerfile(400),
        );
        let small = BuiltImage::build(
            e,
            &format!("{}:small", built::name("compare", "two", e)),
            &dockerfile(100),
        );
        let (b, s) = (size(e, &big.tag), size(e, &small.tag));
        let change = (s as f64 - b as f64) / b as f64 * 100.0;

        let o = compare(e, &[&big.tag, &small.tag]);
        let md = String::from_utf8_lossy(&o.stdout);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let lines: Vec<&str> = md.lines().collect();
        assert_eq!(
            lines[0], "| Optimization | Image Size | Improvement |",
            "{md}"
        );
        assert!(
            lines[2].starts_with(&format!("| {} |", big.tag)) && lines[2].ends_with("| Baseline |"),
            "{md}"
        );
        let improvement = format!("| {:.0}% |", change);
        assert!(
            lines[3].starts_with(&format!("| {} |", small.tag)) && lines[3].ends_with(&improvement),
            "{improvement} ({b} → {s} bytes):\n{md}"
        );
        let first_difference = md
            .lines()
            .skip_while(|l| !l.starts_with("| Image | What |"))
            .nth(2)
            .unwrap_or_default();
        assert!(
            first_difference.starts_with(&format!("| {} | dir `/payload` |", small.tag))
                && first_difference.ends_with("| -300 kB |"),
            "the largest difference first:\n{md}"
        );
        assert!(md.contains("| Image | Advice |"), "{md}");

        let o = compare(e, &[&big.tag, &small.tag, "--format", "json"]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
        let rows = v["rows"].as_array().expect("rows[]");
        assert_eq!(rows.len(), 2, "{v}");
        assert_eq!(rows[0]["image"], big.tag.as_str());
        assert_eq!(rows[0]["size_bytes"], b);
        assert_eq!(
            rows[0]["change_percent"],
            serde_json::Value::Null,
            "the baseline"
        );
        assert_eq!(rows[1]["size_bytes"], s);
        let got = rows[1]["change_percent"].as_f64().expect("change_percent");
        assert!((got - change).abs() < 1e-6, "{got} vs {change}");
        let d = &v["differences"][0];
        assert_eq!(
            (d["name"].as_str(), d["kind"].as_str(), d["delta"].as_i64()),
            (Some("/payload"), Some("dir"), Some(-300_000)),
            "{v}"
        );
        let advice = v["advice"].as_array().expect("advice[]");
        assert_eq!(advice.len(), 2);
        assert_eq!(advice[1]["image"], small.tag.as_str());

        let o = compare(e, &[&big.tag, "docktor-no-such-image:404"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains("docktor-no-such-image:404"), "{err}");
        assert!(o.stdout.is_empty(), "no half table");
    })
    .await;
}
