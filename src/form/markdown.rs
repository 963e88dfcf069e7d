//! The Markdown form (as pandoc and hand editing write it, HTML allowed):
//! headings marked with `#` or underlined, thematic breaks, notes, list
//! items, and tables of every kind the cells module reads — tab-separated
//! lines, pipe and grid tables, HTML tables cut into rows.

use super::block::{Block, Heading};
use super::html_table::{html_table, is_caption, starts_html_table};
use super::{lines, note, Line};
use crate::diagnostic::Diagnostic;

/// Reads `text` as Markdown, giving each block to `sink` in order; returns
/// what the reader noted of the form (cells whose `rowspan` it did not
/// follow to the end).
pub(crate) fn read(text: &str, mut sink: impl FnMut(Block<'_>)) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    let all = lines(text);
    let mut i = 0;
    while let Some(line) = all.get(i) {
        if starts_html_table(line) {
            let table = html_table(text, &all, i);
            notes.extend(table.uncarried.iter().map(|u| u.diagnostic()));
            for (line, across) in table.lines() {
                if is_caption(&line) {
                    sink(Block::Caption(line));
                    continue;
                }
                if across {
                    sink(Block::TableBreak);
                }
                sink(line_block(line));
            }
            i = table.next;
            continue;
        }
        let colon = all.get(i + 1).filter(|next| next.text.trim() == ":");
        if let Some(colon) = colon.filter(|_| !line.is_blank() && !line.is_row()) {
            sink(Block::Label {
                line: *line,
                colon: *colon,
            });
            i += 2;
            continue;
        }
        let underline = all
            .get(i + 1)
            .filter(|next| setext_level(next.text).is_some());
        match underline.filter(|_| may_be_setext_heading(line)) {
            Some(underline) => {
                sink(Block::Heading(Heading {
                    level: setext_level(underline.text).unwrap_or(2),
                    text: line.text.trim(),
                    line: *line,
                    underline: Some(*underline),
                }));
                i += 2;
            }
            None => {
                sink(line_block(*line));
                i += 1;
            }
        }
    }
    notes
}

/// What `line` is on its own, as no underline below it makes it a heading.
pub(crate) fn line_block(line: Line<'_>) -> Block<'_> {
    let text = line.text.trim();
    if line.is_blank() || is_thematic_break(text) {
        return Block::Break(line);
    }
    if line.is_table_furniture() {
        return match line.is_grid_rule() {
            true => Block::Rule(line),
            false => Block::Furniture(line),
        };
    }
    if let Some((level, content)) = heading_line(text) {
        let text = content.trim_end().trim_end_matches('#').trim_end();
        let (line, underline) = (line, None);
        return Block::Heading(Heading {
            level,
            text,
            line,
            underline,
        });
    }
    if let Some((number, body)) = note::definition(line.text) {
        return Block::Note { number, body, line };
    }
    match line.is_row() {
        true => Block::Row(line),
        false => Block::Text(line),
    }
}

/// A thematic break: three or more of `-`, `_` or `*` and nothing else.
fn is_thematic_break(text: &str) -> bool {
    text.len() >= 3 && text.chars().all(|c| c == '-' || c == '_' || c == '*')
}

/// The level of the heading a setext underline makes of the line above it
/// (`===` 1, `---` 2; three or more, nothing else on the line).
fn setext_level(underline: &str) -> Option<usize> {
    // Most lines are ruled out by their first byte.
    if !matches!(underline.as_bytes().first(), Some(b'=' | b'-' | b' ')) {
        return None;
    }
    let text = underline.trim();
    let first = *text.as_bytes().first()?;
    let level = match first {
        b'=' => 1,
        b'-' => 2,
        _ => return None,
    };
    (text.len() >= 3 && text.bytes().all(|b| b == first)).then_some(level)
}

/// True for a line an underline below would make a heading: a line of
/// text (markup alone is none), not a row, heading, note, list item or
/// rule of its own.
fn may_be_setext_heading(line: &Line<'_>) -> bool {
    let text = line.text.trim();
    crate::text::first_text_byte(text).is_some()
        && !line.is_row()
        && heading_line(text).is_none()
        && note::definition(line.text).is_none()
        && numbered_item(text).is_none()
        && after_bullet(text).is_none()
        && setext_level(text).is_none()
}

/// A Markdown heading's marker (`## `, one to six `#` and whitespace): its
/// level and the text after it.
fn heading_line(text: &str) -> Option<(usize, &str)> {
    let level = text.bytes().take_while(|&b| b == b'#').count();
    let rest = text.get(level..)?;
    let content = rest.trim_start();
    ((1..=6).contains(&level) && content.len() < rest.len()).then_some((level, content))
}

/// What starts a list item: Markdown's bullets, and the `•` a converter
/// may leave.
pub(crate) const BULLETS: [char; 4] = ['-', '*', '+', '•'];

/// What follows a list item's bullet and the whitespace after it
/// (`- text`); `None` when `text` (trimmed at its start) is no item.
pub(crate) fn after_bullet(text: &str) -> Option<&str> {
    let after = text.strip_prefix(BULLETS)?;
    let spaced = after.trim_start();
    (spaced.len() < after.len()).then_some(spaced)
}

/// A numbered list item (`3) Text…`, `3. Text…` or `(3) Text…`, perhaps
/// after a bullet): its number and text.
pub(crate) fn numbered_item(line: &str) -> Option<(u32, &str)> {
    let rest = line.trim_start();
    let rest = after_bullet(rest).unwrap_or(rest);
    let parenthesised = rest.strip_prefix('(');
    let (number, after) = crate::text::leading_number(parenthesised.unwrap_or(rest), 3)?;
    let text = match (parenthesised, after.strip_prefix(')')) {
        (_, Some(text)) => text,
        // `3.` needs a space after it: `3.5` is no item.
        (None, None) => after
            .strip_prefix('.')
            .filter(|t| t.starts_with(char::is_whitespace))?,
        (Some(_), None) => return None,
    };
    Some((number, text.trim_start()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::text_of;

    /// The blocks of `text`, each as a short word and the text it holds.
    fn blocks(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        read(text, |block| found.push(block.summary()));
        found
    }

    #[test]
    fn headings_are_marked_or_underlined() {
        let text = "# One #\nTwo\n===\nThree\n---\n- item\n---\n\n***";
        assert_eq!(
            blocks(text),
            [
                "h1 One false",
                "h1 Two true",
                "h2 Three true",
                // A list item underlined stays an item, and its underline a break.
                "text - item",
                "break",
                "break",
                "break",
            ]
        );
    }

    #[test]
    fn notes_rows_and_furniture() {
        let text =
            "[^2]: A note\n<sup>3</sup> Another\n| a | b |\n|---|---|\n+---+---+\nA\tB\nprose";
        assert_eq!(
            blocks(text),
            [
                "note 2 A note",
                "note 3 Another",
                "row | a | b |",
                "furniture",
                "rule",
                "row A\tB",
                "text prose",
            ]
        );
    }

    #[test]
    fn an_html_table_comes_as_its_rows() {
        let text = "<table><caption>Actions</caption>\n<tr><td colspan=\"2\">Title</td></tr>\n<tr><td>a</td><td>b</td></tr></table>";
        assert_eq!(
            blocks(text),
            [
                "caption <caption>Actions</caption>",
                "table break",
                "text Title",
                "row <tr><td>a</td><td>b</td></tr>",
            ]
        );
    }

    #[test]
    fn numbered_items() {
        assert_eq!(numbered_item("3) Text"), Some((3, "Text")));
        assert_eq!(
            numbered_item("- 11) **Title** x"),
            Some((11, "**Title** x"))
        );
        assert_eq!(numbered_item("  * 2)x"), Some((2, "x")));
        assert_eq!(numbered_item("3. x"), Some((3, "x")));
        assert_eq!(numbered_item("- (4) **T:** x"), Some((4, "**T:** x")));
        for no in ["-3) x", "1234) x", "3.5 x", "3.x", "(3 x", "x) y", ""] {
            assert_eq!(numbered_item(no), None, "{no}");
        }
    }

    proptest::proptest! {
        // The scanners replaced these patterns, and must read as they did.
        #[test]
        fn heading_lines_read_as_the_pattern(
            text in text_of(&["#", "##", " ", "\t", "\u{a0}", "x", "é", "#x"], 10)
        ) {
            let pattern = regex::Regex::new(r"^(#{1,6})\s+").unwrap();
            let expected = pattern
                .captures(&text)
                .map(|c| (c[1].len(), text.get(c[0].len()..).unwrap()));
            proptest::prop_assert_eq!(heading_line(&text), expected);
        }
    }

    #[test]
    fn marked_headings() {
        assert_eq!(heading_line("## Title"), Some((2, "Title")));
        assert_eq!(heading_line("###### x"), Some((6, "x")));
        for no in ["####### x", "#x", "x # y", ""] {
            assert_eq!(heading_line(no), None, "{no}");
        }
    }
}
