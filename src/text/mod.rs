//! Text as every reader sees it, whatever the document: byte helpers, the
//! inline tag reader, character references, footnote markers, and the
//! cleaner that turns markup into plain text with the markers' places.

/// Defines a lazily compiled, always-valid regex.
macro_rules! pattern {
    ($(#[$doc:meta])* $name:ident = $re:expr) => {
        $(#[$doc])*
        static $name: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new($re).unwrap_or_else(|e| unreachable!("{e}"))
        });
    };
}
pub(crate) use pattern;

mod bytes;
mod clean;
mod entities;
mod markers;
mod tags;

pub(crate) use bytes::{after_word, leading_number, ByteSet, DASHES};
pub(crate) use clean::{clean, first_text_byte, normalise, Clean};
pub(crate) use entities::char_reference;
pub(crate) use markers::{note_marker, sup_marker, superscript_run, Marker};
pub(crate) use tags::{html_tag, HtmlTag, Tags};

#[cfg(test)]
pub(crate) use markers::superscript_number;
