//! A council's own templates on the team server: kept in its settings by the Monitoring Officer
//! (checked first), used for its papers and letters, and put back to the ones that ship.

use serde_json::{json, Value};

use crate::cases::{account, moved_in, PASSWORD};
use crate::{ADMIN, ADMIN_PASSWORD};

#[test]
fn a_councils_own_templates_make_its_papers_and_letters_and_a_broken_one_is_refused() {
    let (_pg, _dir, _url, server) = moved_in();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let act = |token: &str, action: Value| server.settings(token, action);
    let annual = || {
        let (status, v) = server.call("GET", "/api/councils/1/reports/annual", Some(&mo), None);
        assert_eq!(status, 200, "{v}");
        // Without its last line, which names the audit trail's head (each change moves it on).
        let made = v["markdown"].as_str().unwrap();
        made[..made.find("Audit trail head").unwrap()].to_string()
    };
    let shipped = annual();

    let (status, list) = act(&mo, json!({"action": "templates"}));
    assert_eq!(status, 200, "{list}");
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|t| t["file"] == "letter-acknowledgement.md" && t["own"] == false),
        "{list}"
    );
    let (_, one) = act(&mo, json!({"action": "template", "file": "annual.md"}));
    assert_eq!(one["own"], false, "{one}");
    let text = one["text"].as_str().unwrap();

    // Refused, and nothing kept: a template Casebook does not have, and one that does not parse.
    let (status, v) = act(
        &mo,
        json!({"action": "save_template", "file": "../../etc/passwd", "text": "x"}),
    );
    assert_eq!(
        (status, v["field"].as_str()),
        (422, Some("template")),
        "{v}"
    );
    let broken = format!("{text}\n{{% if %}}\n");
    let (status, v) = act(
        &mo,
        json!({"action": "save_template", "file": "annual.md", "text": broken}),
    );
    assert_eq!(
        (status, v["field"].as_str()),
        (422, Some("template")),
        "{v}"
    );
    assert!(v["message"].as_str().unwrap().contains("line"), "{v}");
    assert!(annual() == shipped, "a refused template changes no paper");

    // The council's own annual report template and acknowledgement letter are used.
    let own = format!("Kingsmere's own layout.\n\n{text}");
    let (status, v) = act(
        &mo,
        json!({"action": "save_template", "file": "annual.md", "text": own}),
    );
    assert_eq!((status, v["own"].as_bool()), (200, Some(true)), "{v}");
    assert!(annual().starts_with("Kingsmere's own layout."));
    let (_, letter) = act(
        &mo,
        json!({"action": "template", "file": "letter-acknowledgement.md"}),
    );
    let own_letter = format!(
        "{}\n\nOur ref: KM-STANDARDS\n",
        letter["text"].as_str().unwrap()
    );
    let save = json!({"action": "save_template", "file": "letter-acknowledgement.md",
        "text": own_letter});
    let (status, v) = act(&mo, save);
    assert_eq!(status, 200, "{v}");
    let (_, received) = server.call(
        "GET",
        "/api/councils/1/cases?stage=received",
        Some(&mo),
        None,
    );
    let case = format!(
        "/api/councils/1/cases/{}",
        received["rows"][0]["reference"].as_str().unwrap()
    );
    let wanted = json!({"kind": "acknowledgement", "party": "complainant"});
    let (status, draft) = server.call(
        "POST",
        &format!("{case}/letters/draft"),
        Some(&mo),
        Some(wanted),
    );
    assert_eq!(status, 200, "{draft}");
    assert!(
        draft["markdown"].as_str().unwrap().contains("KM-STANDARDS"),
        "{draft}"
    );

    // A Standards officer reads them but may not change them; the Monitoring Officer puts the
    // annual report's back to the one that ships.
    account(&server, &mo, "Sam Standards", "standards_officer");
    let sam = server.sign_in("Sam Standards", PASSWORD);
    let (status, v) = act(&sam, json!({"action": "template", "file": "annual.md"}));
    assert_eq!((status, v["own"].as_bool()), (200, Some(true)), "{v}");
    let (status, v) = act(
        &sam,
        json!({"action": "reset_template", "file": "annual.md"}),
    );
    assert_eq!(status, 403, "{v}");
    let (status, v) = act(
        &mo,
        json!({"action": "reset_template", "file": "annual.md"}),
    );
    assert_eq!((status, v["own"].as_bool()), (200, Some(false)), "{v}");
    assert!(
        annual() == shipped,
        "back to the report the shipped template makes"
    );
}
