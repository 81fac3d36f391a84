//! The house rules of the code (DESIGN §3), checked on the source: the one door is the only
//! writer of a shipment's status, timeline and counters; routes never import another
//! module's routes; backend branches live in `db/`.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// (path relative to `src/`, text) of every source file.
fn files() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    sources(&root, &mut paths);
    let mut files: Vec<(String, String)> = paths
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort();
    assert!(files.len() > 50, "the source tree was found");
    files
}

/// The files whose code (comments and filters aside) contains `needle`.
fn files_with(files: &[(String, String)], needle: &str) -> Vec<String> {
    files
        .iter()
        .filter(|(_, text)| {
            text.lines()
                .filter(|l| !l.trim_start().starts_with("//") && !l.contains("filter("))
                .any(|l| l.contains(needle))
        })
        .map(|(path, _)| path.clone())
        .collect()
}

#[test]
fn only_the_one_door_writes_status_timeline_and_counters() {
    let f = files();
    assert!(
        files_with(&f, "shipments::status.eq(").is_empty(),
        "the status is written by shipments::service::apply only (through RowChanges)"
    );
    assert_eq!(
        files_with(&f, "insert_into(shipment_events"),
        ["shipments/store.rs"],
        "events are appended by the door's store function only"
    );
    assert_eq!(
        files_with(&f, "insert_events("),
        ["shipments/service.rs", "shipments/store.rs"]
    );
    assert_eq!(files_with(&f, "insert_into(kpi_daily"), ["kpis/store.rs"]);
    assert_eq!(
        files_with(&f, "counters::upsert("),
        ["shipments/service.rs"],
        "counters move with the change that moves them"
    );
    // The table named however it is imported.
    let unqualified: Vec<(String, String)> = f
        .iter()
        .map(|(p, t)| {
            let t = t
                .replace("crate::db::schema::", "")
                .replace("schema::", "")
                .replace("diesel::update(\n", "diesel::update(")
                .replace("update(\n", "update(");
            (p.clone(), t)
        })
        .collect();
    let mut writers: Vec<String> = files_with(&unqualified, "update(shipments")
        .into_iter()
        .chain(files_with(&unqualified, "update(s::table"))
        .collect();
    writers.sort();
    writers.dedup();
    assert_eq!(
        writers,
        ["kpis/store.rs", "shipments/store.rs"],
        "the shipment row is written by the door (typed patches, one UPDATE through its store) \
         and by rebuild-kpis only"
    );
    assert_eq!(
        files_with(&f, "kpi_contrib.eq("),
        ["kpis/store.rs"],
        "the door writes the contributions through RowChanges; rebuild-kpis directly"
    );
}

#[test]
fn routes_do_not_import_each_other_and_backends_branch_in_one_place() {
    let f = files();
    for (path, text) in &f {
        let registers_routes = path == "server/http.rs" || path == "server/openapi.rs";
        if !registers_routes {
            assert!(
                !text.contains("::routes::"),
                "{path} uses another module's routes: move what it needs into a service"
            );
        }
    }
    let branching: Vec<String> = files_with(&f, "Conn::Pg(")
        .into_iter()
        .chain(files_with(&f, "Conn::Sqlite("))
        .filter(|p| !p.starts_with("db/"))
        .collect();
    assert!(
        branching.is_empty(),
        "backend branches outside db/: {branching:?}"
    );
}

/// One clock (issue 25): production code reads the time from `crate::clock` only, so tests and
/// the demo can move it. Unit tests (after `#[cfg(test)]`) may read the system clock.
#[test]
fn only_the_clock_reads_the_system_time() {
    let readers: Vec<String> = files()
        .into_iter()
        .filter(|(path, _)| path != "clock.rs")
        .filter(|(_, text)| {
            let production = text.split("#[cfg(test)]").next().unwrap_or_default();
            production
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .any(|l| l.contains("Utc::now()") || l.contains("Local::now()"))
        })
        .map(|(path, _)| path)
        .collect();
    assert!(
        readers.is_empty(),
        "read the time from the one clock (state.clock, a Config's clock, or a `now` \
         parameter): {readers:?}"
    );
}
