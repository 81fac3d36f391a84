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
