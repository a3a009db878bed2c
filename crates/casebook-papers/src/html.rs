//! HTML: pulldown-cmark's renderer over the template's Markdown, with raw HTML turned into text,
//! links kept only to http(s) and mailto addresses, images dropped (their alt text stays), chart
//! blocks drawn as inline SVG and `evidence` blocks as the paper's own figures (PNG in a data:
//! URL). The page is self-contained (styles inline, no requests; its
//! Content-Security-Policy forbids scripts and remote content) and prints on A4.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd};

use base64::Engine;

use crate::chart::{xml, Chart};
use crate::document::{self, Fence};
use crate::Figure;
use casebook::Result;

const STYLE: &str = r#"
@page { size: A4; margin: 18mm 16mm 20mm; }
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; color: #1a1a1a;
  background: #fff; line-height: 1.45; font-size: 11pt; margin: 0; }
main { max-width: 180mm; margin: 0 auto; padding: 12mm 0; }
h1 { font-size: 20pt; color: #12325e; margin: 0 0 6pt; }
h2 { font-size: 15pt; color: #12325e; margin: 18pt 0 6pt; border-bottom: 1px solid #c8d1de;
  padding-bottom: 2pt; break-after: avoid; }
h3 { font-size: 12pt; color: #12325e; margin: 12pt 0 4pt; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 10pt; font-size: 10pt; }
thead { display: table-header-group; }
th { background: #e6ecf5; text-align: left; }
th, td { border: 1px solid #9aa7b8; padding: 3pt 6pt; vertical-align: top; }
tr { break-inside: avoid; }
td[style*="right"], th[style*="right"] { font-variant-numeric: tabular-nums; }
figure { margin: 6pt 0 12pt; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figure img { max-width: 100%; max-height: 160mm; height: auto; border: 1px solid #c8d1de; }
blockquote { margin: 6pt 0; padding: 2pt 10pt; border-left: 3pt solid #9aa7b8; color: #333; }
a { color: #12325e; }
@media print { main { padding: 0; max-width: none; } }
"#;

fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
}

/// A figure as HTML: the picture inline, its description as its alt text.
fn figure_html(f: &Figure) -> String {
    let data = base64::engine::general_purpose::STANDARD.encode(&f.png);
    format!(
        "<figure><img src=\"data:image/png;base64,{data}\" width=\"{}\" height=\"{}\" alt=\"{}\"></figure>\n",
        f.width,
        f.height,
        xml(&f.alt)
    )
}

/// The page for `markdown`, titled `title`, showing `figures` where it places them.
pub fn render(markdown: &str, title: &str, figures: &[Figure]) -> Result<String> {
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut chart: Option<(Fence, String)> = None;
    let mut open_links: Vec<bool> = Vec::new();
    for event in Parser::new_ext(markdown, document::options()) {
        if let Some((fence, text)) = &mut chart {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let html = match (fence, document::figure(figures, text)) {
                        (Fence::Evidence, Some(f)) => figure_html(f),
                        (Fence::Evidence, None) => {
                            format!("<p>{}</p>\n", xml(&document::missing_figure(text)))
                        }
                        _ => format!("<figure>{}</figure>\n", Chart::parse(text)?.svg()),
                    };
                    events.push(Event::Html(CowStr::from(html)));
                    chart = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if Fence::of(&info) != Fence::Code =>
            {
                chart = Some((Fence::of(&info), String::new()))
            }
            Event::Html(t) | Event::InlineHtml(t) => events.push(Event::Text(t)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let keep = safe_url(&dest_url);
                open_links.push(keep);
                if keep {
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) => {
                if open_links.pop() == Some(true) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            e => events.push(e),
        }
    }
    let mut body = String::new();
    pulldown_cmark::html::push_html(&mut body, events.into_iter());
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Casebook\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        xml(title)
    ))
}
