//! What every subsystem's settings struct shares (issue 25: each subsystem declares its own
//! settings with `#[derive(clap::Args)]`, flattened into the CLI): its defaults, read from its
//! own clap attributes so they are written once, and the parsers of typed values.

use std::time::Duration;

use secrecy::SecretString;

/// A settings struct with every field at its declared default. The environment is not read:
/// tests and `Settings::new` start from the same values whatever the shell exports.
#[allow(
    clippy::expect_used,
    reason = "the defaults are constants of the code, parsed by a unit test \
              (`cli::tests::the_command_line_is_consistent`): no input can make this fail"
)]
pub fn defaults<T: clap::Args + clap::FromArgMatches>() -> T {
    let cmd = T::augment_args(clap::Command::new("defaults").no_binary_name(true))
        .mut_args(|a| a.env(None::<&'static str>));
    cmd.try_get_matches_from(std::iter::empty::<String>())
        .and_then(|m| T::from_arg_matches(&m))
        .expect("every setting has a default or is optional")
}

/// "One per core", the default of the thread and hashing counts.
pub fn one_per_core() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
}

fn whole(s: &str, unit: &str) -> Result<u64, String> {
    s.trim()
        .parse::<u64>()
        .map_err(|_| format!("`{s}` is not a whole number of {unit}"))
}

/// Whole seconds.
pub fn secs(s: &str) -> Result<Duration, String> {
    whole(s, "seconds").map(Duration::from_secs)
}

/// Whole milliseconds.
pub fn millis(s: &str) -> Result<Duration, String> {
    whole(s, "milliseconds").map(Duration::from_millis)
}

/// Whole minutes, at least one.
pub fn minutes(s: &str) -> Result<Duration, String> {
    whole(s, "minutes").map(|m| Duration::from_secs(m.max(1) * 60))
}

/// A secret: kept out of `Debug` and logs.
pub fn secret(s: &str) -> Result<SecretString, String> {
    Ok(SecretString::from(s))
}

/// A base URL, without its trailing slashes.
pub fn base_url(s: &str) -> Result<String, String> {
    Ok(s.trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(clap::Args, Debug)]
    struct Sample {
        #[arg(long, env = "ARGS_TEST_SAMPLE_SECS", default_value = "7", value_parser = secs)]
        wait: Duration,
        #[arg(long)]
        name: Option<String>,
        #[arg(skip = 3)]
        hidden: u8,
    }

    #[test]
    fn defaults_come_from_the_attributes_not_the_environment() {
        let s: Sample = defaults();
        assert_eq!(s.wait, Duration::from_secs(7));
        assert_eq!(s.name, None);
        assert_eq!(s.hidden, 3);
    }

    #[test]
    fn parsers_refuse_what_is_not_a_whole_number() {
        assert_eq!(millis("250"), Ok(Duration::from_millis(250)));
        assert_eq!(minutes("0"), Ok(Duration::from_secs(60)));
        assert!(secs("1.5").unwrap_err().contains("whole number of seconds"));
        assert!(secs("-1").is_err());
        assert_eq!(
            base_url("https://x.example//").unwrap(),
            "https://x.example"
        );
    }
}
