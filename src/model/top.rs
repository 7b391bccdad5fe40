//! The processes of a running container, as `docker top` lists them (the host's `ps`
//! columns), e.g. to count Gunicorn workers without exec.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ProcessList {
    /// Column titles, e.g. `UID PID PPID C STIME TTY TIME CMD`.
    pub titles: Vec<String>,
    /// One row per process, in the titles' order.
    pub rows: Vec<Vec<String>>,
}

impl ProcessList {
    /// The index of a column by title (`CMD`, `COMMAND`, `PID`…), case-insensitive.
    pub fn column(&self, title: &str) -> Option<usize> {
        self.titles
            .iter()
            .position(|t| t.eq_ignore_ascii_case(title))
    }

    /// Each process's command line (`CMD` or `COMMAND`; empty when neither column exists).
    pub fn commands(&self) -> Vec<&str> {
        let Some(i) = self.column("CMD").or_else(|| self.column("COMMAND")) else {
            return Vec::new();
        };
        self.rows
            .iter()
            .map(|r| r.get(i).map_or("", String::as_str))
            .collect()
    }

    /// How many processes' command lines contain `needle` (e.g. `gunicorn`).
    pub fn count_matching(&self, needle: &str) -> usize {
        self.commands()
            .iter()
            .filter(|c| c.contains(needle))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_found_by_title() {
        let p = ProcessList {
            titles: ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"]
                .map(String::from)
                .to_vec(),
            rows: ["master", "worker", "worker"]
                .iter()
                .enumerate()
                .map(|(i, role)| {
                    let pid = (10 + i).to_string();
                    ["1001", &pid, "1", "0", "08:00", "?", "00:00:00"]
                        .map(String::from)
                        .into_iter()
                        .chain([format!("gunicorn: {role} [app]")])
                        .collect()
                })
                .collect(),
        };
        assert_eq!(p.column("pid"), Some(1));
        assert_eq!(p.count_matching("gunicorn: worker"), 2);
        assert_eq!(p.commands().len(), 3);
        assert!(ProcessList::default().commands().is_empty());
    }
}
