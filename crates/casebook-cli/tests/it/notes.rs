//! Notes in Markdown: kept as written, shown as sanitised HTML, searchable, audited.

on_both_stores! {
    use casebook::{audit, notes, search, verify};

    use crate::support::stamp;

    #[test]
    fn markdown_renders_and_hostile_html_is_removed() {
        let html = notes::render(
            "**Robust** comment, see [the post](https://facebook.example/p/1).\n\n\
             <script>alert(1)</script><img src=x onerror=alert(2)>\n\n\
             [click](javascript:alert(3)) <a href=\"#\" onclick=\"alert(4)\">x</a>",
        );
        assert!(html.contains("<strong>Robust</strong>"), "{html}");
        assert!(
            html.contains("href=\"https://facebook.example/p/1\""),
            "{html}"
        );
        assert!(
            html.contains("rel=\"noopener noreferrer nofollow\""),
            "{html}"
        );
        for bad in [
            "<script",
            "<img",
            "onerror",
            "onclick",
            "javascript:",
            "alert(1)",
        ] {
            assert!(!html.contains(bad), "{bad} survived: {html}");
        }
    }

    #[test]
    fn notes_are_kept_as_written_searchable_and_audited() {
        let mut t = open();
        let s = stamp();
        let c = t.councillor("Gwen Tallis");
        let k = t.case(c, "2026-05-11", "Post mocking a resident");
        let body = "Spoke to the *group leader*; an apology is likely.";
        let n = t.db.write(|tx| notes::add(tx, &s, k.id, body)).unwrap();
        assert_eq!(n.body, body);
        assert_eq!(n.author, "Test Officer");
        assert!(n.html.contains("<em>group leader</em>"));
        assert_eq!(search::search(t.db.conn(), "apology", 5).unwrap().len(), 1);
        let err =
            t.db.write(|tx| notes::add(tx, &s, k.id, "   "))
                .unwrap_err();
        assert!(err.to_string().starts_with("note:"), "{err}");
        t.db.write(|tx| notes::edit(tx, &s, n.id, "Apology received on 14 May."))
            .unwrap();
        assert_eq!(
            notes::list(t.db.conn(), k.id).unwrap()[0].body,
            "Apology received on 14 May."
        );
        let history = audit::for_case(t.db.conn(), k.id).unwrap();
        assert_eq!(
            history.iter().filter(|e| e.entity == "case_note").count(),
            2
        );
        assert!(verify::verify(t.db.conn()).unwrap().ok());
    }
}
