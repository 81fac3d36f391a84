//! Customer messages: the e-mail and SMS channels and how many messages a customer may get.

use std::time::Duration;

use secrecy::SecretString;

#[derive(clap::Args, Clone, Debug)]
pub struct NotifySettings {
    /// Customer e-mail over SMTP: `smtp://user:pass@host:587` (STARTTLS), `smtps://user:pass@host`
    /// (implicit TLS), `smtp://host:port?tls=none` (plain, local relays and tests).
    #[arg(
        long = "smtp-url",
        env = "DOORSTEP_SMTP_URL",
        hide_env_values = true,
        value_parser = crate::args::secret,
        global = true
    )]
    pub smtp_url: Option<SecretString>,
    /// The From of customer e-mail.
    #[arg(
        long = "mail-from",
        env = "DOORSTEP_MAIL_FROM",
        default_value = "Doorstep <no-reply@doorstep.invalid>",
        global = true
    )]
    pub mail_from: String,
    /// Customer SMS: an endpoint in Twilio's Messages API shape, credentials in the userinfo
    /// (`https://SID:TOKEN@api.twilio.com/2010-04-01/Accounts/SID/Messages.json`).
    #[arg(
        long = "sms-url",
        env = "DOORSTEP_SMS_URL",
        hide_env_values = true,
        value_parser = crate::args::secret,
        global = true
    )]
    pub sms_url: Option<SecretString>,
    /// The sender number or name of customer SMS.
    #[arg(
        long = "sms-from",
        env = "DOORSTEP_SMS_FROM",
        default_value = "Doorstep",
        global = true
    )]
    pub sms_from: String,
    /// How often the message sender looks for work when idle.
    #[arg(skip = Duration::from_millis(500))]
    pub poll: Duration,
    /// The first retry delay.
    #[arg(skip = Duration::from_secs(30))]
    pub retry_base: Duration,
    /// Messages one shipment's customer gets at most.
    #[arg(
        long = "notify-cap",
        env = "DOORSTEP_NOTIFY_CAP",
        default_value_t = super::rules::DEFAULT_CAP,
        global = true
    )]
    pub cap: u32,
    /// Messages one e-mail address or phone number gets in 24 hours, all its shipments
    /// together (a batch for one address cannot flood its inbox).
    #[arg(
        long = "notify-per-recipient-per-day",
        env = "DOORSTEP_NOTIFY_PER_RECIPIENT_PER_DAY",
        default_value_t = super::rules::DEFAULT_PER_RECIPIENT_PER_DAY,
        global = true
    )]
    pub per_recipient_per_day: u32,
}
