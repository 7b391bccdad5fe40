//! Telling a malformed image reference before asking the daemon: an empty name would reach
//! the daemon as `/images//json` (it answers with a redirect, "status code 301"), `a?b`
//! would become a query string. The grammar is the docker CLI's: `[DOMAIN[:PORT]/]PATH[:TAG]
//! [@DIGEST]`, lowercase path components joined by `.`, `_`, `__` or dashes, or an image ID
//! (`sha256:` and hex, or a hex prefix).

/// Why `r` is not an image reference, or `Ok` when it is one.
pub fn check(r: &str) -> Result<(), String> {
    if r.trim().is_empty() {
        return Err("the name is empty".into());
    }
    if let Some(c) = r.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("it contains {}", describe(c)));
    }
    if let Some(hex) = r.strip_prefix("sha256:") {
        return if !hex.is_empty() && hex.len() <= 64 && hex.bytes().all(is_hex) {
            Ok(())
        } else {
            Err("an ID is `sha256:` and up to 64 hex digits".into())
        };
    }
    let (rest, digest) = match r.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (r, None),
    };
    if let Some(d) = digest {
        let ok = d.split_once(':').is_some_and(|(alg, hex)| {
            !alg.is_empty()
                && alg
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+._-".contains(&b))
                && hex.len() >= 32
                && hex.bytes().all(is_hex)
        });
        if !ok {
            return Err(format!(
                "`@{d}` is not a digest (sha256: and 64 hex digits)"
            ));
        }
    }
    // The tag is after the last `:` that follows the last `/` (a port is before a `/`).
    let (name, tag) = match rest.rfind(':') {
        Some(i) if !rest[i..].contains('/') => (&rest[..i], Some(&rest[i + 1..])),
        _ => (rest, None),
    };
    if let Some(t) = tag {
        let mut b = t.bytes();
        let first_ok = b
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_');
        if !first_ok
            || t.len() > 128
            || !b.all(|c| c.is_ascii_alphanumeric() || b"_.-".contains(&c))
        {
            return Err(format!(
                "`{t}` is not a tag (letters, digits, `_`, `.` and `-`, up to 128)"
            ));
        }
    }
    if name.is_empty() {
        return Err("the repository name is missing".into());
    }
    if name.len() > 255 {
        return Err("the repository name is longer than 255 characters".into());
    }
    let mut parts: Vec<&str> = name.split('/').collect();
    let first = parts[0];
    let domain = parts.len() > 1
        && (first.contains(['.', ':'])
            || first == "localhost"
            || first.bytes().any(|b| b.is_ascii_uppercase()));
    if domain {
        parts.remove(0);
        let (host, port) = match first.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (first, None),
        };
        let host_ok = !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".-".contains(&b));
        if !host_ok || port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(format!("`{first}` is not a registry host[:port]"));
        }
    }
    for p in parts {
        if p.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err("the repository name must be lowercase".into());
        }
        if !component(p) {
            return Err(format!(
                "`{p}` is not a name component (lowercase letters and digits, joined by `.`, `_`, `__` or `-`)"
            ));
        }
    }
    Ok(())
}

fn is_hex(b: u8) -> bool {
    b.is_ascii_digit() || (b'a'..=b'f').contains(&b)
}

/// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`
fn component(p: &str) -> bool {
    let b = p.as_bytes();
    let alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    if b.is_empty() || !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &p[start..i];
        if !(sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|c| c == b'-')) {
            return false;
        }
    }
    true
}

fn describe(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\t' => "a tab".into(),
        '\n' | '\r' => "a line break".into(),
        c => format!("the character U+{:04X}", c as u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_people_use_pass() {
        for ok in [
            "web",
            "web:1.4",
            "docktor-fixture/base:latest",
            "registry.local:5000/shop/web:1",
            "localhost/x",
            "Registry.Example.com/a/b",
            "a__b.c-d---e",
            "4ba8df49e1ff",
            "sha256:4ba8df49e1ff96e72ad9c1212378af50ea1b671c01d0a08379664034e0eb03a1",
            "web@sha256:4ba8df49e1ff96e72ad9c1212378af50ea1b671c01d0a08379664034e0eb03a1",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn malformed_ones_say_why() {
        for (bad, why) in [
            ("", "empty"),
            ("  ", "empty"),
            ("a b", "a space"),
            ("UPPER:1", "lowercase"),
            ("web:", "not a tag"),
            (":tag", "missing"),
            ("a?b", "not a name component"),
            ("a#b", "not a name component"),
            ("x/../y", "not a name component"),
            ("sha256:", "an ID"),
            ("@sha256:abc", "not a digest"),
            ("ok:tag@sha256:zz", "not a digest"),
            ("base:latest%", "not a tag"),
            ("-web", "not a name component"),
            ("web/", "not a name component"),
        ] {
            let e = check(bad).expect_err(bad);
            assert!(e.contains(why), "{bad}: {e}");
        }
    }
}
