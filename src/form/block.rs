//! The blocks a form reader gives: what a line is as its form writes it
//! (a heading, a note, a table row, a line of prose), before anything is
//! known of plans.

use super::Line;

/// One block of a text, in the order the text has them. A paragraph or a
/// list item comes as its lines, each a [`Block::Text`], ended by a
/// [`Block::Break`] or by any block of another kind.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Block<'a> {
    /// A blank line, or a thematic break (`---`, `***`, `___`): whatever
    /// the lines above were building ends here.
    Break(Line<'a>),
    /// A heading, marked (`## Title`) or underlined (setext).
    Heading(Heading<'a>),
    /// A line that opens with a footnote marker, which defines that
    /// footnote: its number and the text after the marker.
    Note {
        number: u32,
        body: &'a str,
        line: Line<'a>,
    },
    /// A table line, whose cells are [`Line::cells`]: a tab-separated
    /// line, a pipe row, an HTML row.
    Row(Line<'a>),
    /// A grid table's rule (`+----+---+`): the row above it is complete.
    Rule(Line<'a>),
    /// A table line holding nothing to read: a pipe table's delimiter
    /// row (`|---|---|`), or a row of empty cells.
    Furniture(Line<'a>),
    /// An HTML table's `<caption>`.
    Caption(Line<'a>),
    /// A cell across all of an HTML table's columns (a title inside the
    /// table) comes next: no row above goes on past it.
    TableBreak,
    /// A page's running footer or number (`EN 3 EN`, `Page 3 of 12`), as
    /// text taken from a PDF leaves it between the lines of a row.
    PageFooter(Line<'a>),
    /// A line standing as a field's label, and the line under it, a `:`
    /// alone: the field's value follows.
    Label { line: Line<'a>, colon: Line<'a> },
    /// Any other line: a line of a paragraph or a list item.
    Text(Line<'a>),
}

/// A heading and how it is marked.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Heading<'a> {
    /// 1 to 6: the number of `#`, or 1 for an `===` underline and 2 for `---`.
    pub level: usize,
    /// The heading's text, without its marks.
    pub text: &'a str,
    /// The heading's line.
    pub line: Line<'a>,
    /// The line under it that makes it a heading (setext), if any.
    pub underline: Option<Line<'a>>,
}

#[cfg(test)]
impl Block<'_> {
    /// The block as a short word and the text it holds, for tests.
    pub fn summary(&self) -> String {
        match self {
            Block::Break(_) => "break".to_owned(),
            Block::Heading(h) => format!("h{} {} {}", h.level, h.text, h.underline.is_some()),
            Block::Note { number, body, .. } => format!("note {number} {body}"),
            Block::Row(line) => format!("row {}", line.text),
            Block::Rule(_) => "rule".to_owned(),
            Block::Furniture(_) => "furniture".to_owned(),
            Block::Caption(line) => format!("caption {}", line.text),
            Block::TableBreak => "table break".to_owned(),
            Block::PageFooter(line) => format!("footer {}", line.text),
            Block::Label { line, .. } => format!("label {}", line.text),
            Block::Text(line) => format!("text {}", line.text),
        }
    }
}
