//! Human sizes: parsing `50MB` / `1.5GiB` for gates, and printing bytes the way Docker does.

/// Parses a size: a number with an optional unit. `K`, `KB`, `M`, `MB`, `G`, `GB`, `T`, `TB`
/// are decimal (1 MB = 1,000,000 bytes, as `docker images` prints); `KiB`, `MiB`, `GiB`,
/// `TiB` (or `Ki`, `Mi`…) are binary; no unit or `B` means bytes. Case and spaces are ignored.
pub fn parse_size(text: &str) -> Option<u64> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .collect();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    if num.is_empty() || num.chars().filter(|&c| c == '.').count() > 1 {
        return None;
    }
    let value: f64 = num.parse().ok()?;
    let unit = unit.to_ascii_lowercase();
    let mult: f64 = match unit.as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "t" | "tb" => 1e12,
        "ki" | "kib" => 1024.0,
        "mi" | "mib" => 1024.0 * 1024.0,
        "gi" | "gib" => 1024.0 * 1024.0 * 1024.0,
        "ti" | "tib" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    let bytes = (value * mult).round();
    (bytes.is_finite() && bytes >= 0.0 && bytes < u64::MAX as f64).then_some(bytes as u64)
}

/// Bytes with a decimal unit, three significant digits: `83.9 MB`, `640 MB`, `512 B`.
pub fn format_size(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["B", "kB", "MB", "GB", "TB", "PB"];
    let mut v = bytes as f64;
    let mut i = 0;
    while v >= 999.5 && i + 1 < UNITS.len() {
        v /= 1000.0;
        i += 1;
    }
    if i == 0 {
        format!("{bytes} B")
    } else if v >= 99.95 {
        format!("{v:.0} {}", UNITS[i])
    } else if v >= 9.995 {
        format!("{v:.1} {}", UNITS[i])
    } else {
        format!("{v:.2} {}", UNITS[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_human_sizes() {
        assert_eq!(parse_size("50MB"), Some(50_000_000));
        assert_eq!(parse_size("50 mb"), Some(50_000_000));
        assert_eq!(parse_size("1.5GiB"), Some(1_610_612_736));
        assert_eq!(parse_size("512"), Some(512));
        assert_eq!(parse_size("10k"), Some(10_000));
        assert_eq!(parse_size("2Mi"), Some(2_097_152));
        assert_eq!(parse_size("1_000B"), Some(1000));
        for bad in ["", "MB", "1.2.3MB", "-5MB", "12 parsecs", "1e400"] {
            assert_eq!(parse_size(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_like_docker() {
        assert_eq!(format_size(0), "0 B");
        assert_eq!(format_size(999), "999 B");
        assert_eq!(format_size(83_886_080), "83.9 MB");
        assert_eq!(format_size(639_918_352), "640 MB");
        assert_eq!(format_size(1_982_256), "1.98 MB");
        assert_eq!(format_size(3_220), "3.22 kB");
    }
}
