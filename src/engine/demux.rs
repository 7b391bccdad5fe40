//! The daemon's multiplexed stream (non-TTY exec and logs): frames of an 8-byte header —
//! stream (1 stdout, 2 stderr), three zero bytes, a big-endian u32 length — then the payload.
//! Frames may be split across chunks; the demuxer reassembles them.

/// Which stream a frame belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Stdin,
    Stdout,
    Stderr,
}

/// Reassembles frames from chunks as they arrive.
#[derive(Debug, Default)]
pub struct Demux {
    buf: Vec<u8>,
}

impl Demux {
    /// Feeds one chunk; returns the complete frames it finished.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<(Channel, Vec<u8>)> {
        self.buf.extend_from_slice(chunk);
        let mut out = Vec::new();
        let mut at = 0;
        while self.buf.len() - at >= 8 {
            let h = &self.buf[at..at + 8];
            let len = u32::from_be_bytes([h[4], h[5], h[6], h[7]]) as usize;
            if self.buf.len() - at - 8 < len {
                break;
            }
            let channel = match h[0] {
                0 => Channel::Stdin,
                2 => Channel::Stderr,
                _ => Channel::Stdout,
            };
            out.push((channel, self.buf[at + 8..at + 8 + len].to_vec()));
            at += 8 + len;
        }
        self.buf.drain(..at);
        out
    }

    /// Bytes left over that do not make a whole frame (a stream cut short, or not
    /// multiplexed at all — a TTY stream).
    pub fn rest(self) -> Vec<u8> {
        self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(kind: u8, data: &[u8]) -> Vec<u8> {
        let mut v = vec![kind, 0, 0, 0];
        v.extend_from_slice(&(data.len() as u32).to_be_bytes());
        v.extend_from_slice(data);
        v
    }

    #[test]
    fn frames_split_anywhere_are_reassembled() {
        let mut all = frame(1, b"out line\n");
        all.extend(frame(2, b"err"));
        all.extend(frame(1, b""));
        for cut in 0..all.len() {
            let mut d = Demux::default();
            let mut got = d.push(&all[..cut]);
            got.extend(d.push(&all[cut..]));
            assert_eq!(
                got,
                vec![
                    (Channel::Stdout, b"out line\n".to_vec()),
                    (Channel::Stderr, b"err".to_vec()),
                    (Channel::Stdout, Vec::new()),
                ],
                "cut at {cut}"
            );
            assert!(d.rest().is_empty());
        }
    }

    #[test]
    fn a_short_tail_is_kept() {
        let mut d = Demux::default();
        assert!(d.push(&[1, 0, 0]).is_empty());
        assert_eq!(d.rest(), vec![1, 0, 0]);
    }
}
