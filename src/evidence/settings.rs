//! The keys that sign evidence roots, and how often a root is signed.

use std::time::Duration;

use secrecy::SecretString;

#[derive(clap::Args, Clone, Debug)]
pub struct EvidenceSettings {
    /// Base64 of the 32-byte Ed25519 seed that signs evidence roots. Unset: a random one per
    /// start (roots then verify only under the key kept with them).
    #[arg(
        long = "signing-key",
        env = "DOORSTEP_SIGNING_KEY",
        hide_env_values = true,
        value_parser = crate::args::secret,
        global = true
    )]
    pub signing_key: Option<SecretString>,
    /// Earlier values of DOORSTEP_SIGNING_KEY, comma-separated: roots they signed stay
    /// trusted and their public keys published (only configured keys ever are).
    #[arg(
        long = "signing-keys-old",
        env = "DOORSTEP_SIGNING_KEYS_OLD",
        hide_env_values = true,
        value_parser = crate::args::secret,
        global = true
    )]
    pub signing_keys_old: Option<SecretString>,
    /// Seconds between evidence roots (each signs the chains changed since the last).
    #[arg(
        long = "evidence-root-interval-secs",
        env = "DOORSTEP_EVIDENCE_ROOT_INTERVAL_SECS",
        default_value = "86400",
        value_parser = crate::args::secs,
        global = true
    )]
    pub root_interval: Duration,
}

impl EvidenceSettings {
    /// The signing key and the retired ones.
    pub fn keys(&self) -> anyhow::Result<super::keys::Keys> {
        let seed = self
            .signing_key
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("DOORSTEP_SIGNING_KEY is not set"))?;
        super::keys::Keys::from_seed(seed)?.with_retired(self.signing_keys_old.as_ref())
    }

    pub fn validate(&self) -> anyhow::Result<()> {
        self.keys()?;
        anyhow::ensure!(
            !self.root_interval.is_zero(),
            "the evidence root interval must be positive"
        );
        Ok(())
    }
}
