//! The terminal: entering the TUI's modes (raw, alternate screen, hidden cursor) with a
//! clear error when that cannot be done, leaving them (also from the panic hook, installed
//! once however often the TUI steps aside), and suspending until `fg`.

use std::io::{IsTerminal, Stdout, stdout};
use std::sync::Once;

use crossterm::cursor::{Hide, Show};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Screen = Terminal<CrosstermBackend<Stdout>>;

/// What to say when there is no terminal to draw on (cron, `ssh` without `-t`, a pipe).
pub const NO_TERMINAL: &str = "the terminal UI needs a terminal, and stdin or stdout is not one \
(cron, ssh without -t, a pipe?). Without a terminal use the headless commands: \
docktor ps, docktor layers IMAGE, docktor compare IMAGE..., docktor demo --no-compare \
(docktor --help tells more).";

/// Refuses to start the TUI without a terminal on both stdin and stdout.
pub fn check_terminal() -> Result<(), String> {
    if std::io::stdin().is_terminal() && stdout().is_terminal() {
        Ok(())
    } else {
        Err(NO_TERMINAL.to_string())
    }
}

/// The terminal while the TUI owns it; leaving it (or dropping it) restores the terminal.
pub struct Term {
    pub screen: Screen,
    entered: bool,
}

impl Term {
    pub fn enter() -> Result<Term, String> {
        install_panic_hook();
        setup().map_err(|e| format!("cannot set up the terminal: {e}"))?;
        match Terminal::new(CrosstermBackend::new(stdout())) {
            Ok(screen) => Ok(Term {
                screen,
                entered: true,
            }),
            Err(e) => {
                restore();
                Err(format!("cannot use the terminal: {e}"))
            }
        }
    }

    /// Gives the terminal back as it was (normal screen, cursor shown, cooked mode).
    pub fn leave(&mut self) {
        if self.entered {
            restore();
            self.entered = false;
        }
    }

    /// Takes the terminal again, blank, so the next draw repaints everything.
    pub fn resume(&mut self) -> Result<(), String> {
        // Leave first: after a stop the shell may have changed the modes behind our back.
        restore();
        setup().map_err(|e| format!("cannot set up the terminal again: {e}"))?;
        self.entered = true;
        // A fresh `Terminal` forgets what it drew (ratatui's `clear` would ask the terminal
        // where its cursor is, an answer that can get lost in input typed meanwhile).
        execute!(stdout(), Clear(ClearType::All))
            .and_then(|()| Terminal::new(CrosstermBackend::new(stdout())))
            .map(|screen| self.screen = screen)
            .map_err(|e| format!("cannot draw on the terminal: {e}"))
    }

    /// Ctrl-Z: restores the terminal, stops the process (as SIGTSTP would) until the shell's
    /// `fg` continues it, then takes the terminal again.
    pub fn suspend(&mut self) -> Result<(), String> {
        self.leave();
        signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)
            .map_err(|e| format!("cannot suspend: {e}"))?;
        self.resume()
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        self.leave();
    }
}

fn setup() -> std::io::Result<()> {
    enable_raw_mode()?;
    if let Err(e) = execute!(stdout(), EnterAlternateScreen, Hide) {
        restore();
        return Err(e);
    }
    Ok(())
}

/// Best effort: every step is tried even when one fails (the terminal may be gone).
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), LeaveAlternateScreen, Show);
}

/// A panic restores the terminal before the report is printed. Installed once: stepping
/// aside for a shell or a suspend does not add another layer.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}
