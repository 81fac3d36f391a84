//! Photo storage through `object_store`: a local directory by default, any S3-compatible
//! bucket with an `s3://bucket/prefix` URL: the usual `AWS_*` variables apply (credentials,
//! region, `AWS_ENDPOINT`…), and the explicit `S3Settings` (`DOORSTEP_S3_*`) win over them.

use std::sync::Arc;

use anyhow::Context;
use bytes::Bytes;
use object_store::aws::AmazonS3Builder;
use object_store::path::Path;
use object_store::prefix::PrefixStore;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use secrecy::{ExposeSecret, SecretString};

/// Where photos go.
#[derive(clap::Args, Clone, Debug)]
pub struct BlobSettings {
    /// Where photos are stored: a directory, or `s3://bucket/prefix` (AWS_* variables apply).
    #[arg(
        id = "blob_url",
        long = "blob-url",
        env = "DOORSTEP_BLOB_URL",
        default_value = "./data/blobs",
        global = true
    )]
    pub url: String,
    #[command(flatten)]
    pub s3: S3Settings,
}

/// Explicit S3 settings; each one set wins over its `AWS_*` variable.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct S3Settings {
    /// S3-compatible endpoint for `s3://` blob URLs (MinIO: `http://127.0.0.1:9000`); else
    /// AWS_ENDPOINT or AWS itself.
    #[arg(long = "s3-endpoint", env = "DOORSTEP_S3_ENDPOINT", global = true)]
    pub endpoint: Option<String>,
    /// S3 region; else AWS_REGION / AWS_DEFAULT_REGION.
    #[arg(long = "s3-region", env = "DOORSTEP_S3_REGION", global = true)]
    pub region: Option<String>,
    /// Allow an `http://` S3 endpoint (local servers only).
    #[arg(
        long = "s3-allow-http",
        env = "DOORSTEP_S3_ALLOW_HTTP",
        default_value_t = false,
        global = true
    )]
    pub allow_http: bool,
    /// S3 access key id; else AWS_ACCESS_KEY_ID (or the instance's role).
    #[arg(
        long = "s3-access-key-id",
        env = "DOORSTEP_S3_ACCESS_KEY_ID",
        global = true
    )]
    pub access_key_id: Option<String>,
    /// S3 secret access key; else AWS_SECRET_ACCESS_KEY.
    #[arg(
        long = "s3-secret-access-key",
        env = "DOORSTEP_S3_SECRET_ACCESS_KEY",
        hide_env_values = true,
        value_parser = crate::args::secret,
        global = true
    )]
    pub secret_access_key: Option<SecretString>,
}

/// `prefix/inner` of `bucket/prefix/inner/` (the URL without `s3://`), if any.
fn s3_prefix(rest: &str) -> Option<&str> {
    let (_, path) = rest.split_once('/')?;
    let path = path.trim_matches('/');
    (!path.is_empty()).then_some(path)
}

/// The environment's S3 configuration with the explicit settings over it. The bucket and the
/// prefix come from the URL (`s3://bucket/prefix`).
fn s3_builder(url: &str, s3: &S3Settings) -> AmazonS3Builder {
    let mut b = AmazonS3Builder::from_env().with_url(url);
    if let Some(endpoint) = &s3.endpoint {
        b = b.with_endpoint(endpoint);
    }
    if let Some(region) = &s3.region {
        b = b.with_region(region);
    }
    if s3.allow_http {
        b = b.with_allow_http(true);
    }
    if let Some(id) = &s3.access_key_id {
        b = b.with_access_key_id(id);
    }
    if let Some(secret) = &s3.secret_access_key {
        b = b.with_secret_access_key(secret.expose_secret());
    }
    b
}

#[derive(Clone)]
pub struct Blobs {
    store: Arc<dyn ObjectStore>,
}

impl Blobs {
    pub fn open(url: &str, s3: &S3Settings) -> anyhow::Result<Blobs> {
        let store: Arc<dyn ObjectStore> = if let Some(rest) = url.strip_prefix("s3://") {
            let bucket = s3_builder(url, s3)
                .build()
                .context("cannot open the S3 bucket")?;
            // object_store takes only the bucket from the URL: the prefix is ours to apply.
            match s3_prefix(rest) {
                Some(prefix) => Arc::new(PrefixStore::new(bucket, prefix)),
                None => Arc::new(bucket),
            }
        } else {
            let dir = url.strip_prefix("file://").unwrap_or(url);
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {dir}"))?;
            Arc::new(object_store::local::LocalFileSystem::new_with_prefix(dir)?)
        };
        Ok(Blobs { store })
    }

    pub async fn put(&self, key: &str, bytes: Bytes) -> anyhow::Result<()> {
        self.store
            .put(&Path::from(key), PutPayload::from(bytes))
            .await
            .context("storing the photo failed")?;
        Ok(())
    }

    /// The object, or `None` when there is none under `key`.
    pub async fn get_if_exists(&self, key: &str) -> anyhow::Result<Option<Bytes>> {
        match self.store.get(&Path::from(key)).await {
            Ok(got) => Ok(Some(got.bytes().await?)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(anyhow::Error::new(e).context("reading the photo failed")),
        }
    }

    pub async fn get(&self, key: &str) -> anyhow::Result<Bytes> {
        let got = self
            .store
            .get(&Path::from(key))
            .await
            .context("reading the photo failed")?;
        Ok(got.bytes().await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_path_is_the_prefix() {
        assert_eq!(s3_prefix("bucket"), None);
        assert_eq!(s3_prefix("bucket/"), None);
        assert_eq!(s3_prefix("bucket/photos"), Some("photos"));
        assert_eq!(s3_prefix("bucket/a/b/"), Some("a/b"));
    }
}
