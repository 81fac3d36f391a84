//! Photo limits: the largest upload, the most pixels, and the memory decoding may take.

use std::time::Duration;

#[derive(clap::Args, Clone, Debug)]
pub struct PhotoSettings {
    /// Largest photo accepted, in bytes.
    #[arg(
        long = "photo-max-bytes",
        env = "DOORSTEP_PHOTO_MAX_BYTES",
        default_value_t = 10 * 1024 * 1024,
        global = true
    )]
    pub max_bytes: usize,
    /// Most pixels a photo may have (50 MP: a 200 MB decode at most).
    #[arg(
        long = "photo-max-pixels",
        env = "DOORSTEP_PHOTO_MAX_PIXELS",
        default_value_t = 50_000_000,
        global = true
    )]
    pub max_pixels: u64,
    /// Memory all photos decoded at once may take together, in MiB (four bytes a pixel); an
    /// upload that cannot get its share within 5 s is answered 503 with Retry-After.
    #[arg(
        long = "decode-memory-mb",
        env = "DOORSTEP_DECODE_MEMORY_MB",
        default_value_t = 512,
        global = true
    )]
    pub decode_memory_mb: u32,
    /// How long an upload waits for its share of that memory.
    #[arg(skip = Duration::from_secs(5))]
    pub decode_wait: Duration,
}
