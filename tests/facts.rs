//! `concord facts` on the seeds: what is read as a fact, in a snapshot a reviewer can read, and
//! the few facts the fact checks depend on, asserted.

mod common;

fn concord(args: &[&str]) -> String {
    common::stdout_in_repo(args, &[0])
}

#[test]
fn facts_of_the_seeds_as_a_table() {
    let table = concord(&["facts", "seeds"]);
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("facts_seeds_table", table);
    });
}

#[test]
fn facts_of_the_seeds_as_json() {
    let json: serde_json::Value =
        serde_json::from_str(&concord(&["facts", "seeds", "--format", "json"])).expect("JSON");
    let facts = json["facts"].as_array().expect("a list of facts");
    let find = |value: &str| {
        facts
            .iter()
            .find(|f| f["value"] == value)
            .unwrap_or_else(|| panic!("no fact with value {value}"))
    };
    // The undated infobox chief and the dated lead sentence are about one entity and one post,
    // and so is the chief named in the other document's infobox.
    let infobox = find("Vagif Akhundov");
    let lead = find("Baylar Eyyubov");
    let other = find("Colonel-General Vagif Akhundov");
    assert_eq!(infobox["entity"], lead["entity"]);
    assert_eq!(other["entity"], lead["entity"]);
    assert_eq!(lead["attribute"], "head");
    assert_eq!(lead["when"], "since 2020");
    assert_eq!(infobox["when"], "present (undated)");
    // The first deputy is another post.
    assert_eq!(find("Beyler Eyyubov")["attribute"], "first deputy head");
    // A handover: the list gives both ends.
    assert_eq!(
        find("Major General Akif Yusifov")["when"],
        "2013 to 2026-01-06"
    );
}

#[test]
fn person_events_of_the_dev_corpus_with_dateline_years() {
    let json: serde_json::Value = serde_json::from_str(&concord(&[
        "facts",
        "../shared/eval/dev/armenia/planted",
        "--format",
        "json",
    ]))
    .expect("JSON");
    let facts = json["facts"].as_array().expect("a list of facts");
    let person = |line: u64| {
        facts
            .iter()
            .find(|f| {
                f["kind"] == "person"
                    && f["line"] == line
                    && f["file"]
                        .as_str()
                        .unwrap()
                        .ends_with("am11_news_police_mia.txt")
            })
            .unwrap_or_else(|| panic!("no person event on line {line}"))
    };
    // `resigned on November 18` in a section dated 20 November 2024 takes its year.
    assert_eq!(person(110)["attribute"], "resigned");
    assert_eq!(
        person(110)["when"],
        "on 2024-11-18 (year from the dateline)"
    );
    // `Valery Osipyan (left) who was fired from his post on Oct. 8`, in an undated section.
    assert_eq!(person(46)["attribute"], "dismissed");
    assert_eq!(person(46)["when"], "on 10-08 (year unknown)");
}
