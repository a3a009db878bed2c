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
    let act = |token: &str, action: Value| {
        server.call(
            "POST",
            "/api/councils/1/settings/actions",
            Some(token),
            Some(action),
        )
    };
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
    let act = |token: &str, action: Value| {
        server.call(
            "POST",
            "/api/councils/1/settings/actions",
            Some(token),
            Some(action),
        )
    };
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
