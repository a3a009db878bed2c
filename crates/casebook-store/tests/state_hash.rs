//! A record's hash does not depend on how the JSON library orders keys: the CLI and the desktop
//! app (whose dependencies turn on serde_json's `preserve_order`) must hash a record alike.
#![allow(clippy::unwrap_used)]

use casebook_store::audit::{column_order_state_hash, sha256_hex, state_hash, Snapshot};
use serde_json::{json, Value};

fn snapshot(pairs: &[(&str, Value)]) -> Snapshot {
    let mut s = Snapshot::new();
    for (k, v) in pairs {
        s.insert(k.to_string(), v.clone());
    }
    s
}

#[test]
fn the_hash_is_of_sorted_keys_whatever_order_they_were_put_in() {
    let note = [
        ("id", json!(7)),
        ("case_id", json!(3)),
        ("body", json!("Spoke to \"her\" — ünïcode\nline two")),
        ("author", json!("MO")),
        ("written_at", json!("2026-03-02T09:00:00Z")),
    ];
    let mut reversed = note.clone();
    reversed.reverse();
    let a = state_hash(&snapshot(&note));
    assert_eq!(a, state_hash(&snapshot(&reversed)));
    // Exactly what Casebook has always hashed: compact JSON, keys sorted.
    let expected = r#"{"author":"MO","body":"Spoke to \"her\" — ünïcode\nline two","case_id":3,"id":7,"written_at":"2026-03-02T09:00:00Z"}"#;
    assert_eq!(a, sha256_hex(expected.as_bytes()));
}

#[test]
fn nested_objects_are_sorted_too_and_the_old_desktop_order_is_known() {
    let version = snapshot(&[
        ("id", json!(1)),
        ("label", json!("v1")),
        ("title", json!("Guidance")),
        ("adopted_on", Value::Null),
        ("source", json!("Seed")),
        (
            "items",
            json!([{"id": 1, "kind": "responsibility", "code": "R1", "title": "T", "text": "X", "position": 1}]),
        ),
    ]);
    let sorted = r#"{"adopted_on":null,"id":1,"items":[{"code":"R1","id":1,"kind":"responsibility","position":1,"text":"X","title":"T"}],"label":"v1","source":"Seed","title":"Guidance"}"#;
    assert_eq!(state_hash(&version), sha256_hex(sorted.as_bytes()));
    let column_order = r#"{"id":1,"label":"v1","title":"Guidance","adopted_on":null,"source":"Seed","items":[{"id":1,"kind":"responsibility","code":"R1","title":"T","text":"X","position":1}]}"#;
    assert_eq!(
        column_order_state_hash("catalogue_version", &version),
        sha256_hex(column_order.as_bytes())
    );
}
