//! Printing bytes the way Docker does (`83.9 MB`). Sizes people write are parsed by
//! `crate::profile::parse_size`, one parser for the profile and the gates.

/// `1 layer`, `3 layers`: a count and its noun, in the plural when it is not one.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else if let Some(stem) = noun.strip_suffix('y') {
        format!("{n} {stem}ies")
    } else {
        format!("{n} {noun}s")
    }
}

/// Bytes with a decimal unit, three significant digits: `83.9 MB`, `640 MB`, `512 B`.
///
/// `humansize` formats; docktor picks the unit and the decimals, because humansize has a
/// fixed number of decimals (`8.02 MB` but also `640.00 MB`) and moves to the next unit only
/// at 1000 (`999.6 kB` would print `1000 kB`, Docker prints `1.00 MB`).
pub fn format_size(bytes: u64) -> String {
    use humansize::{DECIMAL, FixedAt};
    const UNITS: [FixedAt; 6] = [
        FixedAt::Base,
        FixedAt::Kilo,
        FixedAt::Mega,
        FixedAt::Giga,
        FixedAt::Tera,
        FixedAt::Peta,
    ];
    let mut v = bytes as f64;
    let mut i = 0;
    while v >= 999.5 && i + 1 < UNITS.len() {
        v /= 1000.0;
        i += 1;
    }
    let decimals = if i == 0 || v >= 99.95 {
        0
    } else if v >= 9.995 {
        1
    } else {
        2
    };
    let opts = DECIMAL
        .fixed_at(Some(UNITS[i]))
        .decimal_places(decimals)
        .decimal_zeroes(decimals);
    humansize::format_size(bytes, opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_say_one_without_an_s() {
        assert_eq!(count(1, "layer"), "1 layer");
        assert_eq!(count(0, "layer"), "0 layers");
        assert_eq!(count(2, "directory"), "2 directories");
        assert_eq!(count(1, "metadata step"), "1 metadata step");
    }

    #[test]
    fn gate_sizes_parse_with_the_profile_parser() {
        let p = |s: &str| crate::profile::parse_size(s).ok();
        assert_eq!(p("50MB"), Some(50_000_000));
        assert_eq!(p("50 mb"), Some(50_000_000));
        assert_eq!(p("1.5GiB"), Some(1_610_612_736));
        assert_eq!(p("512"), Some(512));
        assert_eq!(p("10k"), Some(10_000));
        for bad in ["", "MB", "1.2.3MB", "-5MB", "12 parsecs", "1e400"] {
            assert_eq!(p(bad), None, "{bad}");
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
        assert_eq!(format_size(8_000_000), "8.00 MB");
        assert_eq!(format_size(8_020_000), "8.02 MB");
        assert_eq!(format_size(999_600), "1.00 MB");
        assert_eq!(format_size(100_000), "100 kB");
        assert_eq!(format_size(1_000_000_000_000_000_000), "1000 PB");
    }
}
