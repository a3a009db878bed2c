//! A council's registers over the team server: its councillors with their accounts and cases, a
//! councillor and an account added (checked as on a file), and the guidance catalogue read.

use serde_json::{json, Value};

use crate::cases::{account, moved_in, PASSWORD};
use crate::{ADMIN, ADMIN_PASSWORD};

#[test]
fn councillors_and_the_catalogue_are_read_and_added_to_on_the_server() {
    let (_pg, _dir, _url, server) = moved_in();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let act = |token: &str, action: Value| {
        server.call(
            "POST",
            "/api/councils/1/register/actions",
            Some(token),
            Some(action),
        )
    };
    let (status, list) = act(&mo, json!({"action": "councillors"}));
    assert_eq!(status, 200, "{list}");
    let first = &list.as_array().unwrap()[0];
    let (status, cases) = act(
        &mo,
        json!({"action": "councillor_cases", "id": first["id"]}),
    );
    assert_eq!(status, 200, "{cases}");
    assert!(!cases.as_array().unwrap().is_empty(), "{cases}");

    let new = json!({"name": "Cllr Ada Quill", "council": "Kingsmere City Council", "ward": "Mill",
        "party": null, "co_opted": false, "term_start": null, "term_end": "31/02/2027"});
    let (status, v) = act(&mo, json!({"action": "add_councillor", "councillor": new}));
    assert_eq!(
        (status, v["field"].as_str()),
        (422, Some("term_end")),
        "{v}"
    );
    let mut new = new;
    new["term_end"] = json!("2027-05-06");
    let (status, added) = act(&mo, json!({"action": "add_councillor", "councillor": new}));
    assert_eq!(status, 200, "{added}");
    let acct = json!({"platform": "Facebook", "handle": "@CllrAdaQuill", "account_use": "councillor",
        "visibility": "public", "profile_says_councillor": true});
    let (status, v) = act(
        &mo,
        json!({"action": "add_account", "id": added["id"], "account": acct}),
    );
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["accounts"][0]["handle"], "@CllrAdaQuill", "{v}");

    let (status, versions) = act(&mo, json!({"action": "catalogue_versions"}));
    assert_eq!(status, 200, "{versions}");
    let id = versions[0]["id"].clone();
    let (status, items) = act(&mo, json!({"action": "catalogue_items", "version_id": id}));
    assert_eq!(status, 200, "{items}");
    assert!(
        items.as_array().unwrap().iter().any(|i| i["code"] == "R8"),
        "{items}"
    );

    // A new version, added by the Monitoring Officer: a hostile label is kept as text, a code
    // given twice names its field and adds nothing, and a Standards officer is refused.
    let label = "2027'); DROP TABLE cases;--";
    let version = |code2: &str| {
        json!({"action": "add_catalogue_version", "version": {
            "label": label, "title": "Social media guidance, 2027 review", "adopted_on": "2027-01-20",
            "source": "Standards Committee, 20 January 2027",
            "items": [
                {"kind": "responsibility", "code": "R1", "title": "Be civil", "text": "Online as in the chamber."},
                {"kind": "legal_issue", "code": code2, "title": "Defamation", "text": "Statements of fact."}]}})
    };
    let (status, v) = act(&mo, version("R1"));
    assert_eq!(
        (status, v["field"].as_str()),
        (409, Some("items[1].code")),
        "{v}"
    );
    account(&server, &mo, "Sam Standards", "standards_officer");
    let sam = server.sign_in("Sam Standards", PASSWORD);
    let (status, v) = act(&sam, version("L1"));
    assert_eq!(status, 403, "{v}");
    let (status, added) = act(&mo, version("L1"));
    assert_eq!(
        (status, added["label"].as_str()),
        (200, Some(label)),
        "{added}"
    );
    let (_, now) = act(&sam, json!({"action": "catalogue_versions"}));
    assert_eq!(
        now.as_array().unwrap().len(),
        versions.as_array().unwrap().len() + 1,
        "{now}"
    );
    let (_, items) = act(
        &sam,
        json!({"action": "catalogue_items", "version_id": added["id"]}),
    );
    assert_eq!(items.as_array().unwrap().len(), 2, "{items}");
    let (status, cases) = server.call("GET", "/api/councils/1/cases", Some(&mo), None);
    assert_eq!(status, 200, "{cases}");

    // An Investigator works only on their own cases, not the registers.
    account(&server, &mo, "Ivy Investigator", "investigator");
    let ivy = server.sign_in("Ivy Investigator", PASSWORD);
    let (status, v) = act(&ivy, json!({"action": "councillors"}));
    assert_eq!(status, 403, "{v}");
}

#[test]
fn the_publication_settings_and_the_retention_rules_are_changed_on_the_server_by_the_mo_only() {
    let (_pg, _dir, _url, server) = moved_in();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let act = |token: &str, action: Value| server.settings(token, action);
    let (status, options) = act(&mo, json!({"action": "report_options"}));
    assert_eq!(status, 200, "{options}");
    let change = json!({"action": "report_settings", "rule": "never",
        "recommendations": "1. Say more about groups on WhatsApp."});
    account(&server, &mo, "Sam Standards", "standards_officer");
    let sam = server.sign_in("Sam Standards", PASSWORD);
    let (status, v) = act(&sam, change.clone());
    assert_eq!(status, 403, "{v}");
    let (status, v) = act(&mo, change);
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["rule"], "never", "{v}");
    assert_eq!(
        v["recommendations"], "1. Say more about groups on WhatsApp.",
        "{v}"
    );

    let rule = json!({"action": "retention_rule", "ending": "no further action", "months": "0",
        "start": "closure", "reason": "Shorter"});
    let (status, v) = act(&mo, rule);
    assert_eq!((status, v["field"].as_str()), (422, Some("months")), "{v}");
    let rule = json!({"action": "retention_rule", "ending": "no further action", "months": "48",
        "start": "closure", "reason": "The committee agreed four years"});
    let (status, view) = act(&mo, rule);
    assert_eq!(status, 200, "{view}");
    let line = view["schedule"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["ending"] == "no further action")
        .unwrap()
        .clone();
    assert_eq!(line["default"], false, "{line}");
    assert!(
        line["describe"].as_str().unwrap().contains("4 years"),
        "{line}"
    );
}

#[test]
fn the_councils_address_and_independent_persons_are_kept_on_the_server() {
    let (_pg, _dir, _url, server) = moved_in();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let act = |token: &str, action: Value| server.settings(token, action);
    let address = "Guildhall\nKingsmere KM1 1AA";
    let (status, v) = act(&mo, json!({"action": "save_address", "address": address}));
    assert_eq!(
        (status, v["council_address"].as_str()),
        (200, Some(address)),
        "{v}"
    );
    let (_, v) = act(&mo, json!({"action": "council_address"}));
    assert_eq!(v["council_address"], address);

    let person = json!({"name": "Dr Amara Okafor-Reid", "term_start": "01/05/2026",
        "term_end": "30/04/2030", "contact": null});
    let (status, register) = act(
        &mo,
        json!({"action": "add_independent_person", "person": person}),
    );
    assert_eq!(status, 200, "{register}");
    let added = register["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Dr Amara Okafor-Reid")
        .unwrap()
        .clone();
    assert!(
        register["serving"]
            .as_array()
            .unwrap()
            .contains(&added["id"]),
        "{register}"
    );
    let ended = json!({"name": "Dr Amara Okafor-Reid", "term_start": "01/05/2026",
        "term_end": "01/06/2026", "contact": null});
    let update = json!({"action": "update_independent_person", "id": added["id"], "person": ended});
    let (status, register) = act(&mo, update);
    assert_eq!(status, 200, "{register}");
    assert!(
        !register["serving"]
            .as_array()
            .unwrap()
            .contains(&added["id"]),
        "{register}"
    );
    let bad = json!({"name": "", "term_start": "01/05/2026", "term_end": null, "contact": null});
    let (status, v) = act(
        &mo,
        json!({"action": "add_independent_person", "person": bad}),
    );
    assert_eq!((status, v["field"].as_str()), (422, Some("name")), "{v}");

    account(&server, &mo, "Sam Standards", "standards_officer");
    let sam = server.sign_in("Sam Standards", PASSWORD);
    let (status, v) = act(
        &sam,
        json!({"action": "save_address", "address": "Elsewhere"}),
    );
    assert_eq!(status, 403, "{v}");
}

#[test]
fn the_councils_names_time_targets_and_holidays_are_changed_on_the_server_and_move_its_deadlines() {
    let (_pg, _dir, _url, server) = moved_in();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let act = |token: &str, action: Value| server.settings(token, action);
    let names = json!({"action": "save_names", "council_name": "Kingsmere and Vale Councils",
        "officer_name": "Morgan Officer"});
    let (status, v) = act(&mo, names);
    assert_eq!(status, 200, "{v}");
    let (_, v) = act(&mo, json!({"action": "names"}));
    assert_eq!(v["council_name"], "Kingsmere and Vale Councils", "{v}");
    assert_eq!(v["officer_name"], "Morgan Officer", "{v}");
    let (_, report) = server.call("GET", "/api/councils/1/reports/annual", Some(&mo), None);
    assert!(
        report["markdown"]
            .as_str()
            .unwrap()
            .contains("Kingsmere and Vale Councils"),
        "{report}"
    );

    // The acknowledgement target moves an open case's due date by exactly the working days added.
    let (_, cases) = server.call(
        "GET",
        "/api/councils/1/cases?stage=received",
        Some(&mo),
        None,
    );
    let path = format!(
        "/api/councils/1/cases/{}",
        cases["rows"][0]["reference"].as_str().unwrap()
    );
    let acknowledge = |v: &Value| {
        v["detail"]["deadlines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["key"] == "acknowledge")
            .unwrap()["target"]
            .clone()
    };
    let (_, before) = server.call("GET", &path, Some(&mo), None);
    assert_eq!(acknowledge(&before), "5 working days from receipt");
    let (status, v) = act(
        &mo,
        json!({"action": "set_target", "key": "acknowledge_working_days", "value": "lots"}),
    );
    assert_eq!(
        (status, v["field"].as_str()),
        (422, Some("acknowledge_working_days")),
        "{v}"
    );
    let (status, targets) = act(
        &mo,
        json!({"action": "set_target", "key": "acknowledge_working_days", "value": "7"}),
    );
    assert_eq!(status, 200, "{targets}");
    assert!(
        targets
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["key"] != "idle_lock_minutes"),
        "{targets}"
    );
    let (_, after) = server.call("GET", &path, Some(&mo), None);
    assert_eq!(acknowledge(&after), "7 working days from receipt");
    let (status, v) = act(
        &mo,
        json!({"action": "set_target", "key": "idle_lock_minutes", "value": "30"}),
    );
    assert_eq!(
        (status, v["field"].as_str()),
        (422, Some("idle_lock_minutes")),
        "{v}"
    );

    // A one-off closure is added, a bank holiday made a working day, a weekend refused.
    let add = json!({"action": "add_holiday", "year": 2027, "date": "2027-12-29",
        "name": "Council offices closed"});
    let (status, days) = act(&mo, add);
    assert_eq!(status, 200, "{days}");
    let day = |days: &Value, date: &str| {
        days.as_array()
            .unwrap()
            .iter()
            .find(|d| d["date"] == date)
            .map(|d| d["source"].clone())
    };
    assert_eq!(day(&days, "2027-12-29"), Some(json!("added")), "{days}");
    let worked = json!({"action": "remove_holiday", "year": 2027, "date": "2027-08-30",
        "reason": "Worked by the council"});
    let (status, days) = act(&mo, worked);
    assert_eq!(status, 200, "{days}");
    assert_eq!(day(&days, "2027-08-30"), Some(json!("removed")), "{days}");
    let weekend = json!({"action": "add_holiday", "year": 2027, "date": "2027-12-25",
        "name": "Saturday"});
    let (status, v) = act(&mo, weekend);
    assert_eq!((status, v["field"].as_str()), (422, Some("date")), "{v}");
    let (status, v) = act(&mo, json!({"action": "holidays", "year": 1999}));
    assert_eq!((status, v["field"].as_str()), (422, Some("year")), "{v}");

    account(&server, &mo, "Sam Standards", "standards_officer");
    let sam = server.sign_in("Sam Standards", PASSWORD);
    let (status, days) = act(&sam, json!({"action": "holidays", "year": 2027}));
    assert_eq!(
        day(&days, "2027-12-29"),
        Some(json!("added")),
        "{status} {days}"
    );
    let (status, v) = act(
        &sam,
        json!({"action": "set_target", "key": "acknowledge_working_days", "value": "9"}),
    );
    assert_eq!(status, 403, "{v}");
}
