//! Driver pushes: the VAPID identity they are signed with.

use secrecy::SecretString;

#[derive(clap::Args, Clone, Debug)]
pub struct PushSettings {
    /// VAPID private key of driver pushes: the raw 32-byte P-256 key, base64url (as
    /// `web-push generate-vapid-keys` prints it). Unset: a random one per start.
    #[arg(
        long = "vapid-private-key",
        env = "DOORSTEP_VAPID_PRIVATE_KEY",
        hide_env_values = true,
        value_parser = crate::args::secret,
        global = true
    )]
    pub vapid_private_key: Option<SecretString>,
    /// The VAPID contact push services see (`mailto:` or `https:`).
    #[arg(
        long = "vapid-subject",
        env = "DOORSTEP_VAPID_SUBJECT",
        default_value = "mailto:ops@doorstep.invalid",
        global = true
    )]
    pub vapid_subject: String,
}

impl PushSettings {
    /// The VAPID identity of driver pushes.
    pub fn vapid(&self) -> Result<super::vapid::Vapid, String> {
        let key = self
            .vapid_private_key
            .as_ref()
            .ok_or("DOORSTEP_VAPID_PRIVATE_KEY is not set")?;
        super::vapid::Vapid::parse(key, &self.vapid_subject)
    }
}
