//! Putting log lines back together. The daemon's log drivers store a line longer than 16 KB
//! as several pieces, and the logs endpoint sends each piece as a frame of its own (a TTY
//! container's frames are whatever the terminal produced, not lines at all). `docker logs`
//! writes the frames one after the other, so the pieces join on screen; here they are joined
//! per stream until the newline, each line keeps the timestamp of its first piece (the
//! daemon stamps every frame with `timestamps=true`), and a line is cut at [`MAX_LINE`]
//! bytes so one endless line cannot take the memory.

use super::logs::{LogLine, LogStream};

/// The longest line kept; the rest of it is counted, not stored.
pub const MAX_LINE: usize = 1 << 20;

#[derive(Debug, Default)]
struct Partial {
    time: Option<String>,
    bytes: Vec<u8>,
    /// Bytes of this line dropped past `MAX_LINE`.
    cut: u64,
}

/// Joins the frames of one log stream into lines, stdout and stderr apart.
#[derive(Debug, Default)]
pub struct Joiner {
    timestamps: bool,
    open: [Option<Partial>; 3],
}

fn slot(s: LogStream) -> usize {
    match s {
        LogStream::Stdout => 0,
        LogStream::Stderr => 1,
        LogStream::Console => 2,
    }
}

const STREAMS: [LogStream; 3] = [LogStream::Stdout, LogStream::Stderr, LogStream::Console];

/// Splits the daemon's `2024-05-01T12:34:56.123456789Z ` off a frame, if it is there.
fn split_time(frame: &[u8]) -> (Option<String>, &[u8]) {
    let Some(sp) = frame.iter().take(40).position(|b| *b == b' ') else {
        return (None, frame);
    };
    let head = &frame[..sp];
    let looks = head.len() >= 20
        && head[0].is_ascii_digit()
        && head.get(10) == Some(&b'T')
        && head.iter().all(|b| b.is_ascii_graphic());
    if !looks {
        return (None, frame);
    }
    (
        Some(String::from_utf8_lossy(head).into_owned()),
        &frame[sp + 1..],
    )
}

impl Joiner {
    /// `timestamps`: the frames start with the daemon's timestamp (`timestamps=true`).
    pub fn new(timestamps: bool) -> Joiner {
        Joiner {
            timestamps,
            open: Default::default(),
        }
    }

    /// One frame of `stream`; returns the lines it completes.
    pub fn feed(&mut self, stream: LogStream, frame: &[u8]) -> Vec<LogLine> {
        let (time, mut rest) = if self.timestamps {
            split_time(frame)
        } else {
            (None, frame)
        };
        let mut out = Vec::new();
        let open = &mut self.open[slot(stream)];
        loop {
            let nl = rest.iter().position(|b| *b == b'\n');
            let (piece, more) = match nl {
                Some(i) => (&rest[..i], Some(&rest[i + 1..])),
                None => (rest, None),
            };
            // A piece continuing a line keeps that line's timestamp.
            let p = open.get_or_insert_with(|| Partial {
                time: time.clone(),
                ..Default::default()
            });
            let room = MAX_LINE.saturating_sub(p.bytes.len());
            let keep = piece.len().min(room);
            p.bytes.extend_from_slice(&piece[..keep]);
            p.cut += (piece.len() - keep) as u64;
            match more {
                Some(m) => {
                    if let Some(done) = open.take() {
                        out.push(finish(stream, done));
                    }
                    rest = m;
                    if rest.is_empty() {
                        break;
                    }
                }
                None => {
                    if open
                        .as_ref()
                        .is_some_and(|p| p.bytes.is_empty() && p.cut == 0)
                    {
                        *open = None;
                    }
                    break;
                }
            }
        }
        out
    }

    /// The lines still waiting for their newline (the stream ended).
    pub fn flush(&mut self) -> Vec<LogLine> {
        STREAMS
            .iter()
            .filter_map(|s| self.open[slot(*s)].take().map(|p| finish(*s, p)))
            .collect()
    }
}

fn finish(stream: LogStream, p: Partial) -> LogLine {
    let mut bytes = p.bytes;
    if bytes.last() == Some(&b'\r') {
        bytes.pop();
    }
    LogLine {
        stream,
        time: p.time,
        text: String::from_utf8_lossy(&bytes).into_owned(),
        cut: p.cut,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(v: &[LogLine]) -> Vec<&str> {
        v.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn pieces_join_until_the_newline_per_stream() {
        let mut j = Joiner::new(false);
        assert!(j.feed(LogStream::Stdout, b"aaaa").is_empty());
        assert_eq!(texts(&j.feed(LogStream::Stderr, b"err\n")), ["err"]);
        assert!(j.feed(LogStream::Stdout, b"bbbb").is_empty());
        let done = j.feed(LogStream::Stdout, b"cc\r\nnext\n");
        assert_eq!(texts(&done), ["aaaabbbbcc", "next"]);
        assert_eq!(done[0].stream, LogStream::Stdout);
        assert!(j.flush().is_empty());
    }

    #[test]
    fn each_line_keeps_the_time_of_its_first_piece() {
        let mut j = Joiner::new(true);
        j.feed(
            LogStream::Stdout,
            b"2024-05-01T12:00:00.000000001Z part one ",
        );
        let l = j.feed(
            LogStream::Stdout,
            b"2024-05-01T12:00:00.000000002Z part two\n",
        );
        assert_eq!(texts(&l), ["part one part two"]);
        assert_eq!(l[0].time.as_deref(), Some("2024-05-01T12:00:00.000000001Z"));
        // A frame holding several lines (a TTY): each gets the frame's time.
        let l = j.feed(LogStream::Console, b"2024-05-01T12:00:01Z a\nb\n");
        assert_eq!(texts(&l), ["a", "b"]);
        assert!(
            l.iter()
                .all(|l| l.time.as_deref() == Some("2024-05-01T12:00:01Z"))
        );
        // No timestamp where one was expected: the text is kept whole.
        let l = j.feed(LogStream::Stdout, b"plain words\n");
        assert_eq!(
            (l[0].time.clone(), l[0].text.as_str()),
            (None, "plain words")
        );
    }

    #[test]
    fn an_endless_line_is_cut_and_counted() {
        let mut j = Joiner::new(false);
        let chunk = vec![b'x'; 16 * 1024];
        for _ in 0..100 {
            assert!(j.feed(LogStream::Stdout, &chunk).is_empty());
        }
        let l = j.feed(LogStream::Stdout, b"END\n");
        assert_eq!(l[0].text.len(), MAX_LINE);
        assert_eq!(l[0].cut, 100 * 16 * 1024 + 3 - MAX_LINE as u64);
    }

    #[test]
    fn the_last_line_without_newline_comes_at_the_end() {
        let mut j = Joiner::new(false);
        assert!(j.feed(LogStream::Stdout, b"prompt> ").is_empty());
        assert_eq!(texts(&j.flush()), ["prompt> "]);
        assert_eq!(texts(&j.feed(LogStream::Stdout, b"\n")), [""]);
    }
}
