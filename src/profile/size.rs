//! Human sizes for the profile: "400MB" (powers of 1000), "1.5GiB" (powers of 1024),
//! or a plain number of bytes.

/// Parses a size into bytes. Decimal units: B, kB/KB, MB, GB, TB (and K, M, G, T);
/// binary units: KiB, MiB, GiB, TiB. Units are case-insensitive, a space before the unit
/// is allowed, and fractions round down to whole bytes.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = (&t[..split], t[split..].trim_start());
    if num.is_empty() || num.starts_with('.') || num.ends_with('.') || num.matches('.').count() > 1
    {
        return Err(format!(
            "'{s}' is not a size; write a number and a unit, e.g. \"400MB\" or \"1.5GiB\""
        ));
    }
    let mult: u128 = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "m" | "mb" => 1_000_000,
        "g" | "gb" => 1_000_000_000,
        "t" | "tb" => 1_000_000_000_000,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        "tib" => 1 << 40,
        _ => {
            return Err(format!(
                "unknown unit '{unit}' in '{s}'; use B, kB, MB, GB, TB (powers of 1000) \
                 or KiB, MiB, GiB, TiB (powers of 1024)"
            ));
        }
    };
    let (whole, frac) = num.split_once('.').unwrap_or((num, ""));
    let too_big = || format!("'{s}' is too large");
    if frac.len() > 18 {
        return Err(format!("'{s}' has too many decimal places"));
    }
    let scale = 10u128.pow(frac.len() as u32);
    let digits: u128 = format!("{whole}{frac}").parse().map_err(|_| too_big())?;
    let bytes = digits
        .checked_mul(mult)
        .map(|b| b / scale)
        .ok_or_else(too_big)?;
    u64::try_from(bytes).map_err(|_| too_big())
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn units() {
        assert_eq!(parse_size("400MB"), Ok(400_000_000));
        assert_eq!(parse_size("400 mb"), Ok(400_000_000));
        assert_eq!(parse_size("1.5GiB"), Ok(1_610_612_736));
        assert_eq!(parse_size("1MiB"), Ok(1_048_576));
        assert_eq!(parse_size("2kB"), Ok(2_000));
        assert_eq!(parse_size("3KiB"), Ok(3_072));
        assert_eq!(parse_size("1T"), Ok(1_000_000_000_000));
        assert_eq!(parse_size("12345"), Ok(12_345));
        assert_eq!(parse_size(" 7 B "), Ok(7));
        assert_eq!(parse_size("0.5B"), Ok(0));
        assert_eq!(parse_size("1.25MB"), Ok(1_250_000));
    }

    #[test]
    fn errors() {
        assert!(parse_size("").unwrap_err().contains("not a size"));
        assert!(parse_size("MB").unwrap_err().contains("not a size"));
        assert!(parse_size("-5MB").unwrap_err().contains("not a size"));
        assert!(parse_size("1.2.3MB").unwrap_err().contains("not a size"));
        assert!(parse_size("5.MB").unwrap_err().contains("not a size"));
        let unit = parse_size("400XB").unwrap_err();
        assert!(unit.starts_with("unknown unit 'XB' in '400XB'"), "{unit}");
        assert!(
            parse_size("99999999999999999999TB")
                .unwrap_err()
                .contains("too large")
        );
        assert!(parse_size("20000000TB").unwrap_err().contains("too large"));
    }
}
