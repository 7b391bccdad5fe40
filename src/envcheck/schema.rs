//! `--schema FILE`: dotenv-linter's schema format, so a schema a team already has works as is:
//!
//! ```json
//! { "version": "1.0.0", "allow_other_keys": true,
//!   "entries": { "DB_PORT": { "type": "Port", "required": true },
//!                "NAME": { "type": "String", "regex": "^[a-z]+$" },
//!                "ALLOWED_HOSTS": { "type": "List", "item": "Host" } } }
//! ```
//!
//! Types: dotenv-linter's `String` (with `regex`), `Integer`, `Float`, `Boolean`, `Url`,
//! `Email`; docktor adds `Port`, `Host` and `List` (comma list; `item` names the items' type,
//! `String` by default). Unknown fields are ignored, as dotenv-linter does.

use std::collections::BTreeMap;
use std::path::Path;

use regex::Regex;
use serde::Deserialize;

use super::types::ValueType;

/// A loaded schema.
#[derive(Debug, Clone)]
pub struct Schema {
    /// How people name the file (in findings).
    pub file: String,
    pub allow_other_keys: bool,
    pub entries: BTreeMap<String, SchemaEntry>,
}

#[derive(Debug, Clone)]
pub struct SchemaEntry {
    pub required: bool,
    pub value_type: ValueType,
}

impl Schema {
    pub fn required(&self) -> impl Iterator<Item = &str> {
        self.entries
            .iter()
            .filter(|(_, e)| e.required)
            .map(|(k, _)| k.as_str())
    }

    /// The type of `key`: the schema's, else docktor's built-in one for the guide's stack.
    pub fn type_of(schema: Option<&Schema>, key: &str) -> Option<ValueType> {
        schema
            .and_then(|s| s.entries.get(key))
            .map(|e| e.value_type.clone())
            .or_else(|| ValueType::builtin(key))
    }
}

#[derive(Deserialize)]
struct RawSchema {
    #[allow(dead_code)] // dotenv-linter requires it; docktor reads no version-specific field
    version: String,
    #[serde(default)]
    allow_other_keys: bool,
    entries: BTreeMap<String, RawEntry>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawEntry {
    required: bool,
    #[serde(rename = "type")]
    value_type: Option<String>,
    regex: Option<String>,
    item: Option<String>,
}

/// Reads `path` (named `shown` in errors). The error says what is wrong, where, and the fix.
pub fn load(path: &Path, shown: &str) -> Result<Schema, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the schema {shown}: {e}"))?;
    parse(&text, shown)
}

pub fn parse(text: &str, shown: &str) -> Result<Schema, String> {
    let raw: RawSchema = serde_json::from_str(text).map_err(|e| {
        format!(
            "{shown}:{}:{}: not a dotenv-linter schema: {e} (expected {{\"version\": \"1.0.0\", \"entries\": {{\"KEY\": {{\"type\": \"String\"}}}}}})",
            e.line(),
            e.column()
        )
    })?;
    let mut entries = BTreeMap::new();
    for (key, e) in raw.entries {
        let kind = e.value_type.as_deref().unwrap_or("String");
        let regex = match &e.regex {
            Some(r) => Some(Regex::new(r).map_err(|err| {
                format!("{shown}: entry {key}: the regex does not compile: {err}")
            })?),
            None => None,
        };
        let value_type = match kind {
            "List" => {
                let item = named(e.item.as_deref().unwrap_or("String"), None)
                    .ok_or_else(|| unknown(shown, &key, e.item.as_deref().unwrap_or("")))?;
                ValueType::List(Box::new(item))
            }
            other => named(other, regex).ok_or_else(|| unknown(shown, &key, other))?,
        };
        entries.insert(
            key,
            SchemaEntry {
                required: e.required,
                value_type,
            },
        );
    }
    Ok(Schema {
        file: shown.to_string(),
        allow_other_keys: raw.allow_other_keys,
        entries,
    })
}

fn named(kind: &str, regex: Option<Regex>) -> Option<ValueType> {
    Some(match kind {
        "String" => ValueType::String(regex),
        "Integer" => ValueType::Integer,
        "Float" => ValueType::Float,
        "Boolean" => ValueType::Boolean,
        "Url" => ValueType::Url,
        "Email" => ValueType::Email,
        "Port" => ValueType::Port,
        "Host" => ValueType::Host,
        _ => return None,
    })
}

fn unknown(shown: &str, key: &str, kind: &str) -> String {
    format!(
        "{shown}: entry {key}: unknown type \"{kind}\" (use String, Integer, Float, Boolean, Url, Email, Port, Host or List)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOTENV_LINTER: &str = r#"{
        "version": "1.0.0",
        "entries": {
            "NAME": { "type": "String", "regex": "^[A-Z]+$" },
            "PORT": { "type": "Integer", "required": true },
            "PRICE": { "type": "Float" }, "URL": { "type": "Url" },
            "EMAIL": { "type": "Email" }, "FLAG": { "type": "Boolean", "key": "ignored" }
        }
    }"#;

    #[test]
    fn a_dotenv_linter_schema_loads_as_is() {
        let s = parse(DOTENV_LINTER, "s.json").unwrap_or_else(|e| panic!("{e}"));
        assert!(!s.allow_other_keys);
        assert_eq!(s.required().collect::<Vec<_>>(), ["PORT"]);
        let name = Schema::type_of(Some(&s), "NAME");
        assert!(name.is_some_and(|t| t.check("ABC").is_ok() && t.check("abc").is_err()));
    }

    #[test]
    fn docktor_types_and_builtins() {
        let s = parse(
            r#"{"version":"1","allow_other_keys":true,"entries":{"DB_PORT":{"type":"Port"},
               "HOSTS":{"type":"List","item":"Host"}}}"#,
            "s.json",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(Schema::type_of(Some(&s), "DB_PORT").is_some_and(|t| t.check("abc").is_err()));
        assert!(Schema::type_of(Some(&s), "HOSTS").is_some_and(|t| t.check("a,b.c").is_ok()));
        assert!(Schema::type_of(None, "DEBUG").is_some());
    }

    #[test]
    fn errors_name_the_file_and_where() {
        let e = parse("{\"version\": 1,", "env.schema.json").unwrap_err();
        assert!(e.starts_with("env.schema.json:1:"), "{e}");
        let e = parse(
            r#"{"version":"1","entries":{"A":{"type":"Date"}}}"#,
            "s.json",
        )
        .unwrap_err();
        assert!(e.contains("entry A") && e.contains("Date"), "{e}");
        let e = parse(r#"{"version":"1","entries":{"A":{"regex":"("}}}"#, "s.json").unwrap_err();
        assert!(e.contains("regex"), "{e}");
    }
}
