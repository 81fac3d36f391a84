//! Photo storage through `object_store`: a local directory by default, any S3-compatible
//! bucket with an `s3://bucket/prefix` URL (credentials and endpoint from the usual `AWS_*`
//! variables, e.g. `AWS_ENDPOINT` and `AWS_ALLOW_HTTP` for MinIO).

use std::sync::Arc;

use anyhow::Context;
use bytes::Bytes;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};

#[derive(Clone)]
pub struct Blobs {
    store: Arc<dyn ObjectStore>,
}

impl Blobs {
    pub fn open(url: &str) -> anyhow::Result<Blobs> {
        let store: Arc<dyn ObjectStore> = if url.starts_with("s3://") {
            Arc::new(
                object_store::aws::AmazonS3Builder::from_env()
                    .with_url(url)
                    .build()
                    .context("cannot open the S3 bucket")?,
            )
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
