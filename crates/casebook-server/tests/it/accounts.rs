//! Accounts and roles within a council, and councils kept apart on one server.

use serde_json::{json, Value};

use crate::{init, server_cmd, Server, ADMIN, ADMIN_PASSWORD};
use casebook_pgtest::Cluster;

const SAM_PASSWORD: &str = "violet harbour kettle drum";

/// `casebook-server add-council` of `council` with `name` (new or existing) as its MO.
fn add_council(url: &str, council: &str, name: &str, password: &str) -> (i32, String) {
    let (code, out, err) = server_cmd(&[
        "add-council",
        "--database",
        url,
        "--council",
        council,
        "--admin-name",
        name,
        "--admin-password",
        password,
    ]);
    (code, format!("{out}{err}"))
}

fn add(server: &Server, token: &str, council: i64, name: &str, role: &str) -> (u16, Value) {
    server.call(
        "POST",
        &format!("/api/councils/{council}/accounts"),
        Some(token),
        Some(json!({"name": name, "role": role, "password": SAM_PASSWORD})),
    )
}

#[test]
fn the_monitoring_officer_adds_accounts_and_other_roles_are_refused_with_the_reason_logged() {
    let (_pg, _, server) = crate::started();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let (_, me) = server.call("GET", "/api/me", Some(&mo), None);
    let council = me["councils"][0]["council"]["id"].as_i64().unwrap();

    let (status, sam) = add(&server, &mo, council, "Sam Patel", "Standards officer");
    assert_eq!(status, 201, "{sam}");
    assert_eq!(sam["role"], "standards_officer");
    // Hostile text is a value like any other: stored and given back exactly.
    let hostile = "Robert'); DROP TABLE account; --";
    let (status, v) = add(&server, &mo, council, hostile, "investigator");
    assert_eq!(status, 201, "{v}");

    let (status, v) = add(&server, &mo, council, "sam patel", "deputy");
    assert_eq!((status, v["field"].as_str()), (409, Some("name")), "{v}");
    let (status, v) = add(&server, &mo, council, "Jo Bloggs", "boss");
    assert_eq!((status, v["field"].as_str()), (422, Some("role")), "{v}");
    let (status, v) = server.call(
        "POST",
        &format!("/api/councils/{council}/accounts"),
        Some(&mo),
        Some(json!({"name": "Jo Bloggs", "role": "deputy", "password": "password1"})),
    );
    assert_eq!(
        (status, v["field"].as_str()),
        (422, Some("password")),
        "{v}"
    );

    let (status, list) = server.call(
        "GET",
        &format!("/api/councils/{council}/accounts"),
        Some(&mo),
        None,
    );
    assert_eq!(status, 200);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, [ADMIN, hostile, "Sam Patel"]);

    let sam = server.sign_in("Sam Patel", SAM_PASSWORD);
    let (status, v) = add(&server, &sam, council, "Jo Bloggs", "deputy");
    assert_eq!(status, 403, "{v}");
    assert_eq!(v["code"], "forbidden");
    assert_eq!(
        v["message"],
        "add an account: a Standards officer of Kingsmere City Council may not do this"
    );
    let (status, _) = server.call(
        "GET",
        &format!("/api/councils/{council}/accounts"),
        Some(&sam),
        None,
    );
    assert_eq!(status, 403);
    let (status, v) = server.call("GET", "/api/security-log", Some(&sam), None);
    assert_eq!(status, 403, "{v}");

    let (status, log) = server.call("GET", "/api/security-log?limit=50", Some(&mo), None);
    assert_eq!(status, 200, "{log}");
    let refused: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["event"] == "refused")
        .map(|l| l["detail"].as_str().unwrap())
        .collect();
    assert_eq!(refused.len(), 3, "{refused:?}");
    assert!(refused
        .iter()
        .all(|d| d.contains("Sam Patel") || d.contains("Standards officer")));
}

#[test]
fn no_request_crosses_councils_on_a_shared_server() {
    let pg = Cluster::start();
    let url = pg.url("postgres");
    init(&url);
    let (code, said) = add_council(
        &url,
        "Vale District Council",
        "Morgan Vale",
        "granite willow seventy lamp",
    );
    assert_eq!(code, 0, "{said}");
    let server = Server::start(&url);
    let kingsmere_mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let vale_mo = server.sign_in("Morgan Vale", "granite willow seventy lamp");
    let council_of = |token: &str| {
        let (_, me) = server.call("GET", "/api/me", Some(token), None);
        assert_eq!(me["councils"].as_array().unwrap().len(), 1, "{me}");
        me["councils"][0]["council"]["id"].as_i64().unwrap()
    };
    let kingsmere = council_of(&kingsmere_mo);
    let vale = council_of(&vale_mo);
    assert_ne!(kingsmere, vale);

    for (token, other) in [(&kingsmere_mo, vale), (&vale_mo, kingsmere)] {
        let path = format!("/api/councils/{other}/accounts");
        let (status, v) = server.call("GET", &path, Some(token), None);
        assert_eq!(status, 403, "{v}");
        assert!(v["message"]
            .as_str()
            .unwrap()
            .contains("does not work for council"));
        let (status, _) = add(&server, token, other, "Intruder Account", "deputy");
        assert_eq!(status, 403);
    }
    let (status, v) = server.call("GET", "/api/councils/999/accounts", Some(&vale_mo), None);
    assert_eq!(
        status, 403,
        "a council that does not exist reads as one not worked for: {v}"
    );

    // Each list holds only its own council's accounts.
    let (_, vale_list) = server.call(
        "GET",
        &format!("/api/councils/{vale}/accounts"),
        Some(&vale_mo),
        None,
    );
    assert_eq!(vale_list.as_array().unwrap().len(), 1);
    assert_eq!(vale_list[0]["name"], "Morgan Vale");

    // A shared-service Monitoring Officer: an existing account made MO of a third council.
    let downs = "Downs Borough Council";
    let (code, said) = add_council(&url, downs, "Morgan Vale", "not her password");
    assert_eq!(code, 2, "{said}");
    assert!(
        said.contains("admin_password: is not Morgan Vale's password"),
        "{said}"
    );
    let (code, said) = add_council(&url, downs, "Morgan Vale", "granite willow seventy lamp");
    assert_eq!(code, 0, "{said}");
    let (_, me) = server.call("GET", "/api/me", Some(&vale_mo), None);
    let names: Vec<&str> = me["councils"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["council"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Downs Borough Council", "Vale District Council"]);
}
