//! The types a variable's value can be checked against: dotenv-linter's schema types
//! (string with regex, integer, float, boolean, URL, email) plus what this stack needs —
//! ports, host names and comma lists (`ALLOWED_HOSTS`, `CORS_ALLOWED_ORIGINS`) — and the
//! types docktor assumes for the guide's variables when no schema names them.

use regex::Regex;

/// What a value must look like.
#[derive(Debug, Clone)]
pub enum ValueType {
    /// Anything; with a regex, a value it matches (anywhere, as dotenv-linter does).
    String(Option<Regex>),
    /// A 32-bit signed integer (dotenv-linter's range).
    Integer,
    Float,
    /// true/false, yes/no, on/off, 1/0, in any case (Django settings read `True`).
    Boolean,
    /// An absolute URL (`scheme:…`).
    Url,
    Email,
    /// 1-65535.
    Port,
    /// A host name (RFC 1123 labels) or an IP address.
    Host,
    /// Comma-separated items, each of the inner type (empty items are errors).
    List(Box<ValueType>),
    /// An `ALLOWED_HOSTS` entry: a host, `.example.com` (its subdomains), or `*`.
    AllowedHost,
    /// A CORS origin: `scheme://host[:port]`, no path.
    Origin,
}

impl ValueType {
    /// How the type reads in a finding ("a port 1-65535").
    pub fn describe(&self) -> String {
        match self {
            ValueType::String(Some(r)) => format!("a string matching /{}/", r.as_str()),
            ValueType::String(None) => "a string".into(),
            ValueType::Integer => "an integer".into(),
            ValueType::Float => "a number".into(),
            ValueType::Boolean => "a boolean (true/false, yes/no, 1/0)".into(),
            ValueType::Url => "a URL (scheme://…)".into(),
            ValueType::Email => "an e-mail address".into(),
            ValueType::Port => "a port 1-65535".into(),
            ValueType::Host => "a host name or IP address".into(),
            ValueType::List(inner) => format!("a comma list, each item {}", inner.describe()),
            ValueType::AllowedHost => "a host, .domain or *".into(),
            ValueType::Origin => "an origin scheme://host[:port]".into(),
        }
    }

    /// Whether `value` is of this type; `Err` says which part is wrong (never the value
    /// itself, which may be secret: the caller shows it masked).
    pub fn check(&self, value: &str) -> Result<(), String> {
        let ok = match self {
            ValueType::String(None) => true,
            ValueType::String(Some(r)) => r.is_match(value),
            ValueType::Integer => value.parse::<i32>().is_ok(),
            ValueType::Float => value.parse::<f64>().is_ok_and(f64::is_finite),
            ValueType::Boolean => parse_bool(value).is_some(),
            ValueType::Url => url::Url::parse(value).is_ok(),
            ValueType::Email => email_address::EmailAddress::is_valid(value),
            ValueType::Port => value.parse::<u16>().is_ok_and(|p| p > 0),
            ValueType::Host => is_host(value),
            ValueType::AllowedHost => {
                value == "*" || is_host(value.strip_prefix('.').unwrap_or(value))
            }
            ValueType::Origin => is_origin(value),
            ValueType::List(inner) => {
                for (i, item) in value.split(',').enumerate() {
                    let item = item.trim();
                    if item.is_empty() {
                        return Err(format!("item {} is empty", i + 1));
                    }
                    if inner.check(item).is_err() {
                        return Err(format!("item {} is not {}", i + 1, inner.describe()));
                    }
                }
                true
            }
        };
        if ok {
            Ok(())
        } else {
            Err(format!("not {}", self.describe()))
        }
    }

    /// The type docktor assumes for a variable of the guide's stack that no schema types.
    pub fn builtin(key: &str) -> Option<ValueType> {
        let k = key.to_ascii_uppercase();
        Some(match k.as_str() {
            "ALLOWED_HOSTS" => ValueType::List(Box::new(ValueType::AllowedHost)),
            "CORS_ALLOWED_ORIGINS" | "CSRF_TRUSTED_ORIGINS" | "CORS_ORIGIN_WHITELIST" => {
                ValueType::List(Box::new(ValueType::Origin))
            }
            "DEBUG"
            | "CORS_ALLOW_ALL_ORIGINS"
            | "CORS_ORIGIN_ALLOW_ALL"
            | "CORS_ALLOW_CREDENTIALS" => ValueType::Boolean,
            "DATABASE_URL" => ValueType::Url,
            "DB_HOST" | "POSTGRES_HOST" | "PGHOST" | "MYSQL_HOST" => ValueType::Host,
            _ if k.ends_with("_PORT") || k == "PGPORT" => ValueType::Port,
            _ if k.ends_with("_EMAIL") => ValueType::Email,
            _ => return None,
        })
    }
}

/// A boolean as settings modules read one.
pub fn parse_bool(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "1" | "t" | "y" => Some(true),
        "false" | "no" | "off" | "0" | "f" | "n" => Some(false),
        _ => None,
    }
}

/// A host name (letters, digits, `-`, dotted labels of 1-63) or an IPv4/IPv6 address.
pub fn is_host(value: &str) -> bool {
    let v = value
        .strip_prefix('[')
        .and_then(|v| v.strip_suffix(']'))
        .unwrap_or(value);
    if v.parse::<std::net::IpAddr>().is_ok() {
        return true;
    }
    let v = v.strip_suffix('.').unwrap_or(v);
    !v.is_empty()
        && v.len() <= 253
        && v.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

fn is_origin(value: &str) -> bool {
    if value == "*" {
        return true; // well formed, and open to all: the CORS rule says so
    }
    match url::Url::parse(value) {
        Ok(u) => {
            matches!(u.scheme(), "http" | "https")
                && u.host_str().is_some()
                && u.path() == "/"
                && !value.ends_with('/')
                && u.query().is_none()
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stack_types() {
        let port = ValueType::Port;
        assert!(port.check("5432").is_ok());
        for bad in ["abc", "0", "65536", "-1", ""] {
            assert!(port.check(bad).is_err(), "{bad}");
        }
        assert!(ValueType::Host.check("db").is_ok());
        assert!(ValueType::Host.check("10.0.0.2").is_ok());
        assert!(ValueType::Host.check("db host").is_err());
        let hosts = ValueType::builtin("ALLOWED_HOSTS").unwrap_or(ValueType::Integer);
        assert!(
            hosts
                .check("example.com,.example.org,localhost,127.0.0.1")
                .is_ok()
        );
        assert_eq!(hosts.check("a.com,,b.com"), Err("item 2 is empty".into()));
        let cors = ValueType::builtin("CORS_ALLOWED_ORIGINS").unwrap_or(ValueType::Integer);
        assert!(
            cors.check("https://app.example.com,http://localhost:3000")
                .is_ok()
        );
        let e = cors.check("https://a.com/path");
        assert!(e.as_ref().is_err_and(|m| m.contains("item 1")), "{e:?}");
    }

    #[test]
    fn dotenv_linter_types() {
        let re = Regex::new("^[a-z]+$").ok();
        assert!(ValueType::String(re.clone()).check("abc").is_ok());
        assert!(ValueType::String(re).check("ab1").is_err());
        assert!(ValueType::Integer.check("42").is_ok());
        assert!(ValueType::Integer.check("4.2").is_err());
        assert!(ValueType::Float.check("4.2").is_ok());
        assert!(ValueType::Boolean.check("True").is_ok());
        assert!(ValueType::Boolean.check("maybe").is_err());
        assert!(ValueType::Url.check("postgres://u:p@db/app").is_ok());
        assert!(ValueType::Url.check("db:5432/app").is_ok()); // a scheme "db" — as url parses
        assert!(ValueType::Url.check("not a url").is_err());
        assert!(ValueType::Email.check("admin@example.com").is_ok());
        assert!(ValueType::Email.check("admin").is_err());
    }

    #[test]
    fn builtin_types_of_the_guide() {
        assert!(matches!(
            ValueType::builtin("DB_PORT"),
            Some(ValueType::Port)
        ));
        assert!(matches!(
            ValueType::builtin("DEBUG"),
            Some(ValueType::Boolean)
        ));
        assert!(matches!(
            ValueType::builtin("SUPERUSER_EMAIL"),
            Some(ValueType::Email)
        ));
        assert!(ValueType::builtin("DB_NAME").is_none());
    }
}
