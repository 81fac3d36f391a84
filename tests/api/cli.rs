//! The real `doorstep` binary: migrate, bootstrap (once only), openapi, refused settings.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::helpers::fresh_database;

fn doorstep(args: &[&str], database_url: &str, stdin: &str, env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_doorstep"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn migrate_bootstrap_once_and_refuse_weak_settings() {
    let (url, _tmp, pg) = fresh_database();
    let out = doorstep(&["migrate"], &url, "", &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let bootstrap = [
        "admin",
        "bootstrap",
        "--email",
        "root@cli.test",
        "--password-stdin",
    ];
    let out = doorstep(&bootstrap, &url, "a long enough password\n", &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("platform admin created: usr_"));
    let out = doorstep(&bootstrap, &url, "a long enough password\n", &[]);
    assert!(!out.status.success(), "a second platform admin is refused");
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));

    let out = doorstep(
        &["admin", "bootstrap", "--email", "x@cli.test"],
        &url,
        "",
        &[],
    );
    assert!(!out.status.success(), "--password-stdin is required");

    let out = doorstep(
        &["serve"],
        &url,
        "",
        &[
            ("DOORSTEP_JWT_SECRET", "too-short"),
            ("DOORSTEP_BIND", "127.0.0.1:0"),
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 32 bytes"));

    let out = doorstep(&["openapi"], &url, "", &[]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("openapi: 3.1"));
    if let Some((admin, name)) = pg {
        crate::helpers::drop_pg_database(&admin, &name);
    }
}

/// Run `doorstep serve` as a user would, exercise credentials and a tracking token, and check
/// that none of the secrets reach its log output.
#[tokio::test]
async fn secrets_never_reach_the_logs() {
    use std::io::{BufRead, BufReader, Read};

    let (url, _tmp, pg) = fresh_database();
    let password = "a very secret password 42";
    let out = doorstep(
        &[
            "admin",
            "bootstrap",
            "--email",
            "root@logs.test",
            "--password-stdin",
        ],
        &url,
        &format!("{password}\n"),
        &[],
    );
    assert!(out.status.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_doorstep"))
        .arg("serve")
        .env("DATABASE_URL", &url)
        .env("DOORSTEP_BIND", "127.0.0.1:0")
        .env("DOORSTEP_JWT_SECRET", "j".repeat(40))
        .env("DOORSTEP_LOG_FORMAT", "json")
        .env(
            "DOORSTEP_BLOB_URL",
            std::env::temp_dir().join("doorstep-cli-test-blobs"),
        )
        .env("RUST_LOG", "debug")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut banner = String::new();
    loop {
        banner.clear();
        assert!(stdout.read_line(&mut banner).unwrap() > 0, "server exited");
        if banner.starts_with("Doorstep listening on ") {
            break;
        }
    }
    let base = banner
        .trim()
        .trim_start_matches("Doorstep listening on ")
        .to_owned();
    doorstep::install_crypto_provider();
    let client = reqwest::Client::new();
    let login: serde_json::Value = client
        .post(format!("{base}/v1/auth/login"))
        .json(&serde_json::json!({"email": "root@logs.test", "password": password}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let access = login["access_token"].as_str().unwrap().to_owned();
    let refresh = login["refresh_token"].as_str().unwrap().to_owned();
    let me = client
        .get(format!("{base}/v1/me"))
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    let tracking = "trk_the-customers-capability-token";
    client
        .get(format!("{base}/v1/track/{tracking}"))
        .send()
        .await
        .unwrap();
    client
        .get(format!("{base}/v1/me"))
        .bearer_auth("dsk_an-api-key-secret")
        .send()
        .await
        .unwrap();
    child.kill().unwrap();
    let mut logs = String::new();
    stdout.read_to_string(&mut logs).unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut logs)
        .unwrap();
    child.wait().unwrap();
    assert!(
        logs.contains("/v1/track/{token}"),
        "requests are logged by route pattern: {logs}"
    );
    for secret in [
        password,
        &access,
        &refresh,
        tracking,
        "dsk_an-api-key-secret",
    ] {
        assert!(
            !logs.contains(secret),
            "a secret reached the logs: {secret}"
        );
    }
    if let Some((admin, name)) = pg {
        crate::helpers::drop_pg_database(&admin, &name);
    }
}
