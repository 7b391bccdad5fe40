//! Try the layer analysis end to end before the main CLI is wired:
//! `cargo run --release --example layers -- layers IMAGE [--via export|local|auto] [--format json]`
//! or `... -- compare IMG1 IMG2 [--format json]`.

use clap::{Parser, Subcommand};
use docktor::layers::command::{CompareArgs, LayersArgs, run_compare, run_layers};
use docktor::profile::Profile;

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    Layers(LayersArgs),
    Compare(CompareArgs),
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let cli = Cli::parse();
    let docker = match bollard::Docker::connect_with_local_defaults() {
        Ok(d) => d.negotiate_version().await.ok(),
        Err(_) => None,
    };
    let profile = Profile::default();
    let code = match &cli.cmd {
        Cmd::Layers(a) => run_layers(a, docker.as_ref(), true, &profile).await,
        Cmd::Compare(a) => match docker.as_ref() {
            Some(d) => run_compare(a, d, true, &profile).await,
            None => Err(docktor::layers::LayersError::NoDaemon {
                image: a.images.join(", "),
            }),
        },
    };
    match code {
        Ok(c) => std::process::exit(c),
        Err(e) => {
            eprintln!("docktor: {e}");
            std::process::exit(2);
        }
    }
}
