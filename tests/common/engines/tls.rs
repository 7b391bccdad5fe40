//! Test certificates made with `openssl`: a CA, a server certificate for 127.0.0.1 and
//! localhost, and a client certificate, laid out as docker expects (`ca.pem`, `cert.pem`,
//! `key.pem` for the client; `server-cert.pem`, `server-key.pem` for the daemon).

use std::path::{Path, PathBuf};
use std::process::Command;

use super::run_ok;

/// A directory of certificates; lives as long as the value.
pub struct Certs {
    dir: tempfile::TempDir,
}

impl Certs {
    /// Makes a CA and the server and client certificates it signs. Needs `openssl`.
    pub fn generate() -> Certs {
        let dir = tempfile::Builder::new()
            .prefix("dkt-certs-")
            .tempdir()
            .expect("temp dir for certificates");
        let certs = Certs { dir };
        certs.ca("ca", "docktor-test-ca");
        certs.signed(
            "server",
            "localhost",
            "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n",
        );
        certs.signed("client", "docktor-client", "extendedKeyUsage=clientAuth\n");
        // The client side under the names docker looks for.
        for (from, to) in [
            ("client-cert.pem", "cert.pem"),
            ("client-key.pem", "key.pem"),
        ] {
            std::fs::rename(certs.path(from), certs.path(to)).expect("rename client files");
        }
        certs
    }

    /// A lone CA (for "wrong CA" cases) named `<name>.pem` / `<name>-key.pem`.
    pub fn ca(&self, name: &str, subject: &str) -> PathBuf {
        let (key, pem) = (
            self.path(&format!("{name}-key.pem")),
            self.path(&format!("{name}.pem")),
        );
        run_ok(
            self.openssl()
                .args([
                    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                ])
                .arg("-keyout")
                .arg(&key)
                .arg("-out")
                .arg(&pem)
                .args(["-subj", &format!("/CN={subject}")]),
        );
        pem
    }

    fn signed(&self, name: &str, cn: &str, ext: &str) {
        let ext_file = self.path(&format!("{name}.ext"));
        std::fs::write(&ext_file, ext).expect("write extension file");
        let (key, csr) = (
            self.path(&format!("{name}-key.pem")),
            self.path(&format!("{name}.csr")),
        );
        run_ok(
            self.openssl()
                .args(["req", "-newkey", "rsa:2048", "-nodes"])
                .arg("-keyout")
                .arg(&key)
                .arg("-out")
                .arg(&csr)
                .args(["-subj", &format!("/CN={cn}")]),
        );
        run_ok(
            self.openssl()
                .args(["x509", "-req", "-days", "2", "-CAcreateserial"])
                .arg("-in")
                .arg(&csr)
                .arg("-CA")
                .arg(self.path("ca.pem"))
                .arg("-CAkey")
                .arg(self.path("ca-key.pem"))
                .arg("-extfile")
                .arg(&ext_file)
                .arg("-out")
                .arg(self.path(&format!("{name}-cert.pem"))),
        );
    }

    fn openssl(&self) -> Command {
        let mut cmd = Command::new("openssl");
        cmd.current_dir(self.dir.path());
        cmd
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, file: &str) -> PathBuf {
        self.dir.path().join(file)
    }

    /// dockerd arguments to serve TLS with client verification on `addr`.
    pub fn daemon_args(&self, addr: &str) -> Vec<String> {
        let p = |f: &str| self.path(f).display().to_string();
        vec![
            "--tlsverify".into(),
            format!("--tlscacert={}", p("ca.pem")),
            format!("--tlscert={}", p("server-cert.pem")),
            format!("--tlskey={}", p("server-key.pem")),
            format!("--host=tcp://{addr}"),
        ]
    }
}
