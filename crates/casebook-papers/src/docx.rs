//! DOCX: WordprocessingML written directly, because the committee paper needs two things the
//! docx-rs crate cannot yet write: table header rows that repeat on each page (`w:tblHeader`) and
//! alt text on pictures (`wp:docPr/@descr`). Headings use Word's built-in "heading N" styles (so
//! the navigation pane and a table of contents find them), tables have real header rows, charts
//! are PNG pictures with alt text, lists are Word lists (bullets, and numbering that restarts for
//! each numbered list), and the footer numbers the pages. The parts are zipped with the
//! `zip` crate.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

use crate::chart::xml;
use crate::document::{Align, Block, Span, Table};
use casebook::{Error, Result};

/// Text width of an A4 page with 2 cm margins, in twentieths of a point.
const TEXT_WIDTH_TWIPS: u32 = 9638;
/// The widest a chart is drawn, in EMU (16.5 cm).
const MAX_PICTURE_EMU: f64 = 5_940_000.0;
/// The tallest a picture is drawn (16 cm of the A4 page's 24.7 cm of text).
const MAX_PICTURE_HEIGHT_EMU: f64 = 5_760_000.0;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Casebook</Application></Properties>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

const FOOTER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">Page </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> of </w:t></w:r><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>"#;

/// Bulleted lists use `w:num` 1; each numbered list gets its own `w:num` (2, 3, …) on the decimal
/// definition, so its numbering starts again at 1.
const BULLETS: usize = 1;

fn numbering(numbered_lists: usize) -> String {
    let level = |format: &str, text: &str| {
        format!(
            "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{format}\"/>\
             <w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/>\
             <w:pPr><w:ind w:left=\"567\" w:hanging=\"283\"/></w:pPr></w:lvl>"
        )
    };
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/>{}</w:abstractNum>\
         <w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"singleLevel\"/>{}</w:abstractNum>\
         <w:num w:numId=\"{BULLETS}\"><w:abstractNumId w:val=\"0\"/></w:num>",
        level("bullet", "\u{2022}"),
        level("decimal", "%1.")
    );
    for n in 0..numbered_lists {
        s.push_str(&format!(
            "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"1\"/>\
             <w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>",
            BULLETS + 1 + n
        ));
    }
    s.push_str("</w:numbering>");
    s
}

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:color w:val="12325E"/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:color w:val="12325E"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:color w:val="12325E"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading4"><w:name w:val="heading 4"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="3"/></w:pPr><w:rPr><w:b/><w:i/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/><w:pPr><w:spacing w:after="60"/><w:ind w:left="567" w:hanging="283"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="29"/><w:qFormat/><w:pPr><w:ind w:left="567"/></w:pPr><w:rPr><w:i/><w:color w:val="404040"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="35"/><w:unhideWhenUsed/><w:qFormat/><w:rPr><w:i/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Code"><w:name w:val="Plain Text"/><w:basedOn w:val="Normal"/><w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/><w:sz w:val="20"/></w:rPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="9AA7B8"/><w:left w:val="single" w:sz="4" w:space="0" w:color="9AA7B8"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="9AA7B8"/><w:right w:val="single" w:sz="4" w:space="0" w:color="9AA7B8"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="9AA7B8"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="9AA7B8"/></w:tblBorders></w:tblPr></w:style></w:styles>"#;

struct Picture {
    png: Vec<u8>,
}

struct Writer {
    body: String,
    pictures: Vec<Picture>,
    numbered_lists: usize,
}

fn runs(spans: &[Span]) -> String {
    let mut out = String::new();
    for s in spans {
        let mut props = String::new();
        if s.bold {
            props.push_str("<w:b/>");
        }
        if s.italic {
            props.push_str("<w:i/>");
        }
        for (i, line) in s.text.split('\n').enumerate() {
            if i > 0 {
                out.push_str("<w:r><w:br/></w:r>");
            }
            out.push_str(&format!(
                "<w:r>{}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
                if props.is_empty() {
                    String::new()
                } else {
                    format!("<w:rPr>{props}</w:rPr>")
                },
                xml(line)
            ));
        }
    }
    out
}

fn paragraph(style: Option<&str>, spans: &[Span]) -> String {
    let props = style
        .map(|s| format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>"))
        .unwrap_or_default();
    format!("<w:p>{props}{}</w:p>", runs(spans))
}

fn text(t: &str) -> Vec<Span> {
    vec![Span {
        text: t.to_string(),
        bold: false,
        italic: false,
    }]
}

/// Column widths in twentieths of a point, so that no word has to break across lines: from a
/// generous character width at 10 points (bold in the header row), enough for Arial in Word and
/// for the wider DejaVu Sans that LibreOffice falls back to.
fn widths(t: &Table) -> Vec<u32> {
    const CELL_MARGINS: f64 = 216.0 + 40.0;
    t.column_widths(f64::from(TEXT_WIDTH_TWIPS), CELL_MARGINS, |text, head| {
        text.chars().count() as f64 * if head { 138.0 } else { 128.0 }
    })
    .into_iter()
    .map(|w| w.floor() as u32)
    .collect()
}

fn table(t: &Table) -> String {
    let widths = widths(t);
    let mut s = String::from(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>\
         <w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" \
         w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
    );
    for w in &widths {
        s.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    s.push_str("</w:tblGrid>");
    let cell = |i: usize, value: &str, head: bool| {
        let jc = match t.align.get(i) {
            Some(Align::Right) => "<w:jc w:val=\"right\"/>",
            Some(Align::Centre) => "<w:jc w:val=\"center\"/>",
            _ => "",
        };
        let shade = if head {
            "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E6ECF5\"/>"
        } else {
            ""
        };
        let run_props = if head { "<w:rPr><w:b/></w:rPr>" } else { "" };
        format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/>{shade}</w:tcPr><w:p><w:pPr>{jc}</w:pPr>\
             <w:r>{run_props}<w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:tc>",
            widths.get(i).copied().unwrap_or(1000),
            xml(value)
        )
    };
    s.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (i, h) in t.head.iter().enumerate() {
        s.push_str(&cell(i, h, true));
    }
    s.push_str("</w:tr>");
    for row in &t.rows {
        s.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for i in 0..t.head.len() {
            s.push_str(&cell(
                i,
                row.get(i).map(String::as_str).unwrap_or(""),
                false,
            ));
        }
        s.push_str("</w:tr>");
    }
    s.push_str("</w:tbl><w:p/>");
    s
}

impl Writer {
    fn picture(&mut self, png: Vec<u8>, width: f64, height: f64, alt: &str, name: &str) -> String {
        self.pictures.push(Picture { png });
        let n = self.pictures.len();
        // As wide as it is (96 pixels to the inch), at most the text's width, and no taller than
        // most of a page.
        let cx = MAX_PICTURE_EMU.min(width * 9525.0);
        let cx = cx.min(MAX_PICTURE_HEIGHT_EMU * width / height);
        let cy = height * cx / width;
        let (cx, cy) = (cx.round() as u64, cy.round() as u64);
        let alt = xml(alt);
        let name = xml(name);
        format!(
            "<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
             <wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
             <wp:docPr id=\"{n}\" name=\"{name}\" descr=\"{alt}\"/>\
             <wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
             <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
             <pic:pic><pic:nvPicPr><pic:cNvPr id=\"{n}\" name=\"chart{n}.png\" descr=\"{alt}\"/><pic:cNvPicPr/></pic:nvPicPr>\
             <pic:blipFill><a:blip r:embed=\"rIdImage{n}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
             <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>\
             <a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>\
             </a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
        )
    }

    fn block(&mut self, block: &Block) -> Result<()> {
        let xml_block = match block {
            Block::Heading(level, spans) => {
                paragraph(Some(&format!("Heading{}", (*level).min(4))), spans)
            }
            Block::Paragraph(spans) => paragraph(None, spans),
            Block::Quote(spans) => paragraph(Some("Quote"), spans),
            Block::List { ordered, items } => {
                let num = if *ordered {
                    self.numbered_lists += 1;
                    BULLETS + self.numbered_lists
                } else {
                    BULLETS
                };
                items
                    .iter()
                    .map(|item| {
                        format!(
                            "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr>\
                             <w:ilvl w:val=\"0\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>{}</w:p>",
                            runs(item)
                        )
                    })
                    .collect()
            }
            Block::Table(t) => table(t),
            Block::Chart(c) => {
                let png = c.png()?;
                let picture = self.picture(png, c.width(), c.height(), &c.alt_text(), &c.title);
                format!(
                    "{picture}{}",
                    paragraph(Some("Caption"), &text(&format!("Chart: {}", c.title)))
                )
            }
            Block::Figure(f) => {
                let name = format!("evidence{}.png", f.id);
                self.picture(f.png.clone(), f64::from(f.width), f64::from(f.height), &f.alt, &name)
            }
            Block::Code(code) => code
                .lines()
                .map(|l| paragraph(Some("Code"), &text(l)))
                .collect(),
            Block::Rule => "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"9AA7B8\"/></w:pBdr></w:pPr></w:p>".to_string(),
        };
        self.body.push_str(&xml_block);
        Ok(())
    }
}

/// The DOCX file for `blocks`; `created` is an RFC 3339 time for the document properties.
pub fn render(blocks: &[Block], created: &str) -> Result<Vec<u8>> {
    let mut w = Writer {
        body: String::new(),
        pictures: Vec::new(),
        numbered_lists: 0,
    };
    for b in blocks {
        w.block(b)?;
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
         xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
         xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
         xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>{}\
         <w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>\
         <w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" \
         w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>\
         </w:sectPr></w:body></w:document>",
        w.body
    );
    let mut rels = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
         <Relationship Id=\"rIdNumbering\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>\
         <Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
         <Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>",
    );
    for n in 1..=w.pictures.len() {
        rels.push_str(&format!(
            "<Relationship Id=\"rIdImage{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/chart{n}.png\"/>"
        ));
    }
    rels.push_str("</Relationships>");
    let core = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title>\
         <dc:creator>Casebook</dc:creator><dcterms:created xsi:type=\"dcterms:W3CDTF\">{}</dcterms:created>\
         </cp:coreProperties>",
        xml(&crate::document::title(blocks)),
        xml(created)
    );
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), CONTENT_TYPES.into()),
        ("_rels/.rels".into(), PACKAGE_RELS.into()),
        ("docProps/core.xml".into(), core.into_bytes()),
        ("docProps/app.xml".into(), APP.into()),
        ("word/document.xml".into(), document.into_bytes()),
        ("word/_rels/document.xml.rels".into(), rels.into_bytes()),
        ("word/styles.xml".into(), STYLES.into()),
        (
            "word/numbering.xml".into(),
            numbering(w.numbered_lists).into_bytes(),
        ),
        ("word/settings.xml".into(), SETTINGS.into()),
        ("word/footer1.xml".into(), FOOTER.into()),
    ];
    for (i, p) in w.pictures.into_iter().enumerate() {
        parts.push((format!("word/media/chart{}.png", i + 1), p.png));
    }
    zip_parts(parts)
}

fn zip_parts(parts: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>> {
    let failed = |e: String| Error::invalid("docx", format!("could not be written: {e}"));
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(name, options)
            .map_err(|e| failed(e.to_string()))?;
        zip.write_all(&bytes).map_err(|e| failed(e.to_string()))?;
    }
    let cursor = zip.finish().map_err(|e| failed(e.to_string()))?;
    Ok(cursor.into_inner())
}
