//! The signals the TUI answers while it owns the terminal: TERM, HUP and INT end it (the
//! terminal restored, exit code 128 + the signal), TSTP suspends it, CONT redraws it.

use tokio::signal::unix::{Signal, SignalKind, signal};

use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sig {
    /// End with exit code `128 + n`.
    Exit(i32),
    Suspend,
    Continued,
}

impl Sig {
    pub fn exit_code(n: i32) -> u8 {
        u8::try_from(128 + n).unwrap_or(255)
    }

    pub fn is_interrupt(self) -> bool {
        self == Sig::Exit(SIGINT)
    }
}

pub struct Signals {
    term: Signal,
    hup: Signal,
    int: Signal,
    tstp: Signal,
    cont: Signal,
}

impl Signals {
    pub fn new() -> Result<Signals, String> {
        let on = |n: i32| {
            signal(SignalKind::from_raw(n)).map_err(|e| format!("cannot watch signal {n}: {e}"))
        };
        Ok(Signals {
            term: on(SIGTERM)?,
            hup: on(SIGHUP)?,
            int: on(SIGINT)?,
            tstp: on(SIGTSTP)?,
            cont: on(SIGCONT)?,
        })
    }

    /// The next signal.
    pub async fn recv(&mut self) -> Sig {
        tokio::select! {
            _ = self.term.recv() => Sig::Exit(SIGTERM),
            _ = self.hup.recv() => Sig::Exit(SIGHUP),
            _ = self.int.recv() => Sig::Exit(SIGINT),
            _ = self.tstp.recv() => Sig::Suspend,
            _ = self.cont.recv() => Sig::Continued,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_are_the_shells() {
        assert_eq!(Sig::exit_code(SIGTERM), 143);
        assert_eq!(Sig::exit_code(SIGHUP), 129);
        assert_eq!(Sig::exit_code(SIGINT), 130);
    }
}
