//! Issue 29: the clients generated from openapi.yaml drive the real server. Each runs the
//! marketplace integration and a driver's day (`clients/*/examples/flow.*`) using only the
//! generated code and the packages' helpers. Needs Node and the clients' tools: CI runs
//! `bash clients/generate.sh --check` first (it installs them under target/), then this with
//! `--ignored`, on SQLite and on PostgreSQL.

use std::path::Path;
use std::process::Command;

use crate::fixtures::jpeg;
use crate::helpers::TestApp;

fn run(what: &str, program: &Path, script: &Path, env: &[(&str, String)]) {
    assert!(
        program.exists() || program.components().count() == 1,
        "{} is missing: run `bash clients/generate.sh --check` first",
        program.display()
    );
    assert!(
        script.exists(),
        "{} is missing: run `bash clients/generate.sh --check` first",
        script.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (dir.path().join("out"), dir.path().join("err"));
    let mut child = Command::new(program)
        .arg(script)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("start the flow");
    // A flow takes seconds; one that hangs fails the test instead of the whole CI run.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if std::time::Instant::now() > deadline {
            child.kill().ok();
            child.wait().ok();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let stdout = std::fs::read_to_string(&out_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    assert!(
        status.is_some_and(|s| s.success()),
        "the {what} flow failed or hung ({status:?}):\n{stdout}\n{stderr}"
    );
    println!("{}", stdout.trim());
}

#[tokio::test]
#[ignore = "needs the clients' tools: bash clients/generate.sh --check"]
async fn generated_clients_run_the_integration_and_the_drivers_day() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let app = TestApp::spawn().await;
    let admin = app.platform_admin().await;
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("door.jpg");
    let taken = (chrono::Utc::now(), (48.8606, 2.3376));
    std::fs::write(&photo, jpeg(1200, 900, Some(taken))).unwrap();
    let env = vec![
        ("DOORSTEP_URL", app.base.clone()),
        ("DOORSTEP_ROOT_TOKEN", admin),
        ("DOORSTEP_PHOTO", photo.display().to_string()),
    ];
    let flows = [
        (
            "python",
            root.join("target/contract-tools/venv/bin/python"),
            root.join("clients/python/examples/flow.py"),
        ),
        (
            "typescript",
            Path::new("node").to_path_buf(),
            root.join("clients/typescript/dist/examples/flow.js"),
        ),
    ];
    for (what, program, script) in flows {
        let env = env.clone();
        // The flow blocks; the server keeps serving on its own threads.
        tokio::task::spawn_blocking(move || run(what, &program, &script, &env))
            .await
            .unwrap();
    }
}
