//! Complaints that arrive by email (`.eml`, RFC 5322): the message is kept as evidence exactly as
//! received, its sender, recipients, date and subject read from it, its body read as plain text
//! (an HTML body is turned into text, never shown or run as a page), and its attachments taken
//! out to be added as evidence items of their own, through the same checks as any file.

use mail_parser::{MessageParser, MimeHeaders};
use serde::Serialize;

use crate::{Error, Result};

/// The media type an email is kept under.
pub const MEDIA_TYPE: &str = "message/rfc822";

/// Most attachments taken from one message.
pub const MAX_ATTACHMENTS: usize = 50;

/// Whether a file named `name` with these `bytes` is an email: an `.eml` name and a message
/// whose headers parse.
pub fn is_email(bytes: &[u8], name: Option<&str>) -> bool {
    let eml = name.is_some_and(|n| n.to_ascii_lowercase().ends_with(".eml"));
    eml && parse(bytes).is_ok()
}

/// What an email says it is, and its body as plain text.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export, rename = "EmailView")]
pub struct Email {
    pub from: String,
    pub to: String,
    /// As the message dates itself (RFC 3339), if it does.
    pub date: Option<String>,
    pub subject: String,
    /// The text body, or the HTML body as text (its tags and scripts dropped).
    pub body: String,
    /// The attachments' names, in order.
    pub attachments: Vec<String>,
}

/// A file attached to an email.
pub struct Attachment {
    pub name: Option<String>,
    pub bytes: Vec<u8>,
}

fn addresses(a: Option<&mail_parser::Address<'_>>) -> String {
    a.map(|a| {
        a.iter()
            .map(|x| match (x.name(), x.address()) {
                (Some(n), Some(e)) => format!("{n} <{e}>"),
                (None, Some(e)) => e.to_string(),
                (Some(n), None) => n.to_string(),
                (None, None) => String::new(),
            })
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    })
    .unwrap_or_default()
}

fn message(bytes: &[u8]) -> Result<mail_parser::Message<'_>> {
    let refused = || {
        Error::invalid(
            "file",
            "is not an email message that can be read (RFC 5322)",
        )
    };
    let m = MessageParser::default().parse(bytes).ok_or_else(refused)?;
    if m.from().is_none() && m.subject().is_none() && m.date().is_none() {
        return Err(refused());
    }
    Ok(m)
}

/// Reads an email's headers and body.
pub fn parse(bytes: &[u8]) -> Result<Email> {
    message(bytes).map(|m| view(&m))
}

/// Reads an email's headers and body, and takes out its attachments (to be added as evidence
/// linked to it): the message parsed once for both.
pub fn split(bytes: &[u8]) -> Result<(Email, Vec<Attachment>)> {
    let m = message(bytes)?;
    let found: Vec<Attachment> = m
        .attachments()
        .map(|a| Attachment {
            name: a.attachment_name().map(str::to_string),
            bytes: a.contents().to_vec(),
        })
        .collect();
    if found.len() > MAX_ATTACHMENTS {
        return Err(Error::invalid(
            "file",
            format!(
                "the email has {} attachments; at most {MAX_ATTACHMENTS} are taken from one message",
                found.len()
            ),
        ));
    }
    Ok((view(&m), found))
}

fn view(m: &mail_parser::Message<'_>) -> Email {
    let body = m.body_text(0).map(|t| t.into_owned()).unwrap_or_default();
    Email {
        from: addresses(m.from()),
        to: addresses(m.to()),
        date: m.date().map(|d| d.to_rfc3339()),
        subject: m.subject().unwrap_or_default().to_string(),
        body: strip_controls(&body),
        attachments: m
            .attachments()
            .map(|a| a.attachment_name().unwrap_or("attachment").to_string())
            .collect(),
    }
}

/// Text without control characters other than line breaks and tabs.
fn strip_controls(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "From: Ann Ross <ann@example.org>\r\nTo: standards@kingsmere.gov.uk\r\n\
Subject: Complaint about Cllr Tallis\r\nDate: Sat, 14 Mar 2026 09:30:00 +0000\r\n\
MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
<html><body><p>Please look at <b>this</b> post.</p><script>alert('x')</script></body></html>\r\n";

    #[test]
    fn an_html_body_is_read_as_text_without_its_script() {
        let e = parse(HOSTILE.as_bytes()).expect("an email");
        assert_eq!(e.from, "Ann Ross <ann@example.org>");
        assert_eq!(e.subject, "Complaint about Cllr Tallis");
        assert_eq!(e.date.as_deref(), Some("2026-03-14T09:30:00Z"));
        assert!(e.body.contains("Please look at this post."), "{}", e.body);
        assert!(
            !e.body.contains("<script") && !e.body.contains("alert"),
            "{}",
            e.body
        );
        assert!(is_email(HOSTILE.as_bytes(), Some("complaint.eml")));
        assert!(!is_email(HOSTILE.as_bytes(), Some("complaint.txt")));
        assert!(!is_email(b"\x89PNG\r\n\x1a\n", Some("x.eml")));
    }
}
