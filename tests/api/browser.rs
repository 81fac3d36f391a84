//! Real headless Chromium for the page and console tests, driven through chromedriver
//! (fantoccini). Needs the Debian packages `chromium` and `chromium-driver` (`.ci/run` installs
//! them); each `Browser` starts its own chromedriver on a free port and ends it when dropped.

use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// How the browser is set up: scripts on or off, and the window's size.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub javascript: bool,
    pub width: u32,
    pub height: u32,
}

impl Options {
    /// The customer on a phone (390 px; headless Chromium draws at least 500 px), no scripts.
    pub const PHONE: Options = Options {
        javascript: false,
        width: 390,
        height: 1300,
    };

    /// Staff at a desk: 1280 px wide.
    pub const fn desktop(javascript: bool) -> Options {
        Options {
            javascript,
            width: 1280,
            height: 900,
        }
    }
}

pub struct Browser {
    pub client: Client,
    driver: Child,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // chromedriver runs in its own process group with the browsers it started: end them all,
        // also when a test fails before closing the session.
        let _ = Command::new("kill")
            .arg("--")
            .arg(format!("-{}", self.driver.id()))
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// A hung browser must fail the test, not stall CI.
pub async fn within<F: std::future::Future<Output = ()>>(f: F) {
    tokio::time::timeout(Duration::from_secs(180), f)
        .await
        .expect("browser test took over 3 minutes");
}

impl Browser {
    /// Headless Chromium in English, with `options`.
    pub async fn start(options: Options) -> Browser {
        let port = crate::fixtures::free_port();
        let mut driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver not found: apt-get install chromium chromium-driver");
        let mut prefs = json!({"intl.accept_languages": "en-GB,en"});
        if !options.javascript {
            prefs["profile.managed_default_content_settings.javascript"] = json!(2);
        }
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".to_owned(),
            json!({
                "binary": "/usr/bin/chromium",
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         format!("--window-size={},{}", options.width, options.height),
                         "--lang=en-GB"],
                "prefs": prefs,
            }),
        );
        let url = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            if let Ok(client) = ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                return Browser { client, driver };
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let _ = driver.kill();
        let _ = driver.wait();
        panic!("chromedriver did not start on {url}");
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.unwrap();
    }

    /// The path of the page shown, e.g. `/console/login`.
    pub async fn path(&self) -> String {
        self.client.current_url().await.unwrap().path().to_owned()
    }

    pub async fn fill(&self, css: &str, text: &str) {
        let e = self.client.find(Locator::Css(css)).await.unwrap();
        e.clear().await.unwrap();
        e.send_keys(text).await.unwrap();
    }

    pub async fn select(&self, css: &str, value: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap()
            .select_by_value(value)
            .await
            .unwrap();
    }

    pub async fn click(&self, css: &str) {
        // Pages re-render as data arrives (the driver app's lists): an element found a moment
        // ago may have been replaced by the time it is clicked; find it again.
        for _ in 0..40 {
            match self.client.find(Locator::Css(css)).await {
                Ok(e) => match e.click().await {
                    Ok(()) => return,
                    Err(err) if err.is_stale_element_reference() => {
                        tokio::time::sleep(Duration::from_millis(25)).await;
                    }
                    Err(err) => panic!("clicking {css}: {err}"),
                },
                Err(e) => panic!("{css}: {e}\n{}", self.source().await),
            }
        }
        panic!("{css} was replaced each time it was about to be clicked");
    }

    /// Click a link or a submit button and wait until the next page has replaced this one.
    pub async fn submit(&self, css: &str) {
        let old = self.client.find(Locator::Css("html")).await.unwrap();
        self.click(css).await;
        for _ in 0..200 {
            if old.tag_name().await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("submitting {css} did not load a page");
    }

    pub async fn text(&self, css: &str) -> String {
        match self.client.find(Locator::Css(css)).await {
            Ok(e) => e.text().await.unwrap(),
            Err(e) => panic!("{css}: {e}\n{}", self.source().await),
        }
    }

    /// An attribute of every element `css` matches, in document order.
    pub async fn attrs(&self, css: &str, attribute: &str) -> Vec<Option<String>> {
        let mut out = Vec::new();
        for e in self.client.find_all(Locator::Css(css)).await.unwrap() {
            out.push(e.attr(attribute).await.unwrap());
        }
        out
    }

    pub async fn source(&self) -> String {
        self.client.source().await.unwrap()
    }

    /// The whole page as a PNG in `target/tmp/<name>`: the window is made as tall as the page
    /// for the shot. (The copies in `docs/src/images/` that the book shows are refreshed from
    /// there by hand.)
    pub async fn screenshot(&self, name: &str) {
        // chromedriver runs this script itself: it works with the page's JavaScript off too.
        let sizes = self
            .client
            .execute(
                "return [document.documentElement.scrollHeight, window.innerHeight]",
                vec![],
            )
            .await
            .unwrap();
        let page = sizes[0].as_u64().unwrap();
        let inner = sizes[1].as_u64().unwrap();
        let (width, height) = self.client.get_window_size().await.unwrap();
        let frame = height.saturating_sub(inner);
        let (w, h) = (width as u32, height as u32);
        self.client
            .set_window_size(w, (page + frame) as u32)
            .await
            .unwrap();
        let png = self.client.screenshot().await.unwrap();
        self.client.set_window_size(w, h).await.unwrap();
        let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
        std::fs::write(&out, png).unwrap();
    }

    /// A DevTools-protocol command through chromedriver (`goog/cdp/execute`): network
    /// conditions, geolocation, permissions.
    pub async fn cdp(&self, cmd: &str, params: serde_json::Value) -> serde_json::Value {
        self.client
            .issue_cmd(Cdp {
                cmd: cmd.to_owned(),
                params,
            })
            .await
            .unwrap_or_else(|e| panic!("{cmd}: {e}"))
    }

    /// [`Browser::cdp`], for a command that may be refused.
    pub async fn try_cdp(
        &self,
        cmd: &str,
        params: serde_json::Value,
    ) -> Result<serde_json::Value, String> {
        self.client
            .issue_cmd(Cdp {
                cmd: cmd.to_owned(),
                params,
            })
            .await
            .map_err(|e| e.to_string())
    }

    /// The value `script` returns (an async script: it calls `arguments[0]` with it).
    pub async fn eval_async(&self, script: &str) -> serde_json::Value {
        self.client.execute_async(script, vec![]).await.unwrap()
    }

    /// Cut the page off the network (`true`) or give it back.
    pub async fn offline(&self, offline: bool) {
        self.cdp("Network.enable", json!({})).await;
        self.cdp(
            "Network.emulateNetworkConditions",
            json!({"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}),
        )
        .await;
    }

    /// Wait (up to 15 s) until `script` returns true.
    pub async fn until(&self, what: &str, script: &str) {
        for _ in 0..300 {
            let v = self.client.execute(script, vec![]).await.unwrap();
            if v.as_bool() == Some(true) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{what}: not after 15 s\n{}", self.source().await);
    }

    pub async fn close(self) {
        self.client.clone().close().await.unwrap();
    }
}

#[derive(Debug)]
struct Cdp {
    cmd: String,
    params: serde_json::Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({"cmd": self.cmd, "params": self.params});
        (http::Method::POST, Some(body.to_string()))
    }
}
