//! Notes in Markdown, rendered safely: pulldown-cmark to HTML, cleaned by ammonia (no scripts, no
//! event handlers, no `javascript:` links, no images or other remote content).

use std::collections::HashSet;

/// Longest note accepted (characters of Markdown).
pub const MAX_NOTE: usize = 100_000;

/// Markdown → HTML that is safe to put in a page: only text formatting, lists, quotes, tables,
/// code and links to http(s) or mailto addresses survive.
pub fn render(markdown: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(
        markdown,
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
