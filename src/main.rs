use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match doorstep::cli::run(doorstep::cli::Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
