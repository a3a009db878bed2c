//! What a person types into search, as each engine's query.

use casebook_domain::text::{fts_query, ts_query};

#[test]
fn both_engines_get_every_word_with_the_last_a_prefix_and_no_syntax_from_the_input() {
    assert_eq!(
        ts_query("rats  in the BIN").as_deref(),
        Some("rats & in & the & BIN:*")
    );
    assert_eq!(fts_query("rats bin").as_deref(), Some("\"rats\" \"bin\"*"));
    // Operators, quotes and PostgreSQL's own query syntax are split away as punctuation.
    assert_eq!(
        ts_query("a' | b & !c:* <-> (d)").as_deref(),
        Some("a & b & c & d:*")
    );
    assert_eq!(ts_query("café 2024").as_deref(), Some("café & 2024:*"));
    assert_eq!(ts_query("  ,;!  "), None);
    assert_eq!(fts_query("  ,;!  "), None);
}
