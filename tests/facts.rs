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
