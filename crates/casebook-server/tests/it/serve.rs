//! Serving: HTTPS with the certificate and key given, plain HTTP on loopback only, and a clear
//! error when the database cannot be reached.

use std::sync::Arc;

use ureq::tls::{Certificate, RootCerts, TlsConfig};

use crate::{init, server_cmd, Server, ADMIN, ADMIN_PASSWORD};
use casebook_pgtest::Cluster;

#[test]
fn serves_https_with_the_given_certificate() {
    let pg = Cluster::start();
    let url = pg.url("postgres");
    init(&url);
    let cert =
        rcgen::generate_simple_self_signed(vec!["localhost".into(), "127.0.0.1".into()]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cert_path = dir.path().join("cert.pem");
    let key_path = dir.path().join("key.pem");
    std::fs::write(&cert_path, cert.cert.pem()).unwrap();
    std::fs::write(&key_path, cert.signing_key.serialize_pem()).unwrap();

    let roots = RootCerts::Specific(Arc::new(vec![
        Certificate::from_der(cert.cert.der()).to_owned()
    ]));
    let config =
        ureq::Agent::config_builder().tls_config(TlsConfig::builder().root_certs(roots).build());
    let server = Server::start_with(
        &url,
        &[
            "--cert",
            cert_path.to_str().unwrap(),
            "--key",
            key_path.to_str().unwrap(),
        ],
        config,
    );
    assert!(
        server.base.starts_with("https://127.0.0.1:"),
        "{}",
        server.base
    );
    let (status, v) = server.call("GET", "/api/health", None, None);
    assert_eq!((status, v.as_str()), (200, Some("ok")));
    let token = server.sign_in(ADMIN, ADMIN_PASSWORD);
    assert_eq!(server.call("GET", "/api/me", Some(&token), None).0, 200);
    let (status, v) = server.call("GET", "/api/nothing-here", None, None);
    assert_eq!((status, v["code"].as_str()), (404, Some("not_found")));
}

#[test]
fn plain_http_is_refused_off_loopback_and_an_unreachable_database_is_named() {
    let pg = Cluster::start();
    let url = pg.url("postgres");
    let (code, _, err) = server_cmd(&["serve", "--database", &url, "--listen", "0.0.0.0:0"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("give --cert and --key"), "{err}");

    let missing = url.replace("port=5432", "port=5999");
    let (code, _, err) = server_cmd(&["serve", "--database", &missing, "--listen", "127.0.0.1:0"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("cannot connect to PostgreSQL"), "{err}");
}

#[test]
fn no_other_origin_may_read_an_answer_and_a_cookie_signs_no_one_in() {
    let (_pg, _, server) = crate::started();
    let token = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let response = agent
        .get(format!("{}/api/me", server.base))
        .header("Origin", "https://elsewhere.example")
        .header("Authorization", format!("Bearer {token}"))
        .call()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        !response
            .headers()
            .keys()
            .any(|h| h.as_str().starts_with("access-control-")),
        "no CORS header: {:?}",
        response.headers()
    );
    let response = agent
        .get(format!("{}/api/me", server.base))
        .header("Cookie", format!("token={token}; session={token}"))
        .call()
        .unwrap();
    assert_eq!(response.status().as_u16(), 401);
}

#[test]
fn only_one_server_serves_a_database_and_a_killed_one_leaves_it_free() {
    let (_pg, url, first) = crate::started();
    let (code, _, err) = server_cmd(&["serve", "--database", &url, "--listen", "127.0.0.1:0"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("already serving this database"), "{err}");
    // Gone (killed, as a crash would), its claim goes with it.
    drop(first);
    let again = crate::Server::start(&url);
    let (status, _) = again.call("GET", "/api/health", None, None);
    assert_eq!(status, 200);
}
