//! The database probe that runs where the app runs: a POSIX sh script that resolves the
//! host and opens TCP to the port with whatever the container has (python, nc, bash's
//! `/dev/tcp`), sends PostgreSQL's 8-byte SSL request and reads the one-byte answer — no
//! credentials, nothing logged in to. It prints one line docktor reads back:
//!
//! `docktor-probe how=nc result=refused ip=172.18.0.3 byte=- detail=…`
//!
//! The host, port and timeout go in as positional arguments (never spliced into the
//! script), so no value of the container's environment is ever parsed by a shell.

use serde::Serialize;

/// The probe script for `sh -c SCRIPT sh HOST PORT TIMEOUT PYTHON`.
pub const SH: &str = r#"h=$1 p=$2 t=$3 py=$4
say() { echo "docktor-probe how=$how result=$1 ip=${2:--} byte=${3:--} detail=$(echo "$4" | tr -s ' \n' '__')"; exit 0; }
for x in python3 python; do
  if command -v $x >/dev/null 2>&1; then exec $x -c "$py" "$h" "$p" "$t"; fi
done
to=""; command -v timeout >/dev/null 2>&1 && to="timeout $((t + 1))"
ssl='\000\000\000\010\004\322\026\057'
d=/dev/null; for x in "${TMPDIR:-/tmp}" /dev/shm /run /var/tmp; do [ -d "$x" ] && [ -w "$x" ] && d=$x && break; done
out=$d/.docktor-probe-out.$$ err=$d/.docktor-probe-err.$$
[ "$d" = /dev/null ] && out=/dev/null err=/dev/null
if command -v nc >/dev/null 2>&1; then
  how=nc
  printf "$ssl" | $to nc -w "$t" "$h" "$p" >"$out" 2>"$err"
  rc=$?
elif command -v bash >/dev/null 2>&1; then
  how=bash
  $to bash -c 'exec 3<>"/dev/tcp/$0/$1" || exit 9; printf "$2" >&3; head -c 1 <&3' "$h" "$p" "$ssl" >"$out" 2>"$err"
  rc=$?
else
  how=none; say no-tool - - "no python, nc or bash in the container"
fi
b=$(head -c 1 "$out" 2>/dev/null | od -An -tx1 | tr -d ' \n')
e=$(cat "$err" 2>/dev/null); [ "$d" = /dev/null ] || rm -f "$out" "$err"
ip=$(echo "$e" | sed -n 's/.*(\([0-9a-fA-F.:]*\)).*/\1/p' | head -n 1)
case "$e" in
  *"bad address"*|*"not known"*|*"resolution"*|*"No address"*|*"servname"*|*"resolve"*|*"lookup failed"*) say dns-failure - - "$e" ;;
  *efused*) say refused "$ip" - "$e" ;;
  *"timed out"*|*imeout*) say timeout "$ip" - "$e" ;;
  *nreachable*|*"No route"*) say unreachable "$ip" - "$e" ;;
esac
[ -n "$b" ] && say open "$ip" "$b" ""
[ "$rc" = 124 ] || [ "$rc" = 143 ] && say open "$ip" none "no answer within ${t}s"
[ -z "$e" ] && say open "$ip" closed ""
say error "$ip" - "$e"
"#;

/// The same probe in Python (`python3 -c PY HOST PORT TIMEOUT`), for images with Python
/// and no shell as well.
pub const PY: &str = r#"import socket, sys
h, p, t = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
def say(r, ip='-', b='-', d=''):
    print('docktor-probe how=python result=%s ip=%s byte=%s detail=%s' % (r, ip, b, '_'.join(str(d).split())))
    sys.exit(0)
try:
    ai = socket.getaddrinfo(h, p, 0, socket.SOCK_STREAM)
except socket.gaierror as e:
    say('dns-failure', d=e)
fam, _, _, _, addr = ai[0]
s = socket.socket(fam, socket.SOCK_STREAM)
s.settimeout(t)
try:
    s.connect(addr)
except socket.timeout:
    say('timeout', addr[0], d='no answer to the connection within %ss' % t)
except ConnectionRefusedError as e:
    say('refused', addr[0], d=e)
except OSError as e:
    say('unreachable', addr[0], d=e)
try:
    s.sendall(b'\x00\x00\x00\x08\x04\xd2\x16\x2f')
    b = s.recv(1)
    say('open', addr[0], b.hex() if b else 'closed')
except socket.timeout:
    say('open', addr[0], 'none', 'no answer within %ss' % t)
except OSError as e:
    say('open', addr[0], 'closed', e)
"#;

/// The command to exec for the sh probe.
pub fn sh_command(host: &str, port: u16, timeout_secs: u64) -> Vec<String> {
    [
        "sh",
        "-c",
        SH,
        "sh",
        host,
        &port.to_string(),
        &timeout_secs.to_string(),
        PY,
    ]
    .map(String::from)
    .to_vec()
}

/// The command to exec for the Python probe (`python` is `python3` or `python`).
pub fn py_command(python: &str, host: &str, port: u16, timeout_secs: u64) -> Vec<String> {
    [
        python,
        "-c",
        PY,
        host,
        &port.to_string(),
        &timeout_secs.to_string(),
    ]
    .map(String::from)
    .to_vec()
}

/// What the probe found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// The name does not resolve where the app runs.
    DnsFailure,
    /// The address answered with a reset: nothing listens on the port.
    Refused,
    /// No answer to the connection within the timeout (a firewall, a wrong address).
    Timeout,
    /// No route to the address.
    Unreachable,
    /// The connection opened.
    Open,
    /// The container has none of python, nc or bash.
    NoTool,
    /// The probe ran and said something docktor does not understand.
    Error,
}

/// What answered on an open port, from the first byte after the SSL request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    /// `N` or `S`: PostgreSQL (SSL refused or offered).
    Postgres,
    /// Another byte: something else listens there.
    Other,
    /// Nothing within the timeout.
    Silent,
    /// The peer closed without a byte.
    Closed,
}

/// One probe's result as the script printed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// `python`, `nc`, `bash` (or `none`).
    pub tool: String,
    pub outcome: Outcome,
    pub ip: Option<String>,
    pub answer: Option<Answer>,
    /// The tool's own words (e.g. `nc: bad address 'db'`), for the evidence.
    pub detail: String,
}

/// Reads the probe's output: the last `docktor-probe` line. `None` when there is none.
pub fn parse(output: &str) -> Option<Report> {
    let line = output
        .lines()
        .rev()
        .find(|l| l.starts_with("docktor-probe "))?;
    let field = |name: &str| {
        line.split(' ')
            .find_map(|w| w.strip_prefix(name).and_then(|w| w.strip_prefix('=')))
            .unwrap_or("-")
    };
    let outcome = match field("result") {
        "dns-failure" => Outcome::DnsFailure,
        "refused" => Outcome::Refused,
        "timeout" => Outcome::Timeout,
        "unreachable" => Outcome::Unreachable,
        "open" => Outcome::Open,
        "no-tool" => Outcome::NoTool,
        _ => Outcome::Error,
    };
    let answer = (outcome == Outcome::Open).then(|| match field("byte") {
        "4e" | "53" => Answer::Postgres,
        "none" => Answer::Silent,
        "closed" | "-" | "" => Answer::Closed,
        _ => Answer::Other,
    });
    let ip = Some(field("ip"))
        .filter(|ip| *ip != "-" && !ip.is_empty())
        .map(String::from);
    let detail = line
        .split_once(" detail=")
        .map(|(_, d)| d.replace('_', " ").trim().to_string())
        .unwrap_or_default();
    Some(Report {
        tool: field("how").to_string(),
        outcome,
        ip,
        answer,
        detail,
    })
}

#[cfg(test)]
#[path = "probe_tests.rs"]
mod tests;
