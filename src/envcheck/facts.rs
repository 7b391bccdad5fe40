//! What the env rules read: the container's variables with their sources, the spec and
//! schema found for the app, and the image's side (config `Env`, history) — one value,
//! gathered once (`Fact::Env`), shared by the Env tab, `docktor env` and `docktor check`.

use super::baked::ImageSide;
use super::mask::Masker;
use super::schema::Schema;
use super::spec::Spec;
use super::vars::{Var, merge};
use crate::model::inspect::ContainerDetails;
use crate::profile::Profile;

#[derive(Debug, Clone)]
pub struct EnvFacts {
    /// The variables as the container's process sees them.
    pub vars: Vec<Var>,
    pub spec: Option<Spec>,
    pub schema: Option<Schema>,
    /// The image's config and history; `Err` says why they could not be read.
    pub image: Result<ImageSide, String>,
}

impl EnvFacts {
    /// From the container's `Config.Env` and the image's side (whose `Env` gives the sources).
    pub fn new(
        container_env: &[String],
        image: Result<ImageSide, String>,
        spec: Option<Spec>,
        schema: Option<Schema>,
    ) -> Self {
        let image_env = image.as_ref().map(|i| i.env.as_slice()).unwrap_or(&[]);
        EnvFacts {
            vars: merge(container_env, image_env),
            spec,
            schema,
            image,
        }
    }

    /// The keys the app expects: the spec's and the schema's, in that order, once each.
    pub fn expected(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let spec = self.spec.iter().flat_map(|s| s.keys());
        let schema = self
            .schema
            .iter()
            .flat_map(|s| s.entries.keys().map(String::as_str));
        for k in spec.chain(schema) {
            if !out.contains(&k) {
                out.push(k);
            }
        }
        out
    }

    /// The keys that must be set: the profile's `required` and the schema's required ones.
    pub fn required<'a>(&'a self, profile: &'a Profile) -> Vec<&'a str> {
        let mut out: Vec<&str> = profile.required_env.iter().map(String::as_str).collect();
        for k in self.schema.iter().flat_map(|s| s.required()) {
            if !out.contains(&k) {
                out.push(k);
            }
        }
        out
    }

    /// A masker with the profile's patterns that has learnt this container's secret values
    /// (so logs, commands and errors that repeat them are masked too).
    pub fn masker(&self, profile: &Profile) -> Masker {
        let mut m = Masker::new(profile);
        m.learn(self.vars.iter().map(|v| (v.key.as_str(), v.value.as_str())));
        if let Ok(img) = &self.image {
            m.learn(img.env.iter().map(|e| super::vars::split_entry(e)));
        }
        m
    }
}

/// A masker with the profile's patterns that has learnt the secret values of a container's
/// environment as its inspect lists it (the image's `ENV` merged with the run's): what the
/// Logs and Health tabs, `docktor health` and the Doctor mask free text with.
pub fn container_masker(details: &ContainerDetails, profile: &Profile) -> Masker {
    let mut m = Masker::new(profile);
    m.learn(
        details
            .config
            .env
            .iter()
            .map(|e| (e.key.as_str(), e.value.as_str())),
    );
    m
}
