//! Reading PDFs: a PDF that is a picture only (a screenshot printed to PDF, a scan) is drawn page
//! by page with poppler and read by Tesseract; a PDF with its own text gives that text; both are
//! kept as readings and found by search. Tesseract and poppler must be installed
//! (`scripts/setup.sh`); without them these tests fail rather than skip.

/// A PDF of `objects` (numbered from 1; the first is the catalogue), with its cross-reference
/// table, as a PDF writer makes one.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (n, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", n + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A stream object of `dict` entries and `data`.
fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut o = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    o.extend_from_slice(data);
    o.extend_from_slice(b"\nendstream");
    o
}

/// A one-page PDF that is a picture only: `jpeg` (`w` × `h` pixels) filling a page of 150 dots
/// to the inch, as a scanner or "print to PDF" of a screenshot makes.
pub fn picture_pdf(jpeg: &[u8], w: u32, h: u32) -> Vec<u8> {
    let (pw, ph) = (w * 72 / 150, h * 72 / 150);
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw} {ph}] \
             /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>"
        )
        .into_bytes(),
        stream(
            &format!(
                "/Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceRGB \
                 /BitsPerComponent 8 /Filter /DCTDecode"
            ),
            jpeg,
        ),
        stream("", format!("q {pw} 0 0 {ph} 0 0 cm /Im0 Do Q").as_bytes()),
    ])
}

/// A one-page PDF whose text is `words`, in Helvetica (a letter saved as a PDF).
pub fn text_pdf(words: &str) -> Vec<u8> {
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
          /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
            .to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        stream(
            "",
            format!("BT /F1 14 Tf 72 760 Td ({words}) Tj ET").as_bytes(),
        ),
    ])
}

on_both_stores! {
    use casebook::{evidence, ocr, search};

    use crate::pdf_reading::{picture_pdf, text_pdf};
    use crate::support::stamp;

    #[test]
    fn a_pdf_of_a_screenshot_is_read_by_its_pages_and_a_letter_by_its_own_text() {
        let mut t = open();
        let c = t.councillor("Gwen Tallis");
        let k = t.case(c, "2026-03-14", "Printed to PDF by the complainant");
        let post = casebook::demo::Post {
            platform: "Facebook",
            display_name: "Cllr Gwen Tallis",
            handle: "gwen.tallis",
            text: "The Zanzibar allotments committee is a shambles.",
            when: "2026-03-13 21:00",
            reactions: 12,
        };
        let jpeg = casebook::demo::render_screenshot(&post, image::ImageFormat::Jpeg).unwrap();
        let size = image::load_from_memory(&jpeg).unwrap();
        let scanned = picture_pdf(&jpeg, size.width(), size.height());
        let letter = text_pdf("Complaint about the Periwinkle bypass");
        let s = stamp();
        let (scan, own) = t
            .db
            .write(|tx| {
                let a = evidence::add_file(tx, &s, k.id, &scanned, Some("post.pdf"), &Default::default())?;
                let b = evidence::add_file(tx, &s, k.id, &letter, Some("letter.pdf"), &Default::default())?;
                Ok((a, b))
            })
            .unwrap();
        let engine = ocr::engine().expect("Tesseract is installed (scripts/setup.sh --tests)");
        let unread: Vec<i64> = ocr::unread(t.db.conn()).unwrap().iter().map(|e| e.id).collect();
        assert_eq!(unread, [scan.id, own.id], "PDFs are read too");

        let read = ocr::read_item(&scan.media_type, &scanned, &engine).unwrap();
        assert!(read.engine.contains("pages drawn by pdftoppm"), "{}", read.engine);
        assert!(read.text.contains("Zanzibar allotments"), "{}", read.text);
        let from_text = ocr::read_item(&own.media_type, &letter, &engine).unwrap();
        assert_eq!(from_text.engine, ocr::pdf::OWN_TEXT);
        assert_eq!(from_text.text, "Complaint about the Periwinkle bypass");
        let kept = t
            .db
            .write(|tx| {
                let a = ocr::keep(tx, &s, &scan, &read)?;
                let b = ocr::keep(tx, &s, &own, &from_text)?;
                Ok((a.unwrap(), b.unwrap()))
            })
            .unwrap();
        assert!(kept.0.reading && kept.1.reading);
        assert_eq!(
            kept.1.description.as_deref(),
            Some(format!("Text read from evidence item {} by pdftotext (the PDF's own text)", own.id).as_str())
        );
        for word in ["zanzibar", "periwinkle"] {
            assert_eq!(search::search(t.db.conn(), word, 5).unwrap().len(), 1, "{word}");
        }
        assert!(ocr::unread(t.db.conn()).unwrap().is_empty());
        // A PDF poppler cannot read says so, naming the file as damaged.
        let err = ocr::read_item("application/pdf", crate::support::pdf_bytes().as_slice(), &engine)
            .unwrap_err()
            .to_string();
        assert!(err.contains("is a PDF that could not be read"), "{err}");
    }
}
