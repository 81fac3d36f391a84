//! The customer's link: its base URL, its rate limits and the cache of its views.

#[derive(clap::Args, Clone, Debug)]
pub struct TrackingSettings {
    /// Base URL of customers' tracking links.
    #[arg(
        long = "public-url",
        env = "DOORSTEP_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080",
        value_parser = crate::args::base_url,
        global = true
    )]
    pub public_url: String,
    /// Requests a minute one tracking link may make (page and JSON), all in a burst if need be.
    #[arg(
        long = "tracking-per-token-per-minute",
        env = "DOORSTEP_TRACKING_PER_TOKEN_PER_MINUTE",
        default_value_t = 60,
        global = true
    )]
    pub per_token_per_minute: u32,
    /// Requests a minute one client address may make to tracking links (behind a proxy that
    /// hides customers' addresses, raise it: every customer then shares one).
    #[arg(
        long = "tracking-per-address-per-minute",
        env = "DOORSTEP_TRACKING_PER_ADDRESS_PER_MINUTE",
        default_value_t = 300,
        global = true
    )]
    pub per_address_per_minute: u32,
    /// Memory the customers' cached tracking views may take, in MiB (a view is kept 30 s at
    /// most; a busy link is read from memory instead of the database).
    #[arg(
        long = "tracking-view-cache-mb",
        env = "DOORSTEP_TRACKING_VIEW_CACHE_MB",
        default_value_t = 64,
        global = true
    )]
    pub view_cache_mb: u64,
}
