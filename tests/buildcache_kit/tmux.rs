//! The Build cache screen's prune flow in tmux (filled in below).
