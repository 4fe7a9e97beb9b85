//! The HTML errata in a real headless browser: the page's script runs without errors, every
//! finding has its row, and filtering and sorting work. Skipped, with a notice, when no
//! `chromium` is on PATH (CI installs it: `apt-get install -y chromium`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|p| p.is_file())
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("concord-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn concord(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_concord"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("concord runs")
}

/// The DOM after the page's scripts ran, and the browser's log.
fn dump_dom(browser: &Path, url: &str, work: &Path) -> (String, String) {
    let profile = work.join(format!("profile-{}", url.len()));
    let out = work.join(format!("dom-{}.html", url.len()));
    let err = work.join(format!("log-{}.txt", url.len()));
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(url)
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .stdin(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 90 s for {url}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    (
        std::fs::read_to_string(out).unwrap(),
        std::fs::read_to_string(err).unwrap_or_default(),
    )
}

fn attr_values<'a>(dom: &'a str, attr: &str) -> Vec<&'a str> {
    let key = format!("{attr}=\"");
    dom.match_indices(&key)
        .map(|(i, _)| {
            let rest = &dom[i + key.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// The opening tags of the finding rows.
fn row_tags(dom: &str) -> Vec<&str> {
    dom.match_indices("<tr class=\"finding-row\"")
        .map(|(i, _)| &dom[i..i + dom[i..].find('>').unwrap()])
        .collect()
}

fn shown_count(dom: &str) -> &str {
    let start = dom.find("id=\"shown-count\"").expect("the count element");
    let rest = &dom[start..];
    let open = rest.find('>').unwrap() + 1;
    &rest[open..open + rest[open..].find('<').unwrap()]
}

#[test]
fn the_errata_page_works_in_a_browser() {
    let Some(browser) = chromium() else {
        eprintln!(
            "SKIP the_errata_page_works_in_a_browser: no chromium on PATH (apt-get install -y chromium)"
        );
        return;
    };
    let work = temp_dir("report-html");
    let page = work.join("errata.html");
    let run = concord(&["report", "seeds", "--out", page.to_str().unwrap()]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let json = concord(&["check", "seeds", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let total = json["diagnostics"].as_array().unwrap().len();
    let warnings = json["summary"]["warnings"].as_u64().unwrap() as usize;
    assert!(total > 0, "the seeds have findings");
    let url = format!("file://{}", page.display());

    let (dom, log) = dump_dom(&browser, &url, &work);
    assert!(!log.contains("Uncaught"), "a script error:\n{log}");
    assert!(
        dom.contains("data-js=\"ready\""),
        "the script did not finish:\n{dom}"
    );
    let ids = attr_values(&dom, "data-id");
    let expected: Vec<String> = (1..=total).map(|i| format!("E{i}")).collect();
    assert_eq!(ids, expected, "one row per finding, in report order");
    assert_eq!(shown_count(&dom), format!("{total} of {total} shown"));

    // Filters from the query string: nothing matches, then only warnings.
    let (dom, log) = dump_dom(&browser, &format!("{url}?q=no-such-text-anywhere"), &work);
    assert!(!log.contains("Uncaught"), "{log}");
    assert_eq!(shown_count(&dom), format!("0 of {total} shown"));
    let rows = row_tags(&dom);
    assert_eq!(rows.len(), total);
    assert!(
        rows.iter().all(|r| r.contains(" hidden")),
        "every row hidden: {rows:#?}"
    );
    let (dom, _) = dump_dom(&browser, &format!("{url}?severity=warning"), &work);
    assert_eq!(shown_count(&dom), format!("{warnings} of {total} shown"));
    let hidden = row_tags(&dom)
        .iter()
        .filter(|r| r.contains(" hidden"))
        .count();
    assert_eq!(hidden, total - warnings);

    // Sorting by line, descending.
    let (dom, log) = dump_dom(&browser, &format!("{url}?sort=-line"), &work);
    assert!(!log.contains("Uncaught"), "{log}");
    let lines: Vec<usize> = attr_values(&dom, "data-line")
        .iter()
        .map(|l| l.parse().unwrap())
        .collect();
    assert_eq!(lines.len(), total);
    assert!(lines.windows(2).all(|w| w[0] >= w[1]), "{lines:?}");
    assert!(dom.contains("aria-sort=\"descending\""));
    std::fs::remove_dir_all(&work).unwrap();
}
