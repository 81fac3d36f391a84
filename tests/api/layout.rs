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
    // The console calls the services the JSON routes call, with the same actor (issue 25).
    let console_stores: Vec<String> = files_with(&f, "store::")
        .into_iter()
        .filter(|p| p.starts_with("console/"))
        .collect();
    assert!(
        console_stores.is_empty(),
        "the console reads through the services, not the stores: {console_stores:?}"
    );
    let querying_routes: Vec<String> = files_with(&f, "diesel::")
        .into_iter()
        .filter(|p| p.ends_with("routes.rs") || p == "tracking/page.rs")
        .collect();
    assert!(
        querying_routes.is_empty(),
        "routes call services; queries live in stores: {querying_routes:?}"
    );
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

/// Settings are declared once (issue 25): the book's configuration page is generated from the
/// clap definitions and must match them.
#[test]
fn the_configuration_page_is_the_code() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/src/operators/configuration.md");
    let page = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        page == doorstep::cli::configuration_reference(),
        "{} is stale: run `cargo run -q -- config-reference > docs/src/operators/configuration.md`",
        path.display()
    );
}

/// The layers (issue 25): base → domains → delivery (routes, console, the tracking page) →
/// `server` (wiring, `config`) → `cli`. A file's rank, and the rank of what a `crate::` path
/// names.
mod layers {
    use std::collections::{BTreeMap, BTreeSet};

    const BASE: &[&str] = &[
        "error",
        "ids",
        "db",
        "clock",
        "jobs",
        "access",
        "pagination",
        "timezone",
        "secrets",
        "idempotency",
        "client_addr",
        "geo",
        "blobs",
        "identity",
        "status",
        "access_log",
        "args",
        "window",
        "i18n",
        "outbound",
        "channels",
        "lib",
        // lib.rs's own item: the TLS provider every outbound client needs.
        "install_crypto_provider",
    ];

    fn rank(module: &str, second: Option<&str>) -> u8 {
        match module {
            "cli" | "demo" | "main" => 4,
            "server" | "config" => 3,
            "console" | "driver_app" | "web" => 2,
            m if BASE.contains(&m) => 0,
            "tracking" if second == Some("page") => 2,
            // HTTP handlers: `routes.rs`, or `*_routes.rs` beside it.
            _ if second.is_some_and(|s| s == "routes" || s.ends_with("_routes")) => 2,
            _ => 1,
        }
    }

    pub fn file_rank(path: &str) -> u8 {
        let mut parts = path.trim_end_matches(".rs").split('/');
        let module = parts.next().unwrap_or_default();
        rank(module, parts.next())
    }

    /// `crate::a::b` paths a file's production code names (comments and tests aside).
    pub fn targets(text: &str) -> BTreeSet<(String, Option<String>)> {
        let production = text.split("#[cfg(test)]").next().unwrap_or_default();
        let code: String = production
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut out = BTreeSet::new();
        let ident = |s: &str| -> String {
            s.chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_' || c.is_ascii_digit())
                .collect()
        };
        for (i, _) in code.match_indices("crate::") {
            let rest = &code[i + 7..];
            if let Some(group) = rest.strip_prefix('{') {
                for item in group.split('}').next().unwrap_or_default().split(',') {
                    let mut segs = item.trim().split("::");
                    let m = ident(segs.next().unwrap_or_default());
                    if !m.is_empty() {
                        out.insert((m, segs.next().map(ident)));
                    }
                }
                continue;
            }
            let m = ident(rest);
            let second = rest[m.len()..].strip_prefix("::").map(ident);
            if !m.is_empty() {
                out.insert((m, second.filter(|s| !s.is_empty())));
            }
        }
        out
    }

    type Graph = BTreeMap<String, BTreeSet<String>>;

    /// The largest strongly connected set of a graph: nodes that reach each other.
    fn largest_circle(edges: &Graph) -> Vec<String> {
        let reach = |start: &str| -> BTreeSet<String> {
            let mut seen = BTreeSet::new();
            let mut todo = vec![start.to_owned()];
            while let Some(m) = todo.pop() {
                for n in edges.get(&m).into_iter().flatten() {
                    if seen.insert(n.clone()) {
                        todo.push(n.clone());
                    }
                }
            }
            seen
        };
        let mut largest: Vec<String> = Vec::new();
        for m in edges.keys() {
            let circle: Vec<String> = reach(m)
                .iter()
                .filter(|n| reach(n).contains(m))
                .cloned()
                .collect();
            if circle.len() > largest.len() {
                largest = circle;
            }
        }
        largest
    }

    /// A domain file's layer (issue 25: each domain `rules`/`model` → `store` → `service`):
    /// 0 pure (rules, models, views, what the door computes without I/O), 1 its tables, 2 its
    /// use cases and jobs. A file not named here is pure, so a new file that reaches a store or
    /// a service is refused until it says which it is.
    pub fn domain_layer(stem: &str) -> u8 {
        const STORE: &[&str] = &["store", "locking", "outbox", "targets", "sealing"];
        const SERVICE: &[&str] = &[
            "service",
            "export",
            "creation",
            "dispatcher",
            "sender",
            "bootstrap",
            "purge",
            "verify",
            "password",
            "refresh",
            "sightings",
            "throttle",
        ];
        if STORE.contains(&stem) {
            1
        } else if SERVICE.contains(&stem) {
            2
        } else {
            0
        }
    }

    /// Nodes `domain@layer` of the domain code (rank 1), the arrows between them, and the file
    /// arrows from a layer to a higher one (a rule reaching a store, a store a service).
    pub fn domain_layers(files: &[(String, String)]) -> (Vec<String>, Vec<String>) {
        let name = ["pure", "store", "service"];
        let (mut edges, mut upward) = (Graph::new(), Vec::new());
        for (path, text) in files {
            if file_rank(path) != 1 {
                continue;
            }
            let mut parts = path.trim_end_matches(".rs").split('/');
            let (module, stem) = (parts.next().unwrap_or_default(), parts.next());
            let Some(stem) = stem else { continue };
            let from = domain_layer(stem);
            let production: String = text
                .split("#[cfg(test)]")
                .next()
                .unwrap_or_default()
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            let mut to: BTreeSet<(String, Option<String>)> = targets(text);
            for (i, _) in production.match_indices("super::") {
                let rest = &production[i + 7..];
                let item: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_' || c.is_ascii_digit())
                    .collect();
                if !item.is_empty() {
                    to.insert((module.to_owned(), Some(item)));
                }
            }
            for (m, second) in to {
                let Some(second) = second else { continue };
                if rank(&m, Some(&second)) != 1 {
                    continue;
                }
                let target = domain_layer(&second);
                if m == module && second == stem {
                    continue;
                }
                if target > from {
                    upward.push(format!("{path} -> {m}::{second}"));
                }
                let (a, b) = (
                    format!("{module}@{}", name[from as usize]),
                    format!("{m}@{}", name[target as usize]),
                );
                if a != b {
                    edges.entry(a).or_default().insert(b);
                }
            }
        }
        (largest_circle(&edges), upward)
    }

    pub struct Measure {
        /// Import arrows between top-level modules.
        pub arrows: usize,
        /// The largest import circle between top-level modules.
        pub circle: Vec<String>,
        /// The same between layers of modules (`shipments@1`: its domain code, `shipments@2`:
        /// its handlers), the order's own reading: a domain's handlers may import `web`, which
        /// imports the domain, without a loop between layers.
        pub layered_circle: Vec<String>,
        /// File arrows against the order.
        pub against: Vec<String>,
    }

    pub fn measure(files: &[(String, String)]) -> Measure {
        let (mut edges, mut layered) = (Graph::new(), Graph::new());
        let mut against = Vec::new();
        for (path, text) in files {
            let from = path
                .split('/')
                .next()
                .unwrap_or_default()
                .trim_end_matches(".rs");
            let from_layer = format!("{from}@{}", file_rank(path));
            for (m, second) in targets(text) {
                if m == "self" || m == "super" {
                    continue;
                }
                let to_rank = rank(&m, second.as_deref());
                let to_layer = format!("{m}@{to_rank}");
                if to_layer != from_layer {
                    layered
                        .entry(from_layer.clone())
                        .or_default()
                        .insert(to_layer);
                }
                if m == from {
                    continue;
                }
                edges.entry(from.to_owned()).or_default().insert(m.clone());
                if file_rank(path) < to_rank {
                    against.push(format!(
                        "{path} -> {m}{}",
                        second.map(|s| format!("::{s}")).unwrap_or_default()
                    ));
                }
            }
        }
        Measure {
            arrows: edges.values().map(BTreeSet::len).sum(),
            circle: largest_circle(&edges),
            layered_circle: largest_circle(&layered),
            against,
        }
    }
}

/// Issue 25: no import runs against the layer order (base → domains → delivery → server →
/// cli), and the import circles between domains may only shrink. Each circle bound is today's
/// size; lower it as arrows go (the note of each change says from what to what).
#[test]
fn the_layers_only_get_cleaner() {
    let layers::Measure {
        arrows,
        circle,
        layered_circle,
        against,
    } = layers::measure(&files());
    println!(
        "{arrows} top-level import arrows; the largest circle holds {} modules: {circle:?}; \
         between layers {}: {layered_circle:?}; {} file arrows against the order:\n{}",
        circle.len(),
        layered_circle.len(),
        against.len(),
        against.join("\n")
    );
    assert!(
        against.is_empty(),
        "an arrow against the order (base → domains → routes/console/page/web → server → cli):\n{}",
        against.join("\n")
    );
    assert!(circle.len() <= 19, "the import circle grew: {circle:?}");
    assert!(
        layered_circle.len() <= 8,
        "the circle between layers grew: {layered_circle:?}"
    );
    // Delivery code never sits in a loop with the domains it serves.
    assert!(
        layered_circle.iter().all(|m| m.ends_with("@1")),
        "{layered_circle:?}"
    );
    // The database layer and the job runner import no domain, so no domain loop reaches them.
    for base in ["db", "jobs", "clock", "error", "ids"] {
        assert!(!circle.iter().any(|m| m == base), "{base} is in the circle");
    }
    assert_eq!(layers::file_rank("shipments/routes.rs"), 2);
    assert_eq!(layers::file_rank("error.rs"), 0);
    assert!(
        layers::targets("use crate::{error::ApiError, db::Conn};\n// crate::cli\n")
            .iter()
            .map(|(m, _)| m.as_str())
            .eq(["db", "error"])
    );
}

/// Issue 25: within the domains, the layers cannot loop: no rule or model reaches a store or
/// a service, no store a service, and no two `domain@layer` nodes reach each other — the door
/// (`shipments@service`) calls nothing that calls it back.
#[test]
fn the_domain_layers_do_not_loop() {
    let (circle, upward) = layers::domain_layers(&files());
    assert!(
        upward.is_empty(),
        "an arrow up the layers (rules/model → store → service):\n{}",
        upward.join("\n")
    );
    assert!(
        circle.is_empty(),
        "a loop between domain layers: {circle:?}"
    );
    // The measure can fail: a store calling the door back is both.
    let looped = vec![
        (
            "shipments/service.rs".to_owned(),
            "use crate::notifications::store;".to_owned(),
        ),
        (
            "notifications/store.rs".to_owned(),
            "use crate::shipments::service::apply;".to_owned(),
        ),
    ];
    let (circle, upward) = layers::domain_layers(&looped);
    assert_eq!(circle, ["notifications@store", "shipments@service"]);
    assert_eq!(upward, ["notifications/store.rs -> shipments::service"]);
}
