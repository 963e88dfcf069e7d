//! Plain text as taken from a PDF: lines of prose, tab-separated table
//! lines, notes opened by superscript digits (the only marker such text
//! has), and the running footers of its pages.

use super::block::Block;
use super::{lines, note};

/// Reads `text` as text taken from a PDF, giving each block to `sink` in
/// order.
pub(crate) fn read(text: &str, mut sink: impl FnMut(Block<'_>)) {
    for line in lines(text) {
        let block = if line.is_blank() {
            Block::Break(line)
        } else if is_page_footer(line.text.trim()) {
            Block::PageFooter(line)
        } else if line.is_row() {
            Block::Row(line)
        } else if let Some((number, body)) = note::superscript_definition(line.text) {
            Block::Note { number, body, line }
        } else {
            Block::Text(line)
        };
        sink(block);
    }
}

/// A page's running footer or number as PDF extraction leaves it on a line
/// of its own: `EN 3 EN` (the language on both sides of the page number),
/// `Page 3` or `Page 3 of 12`.
fn is_page_footer(text: &str) -> bool {
    let number = |w: &str| (1..=4).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit());
    let language = |w: &str| w.len() == 2 && w.bytes().all(|b| b.is_ascii_uppercase());
    // Footers are short: most lines are ruled out before they are split.
    if text.len() > 20 {
        return false;
    }
    let mut words = text.split_whitespace();
    let words = [(); 5].map(|_| words.next());
    match words {
        [Some(a), Some(n), Some(b), None, _] => language(a) && a == b && number(n),
        [Some(page), Some(n), None, ..] => page.eq_ignore_ascii_case("page") && number(n),
        [Some(page), Some(n), Some(of), Some(m), None] => {
            page.eq_ignore_ascii_case("page")
                && number(n)
                && of.eq_ignore_ascii_case("of")
                && number(m)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        read(text, |block| found.push(block.summary()));
        found
    }

    #[test]
    fn lines_are_told_apart_by_their_form_alone() {
        let text =
            "Intro\n\nAction 1\t1.1\n² Note text\n²\tin a row\nEN 3 EN\nPage 2 of 9\nDE 3 EN";
        assert_eq!(
            blocks(text),
            [
                "text Intro",
                "break",
                "row Action 1\t1.1",
                "note 2 Note text",
                "row ²\tin a row",
                "footer EN 3 EN",
                "footer Page 2 of 9",
                "text DE 3 EN",
            ]
        );
    }
}
