//! A rendered template (Markdown) read into the few kinds of block committee papers use:
//! headings, paragraphs, lists, tables, charts and rules. The DOCX, PDF, CSV and XLSX writers all
//! work from these blocks, so every format carries the same content. Raw HTML in the Markdown is
//! kept as plain text, never as markup.

use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::chart::Chart;
use crate::Figure;
use casebook::Result;

pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// A run of text with its emphasis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Centre,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The heading the table sits under (its name in CSV and XLSX).
    pub caption: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub align: Vec<Align>,
}

impl Table {
    /// Column widths that add up to `total`, in the units `measure` works in. `measure(text,
    /// head)` is the width of `text` as set in a header (`head`) or body cell; `padding` is the
    /// room a cell takes beyond its text. Every column first gets its longest word, so no word has
    /// to break; what is left goes to the columns whose text would otherwise wrap, in proportion
    /// to how much more they need. A word wider than half the table (a web address) is given
    /// half and must break; a table whose longest words alone are still too wide shares the
    /// width in proportion to them.
    pub fn column_widths(
        &self,
        total: f64,
        padding: f64,
        measure: impl Fn(&str, bool) -> f64,
    ) -> Vec<f64> {
        let n = self.head.len().max(1);
        let cells = |i: usize| {
            std::iter::once((self.head.get(i), true))
                .chain(self.rows.iter().map(move |r| (r.get(i), false)))
                .filter_map(|(c, head)| c.map(|c| (c.as_str(), head)))
        };
        let mut least = Vec::with_capacity(n);
        let mut wanted = Vec::with_capacity(n);
        for i in 0..n {
            let word = cells(i)
                .flat_map(|(c, head)| c.split_whitespace().map(move |w| (w, head)))
                .map(|(w, head)| measure(w, head))
                .fold(0.0, f64::max);
            let whole = cells(i)
                .map(|(c, head)| measure(c, head))
                .fold(0.0, f64::max);
            let low = (word + padding).min(total / 2.0);
            least.push(low);
            wanted.push((whole + padding).max(low));
        }
        let (sum_least, sum_wanted) = (least.iter().sum::<f64>(), wanted.iter().sum::<f64>());
        if sum_wanted <= total {
            wanted.iter().map(|w| w * total / sum_wanted).collect()
        } else if sum_least >= total {
            least.iter().map(|w| w * total / sum_least).collect()
        } else {
            let share = (total - sum_least) / (sum_wanted - sum_least);
            least
                .iter()
                .zip(&wanted)
                .map(|(l, w)| l + (w - l) * share)
                .collect()
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(u8, Vec<Span>),
    Paragraph(Vec<Span>),
    List {
        ordered: bool,
        items: Vec<Vec<Span>>,
    },
    Quote(Vec<Span>),
    Table(Table),
    Chart(Chart),
    /// An evidence item's picture.
    Figure(Figure),
    Code(String),
    Rule,
}

/// What a fenced block holds: a chart, an evidence item to show, or code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fence {
    Chart,
    Evidence,
    Code,
}

impl Fence {
    pub fn of(info: &str) -> Fence {
        match info.trim() {
            "chart" => Fence::Chart,
            "evidence" => Fence::Evidence,
            _ => Fence::Code,
        }
    }
}

/// The figure an `evidence` block names (its item number), if the paper has it.
pub fn figure<'f>(figures: &'f [Figure], text: &str) -> Option<&'f Figure> {
    let id: i64 = text.trim().parse().ok()?;
    figures.iter().find(|f| f.id == id)
}

/// What stands in for an `evidence` block whose item the paper does not have.
pub fn missing_figure(text: &str) -> String {
    let named: String = text.trim().chars().take(20).collect();
    format!("(Evidence item {named} is not included in this paper.)")
}

/// The plain text of some spans.
pub fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// The document's title: its first heading.
pub fn title(blocks: &[Block]) -> String {
    blocks
        .iter()
        .find_map(|b| match b {
            Block::Heading(_, spans) => Some(plain(spans)),
            _ => None,
        })
        .unwrap_or_else(|| "Casebook report".to_string())
}

#[derive(Default)]
struct Reader<'f> {
    figures: &'f [Figure],
    blocks: Vec<Block>,
    spans: Vec<Span>,
    bold: u32,
    italic: u32,
    /// Open lists: (ordered, items).
    lists: Vec<(bool, Vec<Vec<Span>>)>,
    in_quote: bool,
    table: Option<Table>,
    row: Vec<String>,
    code: Option<(Fence, String)>,
    last_heading: String,
}

impl Reader<'_> {
    fn text(&mut self, text: &str) {
        if let Some((_, code)) = &mut self.code {
            code.push_str(text);
            return;
        }
        self.spans.push(Span {
            text: text.to_string(),
            bold: self.bold > 0,
            italic: self.italic > 0,
        });
    }

    fn take_spans(&mut self) -> Vec<Span> {
        let mut merged: Vec<Span> = Vec::new();
        for s in std::mem::take(&mut self.spans) {
            match merged.last_mut() {
                Some(last) if last.bold == s.bold && last.italic == s.italic => {
                    last.text.push_str(&s.text)
                }
                _ => merged.push(s),
            }
        }
        merged
    }

    fn end_paragraph(&mut self) {
        let spans = self.take_spans();
        if let Some((_, items)) = self.lists.last_mut() {
            match items.last_mut() {
                Some(item) if !item.is_empty() => {
                    item.push(Span {
                        text: " ".into(),
                        bold: false,
                        italic: false,
                    });
                    item.extend(spans);
                }
                Some(item) => item.extend(spans),
                None => items.push(spans),
            }
        } else if self.in_quote {
            self.blocks.push(Block::Quote(spans));
        } else if !spans.is_empty() {
            self.blocks.push(Block::Paragraph(spans));
        }
    }

    fn event(&mut self, event: Event<'_>) -> Result<()> {
        match event {
            Event::Start(Tag::Heading { .. }) => self.spans.clear(),
            Event::End(TagEnd::Heading(level)) => {
                let spans = self.take_spans();
                self.last_heading = plain(&spans);
                self.blocks
                    .push(Block::Heading(heading_level(level), spans));
            }
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => self.end_paragraph(),
            Event::Start(Tag::List(start)) => {
                self.end_item_text();
                self.lists.push((start.is_some(), Vec::new()));
            }
            Event::End(TagEnd::List(_)) => {
                self.end_item_text();
                if let Some((ordered, items)) = self.lists.pop() {
                    match self.lists.last_mut() {
                        // A nested list's items join the outer list, marked as sub-items.
                        Some((_, outer)) => outer.extend(items.into_iter().map(|mut i| {
                            i.insert(0, span("– "));
                            i
                        })),
                        None => self.blocks.push(Block::List { ordered, items }),
                    }
                }
            }
            Event::Start(Tag::Item) => {
                if let Some((_, items)) = self.lists.last_mut() {
                    items.push(Vec::new());
                }
            }
            Event::End(TagEnd::Item) => self.end_item_text(),
            Event::Start(Tag::BlockQuote(_)) => self.in_quote = true,
            Event::End(TagEnd::BlockQuote(_)) => self.in_quote = false,
            Event::Start(Tag::Table(align)) => {
                self.table = Some(Table {
                    caption: self.last_heading.clone(),
                    head: Vec::new(),
                    rows: Vec::new(),
                    align: align.iter().map(|a| table_align(*a)).collect(),
                })
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = &mut self.table {
                    t.head = std::mem::take(&mut self.row);
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = &mut self.table {
                    t.rows.push(std::mem::take(&mut self.row));
                }
            }
            Event::End(TagEnd::TableCell) => {
                let cell = plain(&self.take_spans());
                self.row.push(cell.trim().to_string());
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = self.table.take() {
                    self.blocks.push(Block::Table(t));
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let fence = match &kind {
                    CodeBlockKind::Fenced(info) => Fence::of(info),
                    CodeBlockKind::Indented => Fence::Code,
                };
                self.code = Some((fence, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((fence, text)) = self.code.take() {
                    self.blocks.push(match fence {
                        Fence::Chart => Block::Chart(Chart::parse(&text)?),
                        Fence::Evidence => match figure(self.figures, &text) {
                            Some(f) => Block::Figure(f.clone()),
                            None => Block::Paragraph(vec![span(&missing_figure(&text))]),
                        },
                        Fence::Code => Block::Code(text),
                    });
                }
            }
            Event::Start(Tag::Strong) => self.bold += 1,
            Event::End(TagEnd::Strong) => self.bold = self.bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => self.italic += 1,
            Event::End(TagEnd::Emphasis) => self.italic = self.italic.saturating_sub(1),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                self.text(&t)
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.text("\n"),
            Event::Rule => self.blocks.push(Block::Rule),
            _ => {}
        }
        Ok(())
    }

    /// Text directly inside a list item (a tight list has no paragraph events).
    fn end_item_text(&mut self) {
        if !self.spans.is_empty() && !self.lists.is_empty() {
            self.end_paragraph();
        }
    }
}

fn span(text: &str) -> Span {
    Span {
        text: text.to_string(),
        bold: false,
        italic: false,
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn table_align(a: Alignment) -> Align {
    match a {
        Alignment::Right => Align::Right,
        Alignment::Center => Align::Centre,
        _ => Align::Left,
    }
}

/// Reads Markdown into blocks. Fails only on a malformed chart.
pub fn read(markdown: &str) -> Result<Vec<Block>> {
    read_with(markdown, &[])
}

/// Reads Markdown into blocks, with `figures` where its `evidence` blocks name them.
pub fn read_with(markdown: &str, figures: &[Figure]) -> Result<Vec<Block>> {
    let mut reader = Reader {
        figures,
        ..Reader::default()
    };
    for event in Parser::new_ext(markdown, options()) {
        reader.event(event)?;
    }
    Ok(reader.blocks)
}

/// Every table in the document, in order.
pub fn tables(blocks: &[Block]) -> Vec<&Table> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}
