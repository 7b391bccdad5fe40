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
    /// The quick layer list only (inspect + history), as JSON, with its time on stderr.
    Quick {
        image: String,
    },
    /// The Images view rows, largest first.
    Images,
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
        Cmd::Quick { image } => quick(docker.as_ref(), image).await,
        Cmd::Images => match docker.as_ref() {
            Some(d) => docktor::layers::list_images(d).await.map(|rows| {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&rows).unwrap_or_default()
                );
                0
            }),
            None => Err(docktor::layers::LayersError::NoDaemon {
                image: "(all)".into(),
            }),
        },
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

async fn quick(
    docker: Option<&bollard::Docker>,
    image: &str,
) -> Result<i32, docktor::layers::LayersError> {
    let d = docker.ok_or_else(|| docktor::layers::LayersError::NoDaemon {
        image: image.into(),
    })?;
    let t = std::time::Instant::now();
    let l = docktor::layers::quick_layers(d, image).await?;
    eprintln!("quick_layers: {} ms", t.elapsed().as_millis());
    println!("{}", serde_json::to_string_pretty(&l).unwrap_or_default());
    Ok(0)
}
