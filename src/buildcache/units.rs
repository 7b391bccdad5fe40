//! What people type for a prune: how old (`24h`, `7d`, `90m`, `1h30m`, `2w`) and how much
//! (`1.5GB`, `500MiB`, through the profile's size parser), with errors that show how to
//! write it; and sizes printed as `docker system df` prints them (`2.29MB`).

use std::time::Duration;

/// Parses an age such as `24h`, `7d`, `1h30m`, `1.5h`, `2w`, `45s` (a sum of number–unit
/// pairs; units s, m, h, d = 24 h, w = 7 d).
pub fn parse_until(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    let bad = || {
        format!(
            "'{s}' is not an age; write a number and a unit: 90m, 24h, 7d, 2w (s, m, h, d, w), \
             or a sum such as 1h30m"
        )
    };
    if t.is_empty() {
        return Err(bad());
    }
    let mut total = 0f64;
    let mut rest = t;
    while !rest.is_empty() {
        let n_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(|| format!("'{s}' has a number without a unit; write e.g. 24h or 7d"))?;
        let (num, tail) = rest.split_at(n_end);
        let u_end = tail
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(tail.len());
        let (unit, tail) = tail.split_at(u_end);
        let n: f64 = num.parse().map_err(|_| bad())?;
        let secs = match unit.trim() {
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            "d" => 86_400.0,
            "w" => 604_800.0,
            "" => return Err(bad()),
            u => {
                return Err(format!(
                    "unknown unit '{u}' in '{s}'; use s, m, h, d or w (e.g. 24h, 7d)"
                ));
            }
        };
        total += n * secs;
        rest = tail;
    }
    if !(total.is_finite() && total < 1e15) {
        return Err(format!("'{s}' is too long an age"));
    }
    Ok(Duration::from_secs(total.round() as u64))
}

/// A storage limit (`--keep-storage`): the profile's size parser (`1.5GB` = 1.5 × 10⁹
/// bytes, `1.5GiB` = 1.5 × 2³⁰), with a hint in the error.
pub fn parse_storage(s: &str) -> Result<u64, String> {
    crate::profile::parse_size(s)
}

/// An age for people: `3d`, `5h`, `12m`, `40s`.
pub fn format_age(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m", s / 60),
        3600..86_400 => format!("{}h", s / 3600),
        _ => format!("{}d", s / 86_400),
    }
}

/// Bytes as `docker system df` prints them (go-units `HumanSize`: powers of 1000, four
/// significant digits, no space): `0B`, `262B`, `2.29MB`, `1.983MB`, `26.03MB`.
pub fn docker_size(bytes: u64) -> String {
    const UNITS: [&str; 9] = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    let mut v = bytes as f64;
    let mut i = 0;
    while v >= 1000.0 && i + 1 < UNITS.len() {
        v /= 1000.0;
        i += 1;
    }
    format!("{}{}", go_g4(v), UNITS[i])
}

/// Go's `%.4g` for 0 ≤ v < 1000: four significant digits, trailing zeros dropped.
fn go_g4(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let digits_before = if v >= 1.0 {
        (v.log10().floor() as i32) + 1
    } else {
        1
    };
    let decimals = (4 - digits_before).max(0) as usize;
    let s = format!("{v:.decimals$}");
    // Rounding may carry into a fifth digit (999.95 → "1000.0"): Go prints "1000".
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages() {
        let h = |s: &str| parse_until(s).map(|d| d.as_secs());
        assert_eq!(h("24h"), Ok(86_400));
        assert_eq!(h("7d"), Ok(604_800));
        assert_eq!(h(" 90m "), Ok(5_400));
        assert_eq!(h("1h30m"), Ok(5_400));
        assert_eq!(h("1.5h"), Ok(5_400));
        assert_eq!(h("2w"), Ok(1_209_600));
        assert_eq!(h("45s"), Ok(45));
        for bad in ["", "24", "h", "7x", "-1h", "1..5h", "1e9w9"] {
            assert!(parse_until(bad).is_err(), "{bad}");
        }
        assert!(parse_until("7x").unwrap_err().contains("unknown unit 'x'"));
        assert!(parse_until("24").unwrap_err().contains("without a unit"));
        assert!(parse_until("soon").unwrap_err().contains("24h, 7d"));
        assert_eq!(format_age(Duration::from_secs(3 * 86_400 + 5)), "3d");
    }

    #[test]
    fn storage() {
        assert_eq!(parse_storage("1.5GB"), Ok(1_500_000_000));
        assert_eq!(parse_storage("512MiB"), Ok(536_870_912));
        assert!(parse_storage("lots").unwrap_err().contains("400MB"));
    }

    #[test]
    fn sizes_like_docker_system_df() {
        assert_eq!(docker_size(0), "0B");
        assert_eq!(docker_size(3), "3B");
        assert_eq!(docker_size(262), "262B");
        assert_eq!(docker_size(2_289_983), "2.29MB");
        assert_eq!(docker_size(1_982_518), "1.983MB");
        assert_eq!(docker_size(26_030_000), "26.03MB");
        assert_eq!(docker_size(21_800_000), "21.8MB");
        assert_eq!(docker_size(307_203), "307.2kB");
        assert_eq!(docker_size(999_999), "1000kB");
        assert_eq!(docker_size(1_000_000), "1MB");
    }
}
