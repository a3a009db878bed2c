//! A complaint that arrives by email: the message kept as received, its attachments added as
//! evidence items linked to it through the same checks as any file, and its HTML body read as
//! text only.

on_both_stores! {
    use base64::Engine;
    use casebook::intake::{self, File};
    use casebook::{evidence, Error};
    use image::ImageFormat;

    use crate::support::{image_bytes, pdf_bytes, stamp};

    /// An email with an HTML body (carrying a script) and `attached` files, each name and bytes.
    pub fn message(attached: &[(&str, &str, &[u8])]) -> Vec<u8> {
        let mut m = String::from(
            "From: Ann Ross <ann@example.org>\r\nTo: standards@kingsmere.gov.uk\r\n\
             Subject: Complaint about Cllr Tallis\r\nDate: Sat, 14 Mar 2026 09:30:00 +0000\r\n\
             MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n\
             --b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
             <p>Please look at the post.</p><script>alert('x')</script>\r\n",
        );
        for (name, media_type, bytes) in attached {
            let data = base64::engine::general_purpose::STANDARD.encode(bytes);
            m.push_str(&format!(
                "--b1\r\nContent-Type: {media_type}; name=\"{name}\"\r\n\
                 Content-Disposition: attachment; filename=\"{name}\"\r\n\
                 Content-Transfer-Encoding: base64\r\n\r\n{data}\r\n"
            ));
        }
        m.push_str("--b1--\r\n");
        m.into_bytes()
    }

    #[test]
    fn an_email_with_a_screenshot_and_a_pdf_becomes_three_linked_items() {
        let mut t = open();
        let c = t.councillor("Gwen Tallis");
        let k = t.case(c, "2026-03-14", "Post about residents");
        let png = image_bytes(ImageFormat::Png, 3);
        let pdf = pdf_bytes();
        let eml = message(&[("post.png", "image/png", &png), ("letter.pdf", "application/pdf", &pdf)]);
        let s = stamp();
        let files = [File::bytes(Some("complaint.eml".into()), eml.clone())];
        t.db.write(|tx| intake::attach(tx, &s, k.id, None, &files, &Default::default()))
            .unwrap();
        let items = evidence::list(t.db.conn(), k.id).unwrap();
        assert_eq!(items.len(), 3, "{items:#?}");
        let mail = &items[0];
        assert_eq!(mail.media_type, "message/rfc822");
        assert_eq!(evidence::bytes(t.db.conn(), mail.id).unwrap(), eml, "kept as received");
        for (item, (name, bytes)) in items[1..].iter().zip([("post.png", &png), ("letter.pdf", &pdf)]) {
            assert_eq!(item.original_name.as_deref(), Some(name));
            assert_eq!(item.derived_from, Some(mail.id), "{item:#?}");
            assert_eq!(&evidence::bytes(t.db.conn(), item.id).unwrap(), bytes);
            assert!(
                item.description.as_deref().unwrap().contains("Complaint about Cllr Tallis"),
                "{item:#?}"
            );
        }
        let read = casebook::email::parse(&eml).unwrap();
        assert!(read.body.contains("Please look at the post.") && !read.body.contains("alert"));
    }

    #[test]
    fn an_attachment_that_is_not_evidence_refuses_the_whole_email() {
        let mut t = open();
        let c = t.councillor("Gwen Tallis");
        let k = t.case(c, "2026-03-14", "Post about residents");
        let png = image_bytes(ImageFormat::Png, 4);
        let eml = message(&[("post.png", "image/png", &png), ("tool.exe", "application/octet-stream", b"MZ\x90\x00")]);
        let s = stamp();
        let files = [File::bytes(Some("complaint.eml".into()), eml)];
        let err = t
            .db
            .write(|tx| intake::attach(tx, &s, k.id, None, &files, &Default::default()))
            .unwrap_err();
        assert!(
            matches!(&err, Error::Invalid { field, reason } if field == "files"
                && reason.contains("its attachment tool.exe")),
            "{err}"
        );
        assert!(evidence::list(t.db.conn(), k.id).unwrap().is_empty(), "nothing was kept");
        // An .eml that is not an email is refused as any misnamed file is.
        let files = [File::bytes(Some("fake.eml".into()), png)];
        let err = t
            .db
            .write(|tx| intake::attach(tx, &s, k.id, None, &files, &Default::default()))
            .unwrap_err();
        assert!(err.to_string().contains(".eml"), "{err}");
    }
}
