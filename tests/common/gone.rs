//! Drop guards for what a test makes on the local daemon: containers and images are
//! removed when the guard goes, however the test ends (a failed assert included).
#![allow(dead_code)]

/// Containers removed (`docker rm -f`) on drop.
pub struct Gone(pub Vec<String>);

impl Gone {
    /// One container.
    pub fn one(name: impl Into<String>) -> Gone {
        Gone(vec![name.into()])
    }
}

impl Drop for Gone {
    fn drop(&mut self) {
        for n in &self.0 {
            let _ = super::docker_cli(&["rm", "-f", n]);
        }
    }
}

/// An image removed (`docker rmi -f`) on drop.
pub struct GoneImage(pub String);

impl Drop for GoneImage {
    fn drop(&mut self) {
        let _ = super::docker_cli(&["rmi", "-f", &self.0]);
    }
}
