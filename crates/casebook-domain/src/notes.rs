//! Notes in Markdown, rendered safely: pulldown-cmark to HTML, cleaned by ammonia (no scripts, no
//! event handlers, no `javascript:` links, no images or other remote content).

use std::collections::HashSet;

/// Longest note accepted (characters of Markdown).
pub const MAX_NOTE: usize = 100_000;

/// Markdown → HTML that is safe to put in a page: only text formatting, lists, quotes, tables,
/// code and links to http(s) or mailto addresses survive.
pub fn render(markdown: &str) -> String {
    let markdown = cap_nesting(markdown);
    let parser = pulldown_cmark::Parser::new_ext(
        &markdown,
        pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH,
    );
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    let tags: HashSet<&str> = [
        "p",
        "br",
        "strong",
        "em",
        "del",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "a",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    ]
    .into_iter()
    .collect();
    ammonia::Builder::default()
        .tags(tags)
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&html)
        .to_string()
}

/// Deepest nesting of quotes and lists a note is drawn with. Deeper markers are shown as the
/// characters they are: a pasted note of 100,000 nested `>` would otherwise take a minute to draw
/// every time its case is opened.
pub const MAX_NESTING: usize = 16;

/// `markdown` with every line's quote and list markers beyond [`MAX_NESTING`] escaped, so they
/// read as text.
pub fn cap_nesting(markdown: &str) -> std::borrow::Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut done = 0;
    for (start, line) in line_starts(markdown) {
        if let Some(at) = marker_beyond_depth(line) {
            let out = out.get_or_insert_with(|| String::with_capacity(markdown.len() + 16));
            out.push_str(&markdown[done..start + at]);
            out.push('\\');
            done = start + at;
        }
    }
    match out {
        None => std::borrow::Cow::Borrowed(markdown),
        Some(mut out) => {
            out.push_str(&markdown[done..]);
            std::borrow::Cow::Owned(out)
        }
    }
}

fn line_starts(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    text.split_inclusive('\n').map(move |line| {
        let at = start;
        start += line.len();
        (at, line)
    })
}

/// The byte offset in `line` of its first quote or list marker past [`MAX_NESTING`], if any.
fn marker_beyond_depth(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let mut i = 0;
    let mut depth = 0;
    loop {
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        let marker = i;
        let len = match b.get(i) {
            Some(b'>') => 1,
            Some(b'-' | b'*' | b'+') if matches!(b.get(i + 1), Some(b' ' | b'\t')) => 1,
            Some(c) if c.is_ascii_digit() => {
                let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                match (b.get(i + digits), b.get(i + digits + 1)) {
                    (Some(b'.' | b')'), Some(b' ' | b'\t')) if digits <= 9 => digits + 1,
                    _ => return None,
                }
            }
            _ => return None,
        };
        depth += 1;
        if depth > MAX_NESTING {
            return Some(marker);
        }
        i += len;
    }
}
