//! Colours and styles. With `NO_COLOR` set, a monochrome theme where the selection is
//! still visible (reversed) and states are told apart by text, not colour.

use ratatui::style::{Color, Modifier, Style};

use crate::model::{Health, State};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub mono: bool,
}

impl Theme {
    /// Monochrome when `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Theme {
        Theme {
            mono: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.mono {
            Style::default()
        } else {
            Style::default().fg(c)
        }
    }

    pub fn selected(&self) -> Style {
        if self.mono {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::default()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        }
    }

    pub fn header(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.mono {
            Style::default()
        } else {
            Style::default().fg(Color::DarkGray)
        }
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn stderr(&self) -> Style {
        self.fg(Color::LightRed)
    }

    pub fn highlight(&self) -> Style {
        if self.mono {
            Style::default().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        } else {
            Style::default().bg(Color::Yellow).fg(Color::Black)
        }
    }

    pub fn state(&self, s: State) -> Style {
        match s {
            State::Running => self.ok(),
            State::Restarting | State::Paused | State::Created => self.warn(),
            State::Exited | State::Dead => self.error(),
            _ => Style::default(),
        }
    }

    pub fn health(&self, h: Health) -> Style {
        match h {
            Health::Healthy => self.ok(),
            Health::Unhealthy => self.error(),
            Health::Starting => self.warn(),
            Health::None => self.dim(),
        }
    }
}

/// The health badge shown in the list: a symbol and a word (readable without colour).
pub fn health_badge(h: Health) -> &'static str {
    match h {
        Health::Healthy => "✔ healthy",
        Health::Unhealthy => "✘ unhealthy",
        Health::Starting => "… starting",
        Health::None => "-",
    }
}
