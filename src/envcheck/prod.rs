//! Production settings as Django's `check --deploy` judges them, read from the environment
//! instead of the settings module (no Python needed): the secret key (W009), `DEBUG` (W018),
//! `ALLOWED_HOSTS` (W020, or `*`), CORS open to every origin, and the superuser's password.
//! What each returns never holds a secret value.

use super::types::parse_bool;
use super::vars::{Var, get};

/// Whether the container looks like a Django app (so the Django rules apply).
pub fn is_django(vars: &[Var]) -> bool {
    vars.iter().any(|v| {
        matches!(
            v.key.as_str(),
            "SECRET_KEY" | "DJANGO_SETTINGS_MODULE" | "ALLOWED_HOSTS"
        ) || v.key.starts_with("DJANGO_")
    })
}

/// What is weak about a `SECRET_KEY` (empty when it is fine). Django's W009.
pub fn secret_key_weakness(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let len = value.chars().count();
    if value.starts_with("django-insecure-") {
        out.push("it is the 'django-insecure-' key startproject generates".to_string());
    }
    if len < 50 {
        out.push(format!("it has {len} characters (fewer than 50)"));
    }
    let mut distinct: Vec<char> = value.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 5 {
        out.push(format!(
            "it has {} distinct characters (fewer than 5)",
            distinct.len()
        ));
    }
    out
}

/// `DEBUG` is on (W018): the value as the settings module would read it.
pub fn debug_on(vars: &[Var]) -> Option<&Var> {
    get(vars, "DEBUG").filter(|v| parse_bool(&v.value) == Some(true))
}

/// What is wrong with `ALLOWED_HOSTS`, if anything: empty (W020) or a `*` entry.
pub fn allowed_hosts_problem(vars: &[Var]) -> Option<String> {
    let v = get(vars, "ALLOWED_HOSTS")?;
    let items: Vec<&str> = v
        .value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if items.is_empty() {
        Some("ALLOWED_HOSTS is set but empty: with DEBUG off Django answers every request with 400 (W020)".into())
    } else if items.contains(&"*") {
        Some("ALLOWED_HOSTS contains '*': any Host header is accepted (host-header poisoning of password-reset links and caches)".into())
    } else {
        None
    }
}

/// The settings that open CORS to every origin (as django-cors-headers reads them).
pub fn cors_open(vars: &[Var]) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL"] {
        if get(vars, key).is_some_and(|v| parse_bool(&v.value) == Some(true)) {
            out.push(format!("{key} is true"));
        }
    }
    for key in ["CORS_ALLOWED_ORIGINS", "CORS_ORIGIN_WHITELIST"] {
        if get(vars, key).is_some_and(|v| v.value.split(',').any(|o| o.trim() == "*")) {
            out.push(format!("{key} contains '*'"));
        }
    }
    out
}

/// Passwords people leave in a superuser's settings (compared case-insensitively).
const DEFAULT_PASSWORDS: &[&str] = &[
    "admin",
    "admin123",
    "administrator",
    "password",
    "password1",
    "passw0rd",
    "123456",
    "12345678",
    "123456789",
    "1234",
    "qwerty",
    "changeme",
    "change_me",
    "secret",
    "root",
    "toor",
    "django",
    "letmein",
    "test",
    "test123",
    "default",
    "pass",
    "superuser",
];

/// The superuser's password variable and what is wrong with it: a well-known default,
/// or the same as the user name. Never the password itself.
pub fn superuser_password_problem(vars: &[Var]) -> Option<(String, String)> {
    let (pw_key, user_keys) = [
        (
            "SUPERUSER_PASSWORD",
            ["SUPERUSER_USERNAME", "SUPERUSER_NAME"],
        ),
        (
            "DJANGO_SUPERUSER_PASSWORD",
            ["DJANGO_SUPERUSER_USERNAME", "DJANGO_SUPERUSER_NAME"],
        ),
    ]
    .into_iter()
    .find(|(k, _)| get(vars, k).is_some())?;
    let pw = get(vars, pw_key)?.value.trim();
    if pw.is_empty() {
        return None; // the empty-value rule says so
    }
    let lower = pw.to_lowercase();
    if DEFAULT_PASSWORDS.contains(&lower.as_str()) {
        return Some((
            pw_key.into(),
            format!("{pw_key} is a well-known default password"),
        ));
    }
    let user = user_keys.iter().find_map(|k| get(vars, k))?;
    (user.value.trim().to_lowercase() == lower).then(|| {
        (
            pw_key.into(),
            format!("{pw_key} is the same as {}", user.key),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::envcheck::vars::merge;

    fn vars(entries: &[&str]) -> Vec<Var> {
        merge(
            &entries.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            &[],
        )
    }

    #[test]
    fn secret_keys() {
        assert!(secret_key_weakness(&"aZ3$-".repeat(12)).is_empty());
        let w = secret_key_weakness("django-insecure-abc");
        assert_eq!(w.len(), 2, "{w:?}");
        assert_eq!(secret_key_weakness(&"ab".repeat(40)).len(), 1);
    }

    #[test]
    fn debug_hosts_cors_superuser() {
        let v = vars(&[
            "DEBUG=True",
            "ALLOWED_HOSTS=*",
            "CORS_ALLOW_ALL_ORIGINS=true",
            "SUPERUSER_USERNAME=Admin",
            "SUPERUSER_PASSWORD=admin",
        ]);
        assert!(debug_on(&v).is_some());
        assert!(allowed_hosts_problem(&v).is_some_and(|p| p.contains("'*'")));
        assert_eq!(cors_open(&v), ["CORS_ALLOW_ALL_ORIGINS is true"]);
        let (k, why) = superuser_password_problem(&v).unwrap_or_default();
        assert_eq!(k, "SUPERUSER_PASSWORD");
        assert!(!why.contains("admin"), "{why}");
        let same = vars(&["SUPERUSER_USERNAME=jane", "SUPERUSER_PASSWORD=Jane"]);
        assert!(superuser_password_problem(&same).is_some_and(|(_, w)| w.contains("same")));
        let fine = vars(&[
            "DEBUG=False",
            "ALLOWED_HOSTS=api.example.com",
            "SUPERUSER_PASSWORD=x7!Lq",
        ]);
        assert!(debug_on(&fine).is_none() && allowed_hosts_problem(&fine).is_none());
        assert!(superuser_password_problem(&fine).is_none());
        assert!(
            allowed_hosts_problem(&vars(&["ALLOWED_HOSTS="])).is_some_and(|p| p.contains("W020"))
        );
    }
}
