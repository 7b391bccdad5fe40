//! The container's variables with where each comes from (the image's `ENV`, the run, or
//! both with the run overriding) and the group the guide files it under.

use serde::Serialize;

/// Where a variable's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The image's `ENV` (the container has the image's value). A run-time `-e` with the
    /// very same value cannot be told apart from it and reads as `image` too.
    Image,
    /// Set at run time (`-e`, `--env-file`, compose), not in the image.
    Run,
    /// In the image and set at run time to another value: the run time wins.
    Both,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Image => "image",
            Source::Run => "run",
            Source::Both => "both",
        }
    }
}

/// The guide's groups of settings ("Environment Variables").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    Database,
    Django,
    Superuser,
    Cors,
    Media,
    Other,
}

impl Group {
    pub const ALL: [Group; 6] = [
        Group::Database,
        Group::Django,
        Group::Superuser,
        Group::Cors,
        Group::Media,
        Group::Other,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Group::Database => "Database",
            Group::Django => "Django",
            Group::Superuser => "Superuser",
            Group::Cors => "CORS",
            Group::Media => "Media",
            Group::Other => "Other",
        }
    }

    /// The group of a variable name (`DB_*` database, `SUPERUSER_*` superuser, …).
    pub fn of(key: &str) -> Group {
        let k = key.to_ascii_uppercase();
        let starts = |ps: &[&str]| ps.iter().any(|p| k.starts_with(p));
        if starts(&["SUPERUSER_", "DJANGO_SUPERUSER_"]) {
            Group::Superuser
        } else if starts(&["CORS_"]) {
            Group::Cors
        } else if starts(&["MEDIA_"]) {
            Group::Media
        } else if starts(&["DB_", "DATABASE_", "POSTGRES_", "PG", "MYSQL_"]) || k == "DATABASE_URL"
        {
            Group::Database
        } else if starts(&["DJANGO_", "CSRF_", "SESSION_", "SECURE_", "STATIC_"])
            || matches!(
                k.as_str(),
                "SECRET_KEY" | "DEBUG" | "ALLOWED_HOSTS" | "LANGUAGE_CODE" | "TIME_ZONE"
            )
        {
            Group::Django
        } else {
            Group::Other
        }
    }
}

/// One variable of the container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Var {
    pub key: String,
    /// The value the container has (unmasked: mask it before output).
    pub value: String,
    pub source: Source,
    /// The image's value when the run time overrides it (`Source::Both`).
    pub image_value: Option<String>,
    pub group: Group,
}

/// `KEY=value` → (key, value), split on the first `=`; an entry without `=` has an empty value.
pub fn split_entry(entry: &str) -> (&str, &str) {
    entry.split_once('=').unwrap_or((entry, ""))
}

/// The container's variables with their sources, in the container's order. `container`
/// is the container's `Config.Env` (the image's `ENV` merged with the run's), `image` the
/// image's `Config.Env`.
pub fn merge(container: &[String], image: &[String]) -> Vec<Var> {
    let image: Vec<(&str, &str)> = image.iter().map(|e| split_entry(e)).collect();
    let image_value = |k: &str| image.iter().rev().find(|(ik, _)| *ik == k).map(|(_, v)| *v);
    let mut out: Vec<Var> = Vec::new();
    for entry in container {
        let (key, value) = split_entry(entry);
        let (source, overridden) = match image_value(key) {
            Some(iv) if iv == value => (Source::Image, None),
            Some(iv) => (Source::Both, Some(iv.to_string())),
            None => (Source::Run, None),
        };
        let var = Var {
            key: key.to_string(),
            value: value.to_string(),
            source,
            image_value: overridden,
            group: Group::of(key),
        };
        // A key listed twice: the last one is what the process sees.
        match out.iter_mut().find(|v| v.key == key) {
            Some(slot) => *slot = var,
            None => out.push(var),
        }
    }
    out
}

/// The variable named `key`, if the container has it.
pub fn get<'a>(vars: &'a [Var], key: &str) -> Option<&'a Var> {
    vars.iter().find(|v| v.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn sources_are_told_apart() {
        let image = s(&["PATH=/usr/bin", "DEBUG=False", "LANG=C.UTF-8"]);
        let container = s(&["PATH=/usr/bin", "DEBUG=True", "LANG=C.UTF-8", "DB_HOST=db"]);
        let vars = merge(&container, &image);
        let by = |k| get(&vars, k).map(|v| (v.source, v.image_value.clone()));
        assert_eq!(by("PATH"), Some((Source::Image, None)));
        assert_eq!(by("DEBUG"), Some((Source::Both, Some("False".into()))));
        assert_eq!(by("DB_HOST"), Some((Source::Run, None)));
        assert_eq!(vars.len(), 4);
    }

    #[test]
    fn odd_entries_survive() {
        let vars = merge(&s(&["FLAG", "A=1", "A=2", "U=x=y"]), &[]);
        assert_eq!(vars.len(), 3);
        assert_eq!(get(&vars, "FLAG").map(|v| v.value.as_str()), Some(""));
        assert_eq!(get(&vars, "A").map(|v| v.value.as_str()), Some("2"));
        assert_eq!(get(&vars, "U").map(|v| v.value.as_str()), Some("x=y"));
    }

    #[test]
    fn groups_follow_the_guide() {
        for (k, g) in [
            ("DB_HOST", Group::Database),
            ("DATABASE_URL", Group::Database),
            ("POSTGRES_PASSWORD", Group::Database),
            ("SECRET_KEY", Group::Django),
            ("DEBUG", Group::Django),
            ("ALLOWED_HOSTS", Group::Django),
            ("SUPERUSER_PASSWORD", Group::Superuser),
            ("DJANGO_SUPERUSER_USERNAME", Group::Superuser),
            ("DJANGO_SETTINGS_MODULE", Group::Django),
            ("CORS_ALLOWED_ORIGINS", Group::Cors),
            ("MEDIA_ROOT", Group::Media),
            ("PATH", Group::Other),
        ] {
            assert_eq!(Group::of(k), g, "{k}");
        }
    }
}
