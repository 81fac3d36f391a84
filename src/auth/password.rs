//! argon2id password hashing with the crate defaults, which are OWASP's recommended minimum
//! (19 MiB, t=2, p=1). Each hash or verification takes tens of milliseconds of CPU and 19 MiB of
//! memory, so in the server every one goes through the [`PasswordGate`]: at most
//! `max_concurrent_hashes` at once, each with a memory buffer reused from permit to permit, the
//! rest waiting briefly (asynchronously, holding no thread), then 503. Hashing memory is thus
//! bounded by permits × 19 MiB whatever the load, and does not pile up in allocator arenas.

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::{ApiError, ApiResult};

/// A stored hash asking for more memory than this is refused rather than allowed to grow a
/// reused buffer (we only ever write 19 MiB ones).
const MAX_MEMORY_KIB: u32 = 64 * 1024;

/// argon2's working memory, grown to what the parameters need and then reused.
#[derive(Default)]
struct Memory(Vec<Block>);

impl Memory {
    fn blocks(&mut self, params: &Params) -> &mut [Block] {
        let needed = params.block_count();
        if self.0.len() < needed {
            self.0.resize(needed, Block::default());
        }
        &mut self.0[..needed]
    }

    /// argon2's output of `len` bytes for `password` and `salt`, computed in this memory.
    fn output(
        &mut self,
        argon: &Argon2,
        params: &Params,
        password: &str,
        salt: &[u8],
        len: usize,
    ) -> anyhow::Result<Output> {
        Output::init_with(len, |out| {
            argon
                .hash_password_into_with_memory(password.as_bytes(), salt, out, self.blocks(params))
                .map_err(Into::into)
        })
        .map_err(phc_error)
    }

    /// The same PHC string `PasswordHasher::hash_password` writes
    /// (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`), computed in this memory.
    fn hash(&mut self, password: &str) -> anyhow::Result<String> {
        let params = Params::default();
        let salt = SaltString::generate(&mut OsRng);
        let mut salt_buf = [0u8; 64];
        let salt_bytes = salt.decode_b64(&mut salt_buf).map_err(phc_error)?;
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
        let output = self.output(
            &argon,
            &params,
            password,
            salt_bytes,
            Params::DEFAULT_OUTPUT_LEN,
        )?;
        let phc = PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params).map_err(phc_error)?,
            salt: Some(salt.as_salt()),
            hash: Some(output),
        };
        Ok(phc.to_string())
    }

    /// Whether `password` matches a PHC string, with the parameters the string names.
    fn verify(&mut self, password: &str, stored: &str) -> bool {
        self.matches(password, stored).unwrap_or(false)
    }

    fn matches(&mut self, password: &str, stored: &str) -> anyhow::Result<bool> {
        let parsed = PasswordHash::new(stored).map_err(phc_error)?;
        let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
            return Ok(false);
        };
        let algorithm = Algorithm::try_from(parsed.algorithm).map_err(phc_error)?;
        let version = match parsed.version {
            Some(v) => Version::try_from(v).map_err(phc_error)?,
            None => Version::default(),
        };
        // Carries the output length of the stored hash.
        let params = Params::try_from(&parsed).map_err(phc_error)?;
        anyhow::ensure!(
            params.m_cost() <= MAX_MEMORY_KIB,
            "stored hash needs {} KiB",
            params.m_cost()
        );
        let mut salt_buf = [0u8; 64];
        let salt_bytes = salt.decode_b64(&mut salt_buf).map_err(phc_error)?;
        let argon = Argon2::new(algorithm, version, params.clone());
        let computed = self.output(&argon, &params, password, salt_bytes, expected.len())?;
        // `Output`'s equality is constant-time.
        Ok(computed == expected)
    }
}

fn phc_error(e: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("password hashing failed: {e}")
}

/// Hash outside the server (the CLI's `admin bootstrap`, one at a time). In the server, hash
/// through [`PasswordGate`].
pub fn hash(password: &str) -> anyhow::Result<String> {
    Memory::default().hash(password)
}

/// A hash to verify against when the e-mail is unknown, so a failed login costs the same
/// time whether or not the account exists.
static DUMMY_HASH: OnceLock<String> = OnceLock::new();

type Pool = Arc<Mutex<Vec<Memory>>>;

/// The one way the server hashes and verifies passwords: a semaphore with a bounded wait, and
/// one reusable argon2 buffer per permit.
pub struct PasswordGate {
    permits: Arc<Semaphore>,
    queue_timeout: Duration,
    /// Buffers of finished hashings; never more than the permits, since each is taken under one.
    pool: Pool,
}

impl PasswordGate {
    pub fn new(max_concurrent: usize, queue_timeout: Duration) -> PasswordGate {
        PasswordGate {
            permits: Arc::new(Semaphore::new(max_concurrent.max(1))),
            queue_timeout,
            pool: Pool::default(),
        }
    }

    /// Run `f` on the blocking pool once a permit is free. The wait is async, so a queued
    /// request holds no blocking thread; past `queue_timeout` it is [`ApiError::Overloaded`].
    /// The permit moves into the blocking task: a client that hangs up does not free it early.
    pub async fn run<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut Hasher) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let acquire = self.permits.clone().acquire_owned();
        let permit = match tokio::time::timeout(self.queue_timeout, acquire).await {
            Ok(Ok(permit)) => permit,
            Ok(Err(closed)) => return Err(ApiError::Internal(closed.into())),
            Err(_) => {
                tracing::warn!("password hashing saturated: request refused with 503");
                return Err(ApiError::Overloaded(
                    "too many password checks at once; retry in a second".to_owned(),
                ));
            }
        };
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let memory = lock(&pool).pop().unwrap_or_default();
            let mut hasher = Hasher {
                memory,
                pool,
                _permit: permit,
            };
            f(&mut hasher)
        })
        .await?
    }

    /// Hash a new password.
    pub async fn hash(&self, password: String) -> ApiResult<String> {
        self.run(move |h| Ok(h.hash(&password)?)).await
    }
}

fn lock(pool: &Pool) -> std::sync::MutexGuard<'_, Vec<Memory>> {
    pool.lock().unwrap_or_else(|p| p.into_inner())
}

/// One permit of the gate with its buffer, inside the blocking task.
pub struct Hasher {
    memory: Memory,
    pool: Pool,
    // Released after `drop` has given the buffer back (fields drop after `Drop::drop`).
    _permit: OwnedSemaphorePermit,
}

impl Hasher {
    pub fn hash(&mut self, password: &str) -> anyhow::Result<String> {
        self.memory.hash(password)
    }

    pub fn verify(&mut self, password: &str, stored: &str) -> bool {
        self.memory.verify(password, stored)
    }

    /// Spend a verification's time on a dummy hash (unknown e-mail).
    pub fn verify_dummy(&mut self, password: &str) {
        let dummy = DUMMY_HASH.get_or_init(|| {
            self.memory
                .hash("doorstep-dummy-password")
                .unwrap_or_default()
        });
        let _ = self.memory.verify(password, dummy);
    }
}

impl Drop for Hasher {
    fn drop(&mut self) {
        let memory = std::mem::take(&mut self.memory);
        lock(&self.pool).push(memory);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    #[test]
    fn hash_then_verify() {
        let mut m = Memory::default();
        let h = m.hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(m.verify("correct horse battery", &h));
        assert!(!m.verify("wrong horse battery", &h));
        assert!(!m.verify("anything", "not a hash"));
        assert_ne!(h, m.hash("correct horse battery").unwrap(), "salted");
    }

    #[test]
    fn the_phc_format_is_the_crates_both_ways() {
        let standard = Argon2::default();
        let mut m = Memory::default();
        let ours = m.hash("pw one").unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(standard.verify_password(b"pw one", &parsed).is_ok());
        assert!(standard.verify_password(b"pw two", &parsed).is_err());

        let salt = SaltString::generate(&mut OsRng);
        let theirs = standard
            .hash_password(b"pw one", &salt)
            .unwrap()
            .to_string();
        assert!(m.verify("pw one", &theirs));
        assert!(!m.verify("pw two", &theirs));
        // Other parameters (a smaller, older hash) are read from the string itself.
        let small = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8192, 3, 1, None).unwrap(),
        );
        let old = small.hash_password(b"pw one", &salt).unwrap().to_string();
        assert!(m.verify("pw one", &old));
        assert!(!m.verify("pw two", &old));
    }

    #[test]
    fn absurd_stored_parameters_are_refused() {
        let mut m = Memory::default();
        let h = m.hash("pw").unwrap().replace("m=19456", "m=4000000");
        assert!(!m.verify("pw", &h));
        assert!(m.0.len() <= 19456, "the buffer did not grow");
    }

    #[tokio::test]
    async fn the_gate_bounds_concurrency_and_refuses_past_the_wait() {
        let gate = Arc::new(PasswordGate::new(1, Duration::from_millis(20)));
        let (started_tx, started_rx) = std::sync::mpsc::channel();
        let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
        let busy = {
            let gate = gate.clone();
            tokio::spawn(async move {
                gate.run(move |_| {
                    let _ = started_tx.send(());
                    let _ = release_rx.recv();
                    Ok(())
                })
                .await
            })
        };
        tokio::task::spawn_blocking(move || started_rx.recv())
            .await
            .unwrap()
            .unwrap();
        let refused = gate.hash("pw".to_owned()).await.unwrap_err();
        assert!(matches!(refused, ApiError::Overloaded(_)), "{refused:?}");
        release_tx.send(()).unwrap();
        busy.await.unwrap().unwrap();
        let h = gate.hash("pw".to_owned()).await.unwrap();
        assert!(gate.run(move |x| Ok(x.verify("pw", &h))).await.unwrap());
        assert_eq!(lock(&gate.pool).len(), 1, "one permit, one buffer");
    }
}
