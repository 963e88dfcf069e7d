//! The Council's document shape, read from the blocks of its Markdown
//! (see [`crate::form::markdown`]): a cover page of fields, a title,
//! contents, an introduction, sections and strategic priorities, an action
//! table whose cells are wrapped in `<p>`, `<b>`, `<sup>` tags, footnotes,
//! indicators and a glossary.

use super::table::{self, Context, TableBuilder};
use super::{clean_at, text_marker_ref, unrecognised, Draft, DraftIndicator, Line};
use super::{pattern, Part};
use crate::form::markdown::{self, after_bullet, numbered_item, BULLETS};
use crate::form::Block;
use crate::model::{Column, GlossaryEntry, Paragraph, RefPart, RefSite};
use crate::span::Span;
use crate::text::{normalise, Clean, Marker, DASHES};
use crate::values::origin::Origin;
use chrono::NaiveDate;

pattern!(DATE_LINE = r"^([A-Z][\p{L} -]+),\s+(\d{1,2}\s+\p{L}+\s+\d{4})$");
pattern!(REFERENCE = r"^\d{1,6}/\d{2}(?:\s+\S+)?$");
pattern!(FILE_CODE = r"^[A-Z][A-Z-]{1,15}\s+\d{1,5}$");
pattern!(LANGUAGE = r"^\(OR\.\s*([a-z]{2,3})\)$");
pattern!(
    /// A cover field (`From: …`), its label perhaps in bold (`**From:**`,
    /// `<b>From</b>:`).
    FIELD = r"^(?:\*\*|__|<b>|<strong>)?(From|On|To|No\. prev\. doc\.|Subject|No\. Cion doc\.|Reference)\s*(?::(?:\s*(?:\*\*|__|</b>|</strong>))?|(?:\*\*|__|</b>|</strong>)\s*:)\s*(.*)$"
);

/// Which cover patterns a cleaned line may match, told from its first and
/// last characters: most lines of a cover (and every line of a long cover
/// note) are ruled out before a pattern runs. Each test is implied by its
/// pattern, so it never rules out a line the pattern would match.
#[derive(Debug, PartialEq, Eq)]
struct CoverLine {
    /// [`DATE_LINE`]: a capital first, a comma, a digit last.
    date: bool,
    /// [`LANGUAGE`]: `(OR.` first.
    language: bool,
    /// [`REFERENCE`]: a digit first.
    reference: bool,
    /// [`FILE_CODE`]: a capital first, a digit last.
    file_code: bool,
    /// [`FIELD`]: a label's first letter, or the markup that may bolden it.
    field: bool,
}

impl CoverLine {
    fn of(words: &str) -> Self {
        let first = words.chars().next();
        // `\d` is any Unicode decimal digit: `is_numeric` covers them all.
        let digit_last = words.chars().next_back().is_some_and(char::is_numeric);
        let capital_first = first.is_some_and(|c| c.is_ascii_uppercase());
        CoverLine {
            date: capital_first && digit_last && words.contains(','),
            language: words.starts_with("(OR."),
            reference: first.is_some_and(char::is_numeric),
            file_code: capital_first && digit_last,
            field: matches!(
                first,
                Some('*' | '_' | '<' | 'F' | 'O' | 'T' | 'N' | 'S' | 'R')
            ),
        }
    }
}

/// The part of the document a heading names (`## CONTENTS`,
/// `## Overarching indicators`, `## Glossary of acronyms`, `## List of
/// abbreviations`), from its lower-cased text. The indicators' heading
/// names them in the plural: a heading about one indicator (`Performance
/// indicator 3 …`) is a section's.
fn named_part(lower: &str) -> Option<(Part, RefPart)> {
    if lower == "contents" {
        Some((Part::Contents, RefPart::Contents))
    } else if lower == "introduction" {
        Some((Part::Introduction, RefPart::Introduction))
    } else if lower.contains("indicators") {
        Some((Part::Indicators, RefPart::Indicators))
    } else if ["glossary", "acronyms", "abbreviations"]
        .iter()
        .any(|w| lower.contains(w))
    {
        Some((Part::Glossary, RefPart::Glossary))
    } else {
        None
    }
}

/// True for a heading that names a plan and its period (`EU Drugs Action
/// Plan 2021-2025`, `EU Action Plan on Drugs 2021 – 2025`).
fn names_a_plan(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    lower.contains("plan") && named_part(&lower).is_none() && super::period(heading).is_some()
}

/// A bold title at the start of `text` (`**Title:** body`): the title and
/// the body after it. The title ends at the first `**` after its first
/// character.
fn bold_title(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix("**")?;
    let first = inner.chars().next()?.len_utf8();
    let end = first + inner.get(first..)?.find("**")?;
    Some((inner.get(..end)?, inner.get(end + 2..)?.trim_start()))
}

/// A glossary entry written as a line rather than a row (`EMCDDA – European
/// Monitoring Centre…`, `EU SOCTA: …`, `- **EMCDDA**: …`): the acronym and
/// the expansion, split at the first dash between spaces or colon. The
/// acronym is one to three words, each starting with a capital or a digit
/// and holding at least two (`FIUs`, `EU SOCTA`; not `From:`, a cover
/// field's label).
fn glossary_line(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim_start();
    let rest = after_bullet(rest).unwrap_or(rest);
    let at = [" – ", " — ", " - ", ":"]
        .into_iter()
        .filter_map(|separator| Some((rest.find(separator)?, separator.len())))
        .min()?;
    let (acronym, expansion) = (rest.get(..at.0)?, rest.get(at.0 + at.1..)?);
    let acronym = acronym.trim().trim_matches(['*', '_']).trim();
    let expansion = expansion.trim_start_matches(['*', '_']).trim();
    let capital = |b: &u8| b.is_ascii_uppercase() || b.is_ascii_digit();
    let acronym_word = |w: &str| {
        w.as_bytes().first().is_some_and(capital) && w.bytes().filter(capital).count() >= 2
    };
    let mut words = acronym.split_whitespace();
    let acronym_like = (1..=3).contains(&words.clone().count()) && words.all(acronym_word);
    (acronym_like && !expansion.is_empty()).then_some((acronym, expansion))
}

/// A labelled section heading (`IV - Governance`, `B – Supply`, `II. Demand`,
/// `3: Research`): a Roman numeral, a capital or a number of one or two
/// digits, then a dash, or `.`, `:` or `)` and a space, and the title.
fn section_heading(text: &str) -> Option<(&str, &str)> {
    let numeral = text
        .bytes()
        .take_while(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C'))
        .count();
    let capital = usize::from(text.starts_with(|c: char| c.is_ascii_uppercase()));
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let label = text.get(..numeral.max(capital).max(digits))?;
    let rest = text.get(label.len()..)?;
    let title = match rest.trim_start().strip_prefix(DASHES) {
        Some(title) => title,
        None => rest
            .strip_prefix(['.', ':', ')'])
            .filter(|t| t.starts_with(' '))?,
    };
    let title = title.trim_start();
    let label_ok = !label.is_empty() && digits <= 2;
    (label_ok && !title.is_empty() && !title.contains('\n')).then_some((label, title))
}

/// Where a capture of `words`, the cleaned `text` of `line`, lies in the
/// source, without the whitespace at its ends: found again through the
/// markup, unless the text cleans to itself, as most cover lines do.
fn traced<'a>(
    line: &Line<'_>,
    text: &'a str,
    words: &'a str,
) -> impl Fn(regex::Match<'_>) -> Span + 'a {
    let base = line.span_of(text).start;
    let whole = Span::new(0, text.len());
    let origin = (words != text)
        .then(|| Origin::new(words, std::iter::once((0..words.len(), whole)), text, 0));
    move |m: regex::Match<'_>| {
        let start = m.start() + (m.as_str().len() - m.as_str().trim_start().len());
        let range = start..start + m.as_str().trim().len();
        let local = match &origin {
            Some(origin) => origin.span(range).unwrap_or(whole),
            None => Span::new(range.start, range.end),
        };
        Span::new(base + local.start, base + local.end)
    }
}

/// The first cell of a glossary table's header row (`| Acronym | Meaning |`),
/// which a converter writes over the entries.
const GLOSSARY_HEADERS: [&str; 5] = [
    "acronym",
    "acronyms",
    "abbreviation",
    "abbreviations",
    "term",
];

/// Reads a Council-dialect text.
pub(crate) fn read(text: &str) -> Draft {
    let mut reader = Reader {
        plan: Draft::default(),
        table: TableBuilder::default(),
        part: Part::Cover,
        context: Context::default(),
        issuer: Vec::new(),
        paragraph: None,
        open_footnote: false,
        open_indicator: false,
        contents_level: 0,
        pending_field: None,
    };
    let notes = markdown::read(text, |block| reader.block(block));
    reader.plan.diagnostics.extend(notes);
    let start = usize::from(text.starts_with('\u{feff}')) * 3;
    reader.finish(start.min(text.len()), text.len())
}

struct Reader {
    plan: Draft,
    table: TableBuilder,
    part: Part,
    context: Context,
    issuer: Vec<String>,
    /// An introduction paragraph being gathered: (text, span).
    paragraph: Option<(Clean, Span)>,
    /// The last line was a footnote definition, which the next may continue.
    open_footnote: bool,
    /// The last line was an indicator's, which the next may continue.
    open_indicator: bool,
    /// The heading level of `CONTENTS`: deeper headings are its entries.
    contents_level: usize,
    /// A labelled field's label stood alone (its column, and the line as
    /// printed and where, to report if no value follows): the next line is
    /// its value.
    pending_field: Option<(Column, String, Span)>,
}

impl Reader {
    fn block(&mut self, block: Block<'_>) {
        let line = match block {
            Block::Caption(line) => {
                // A table's title holds nothing of the plan, even on the
                // cover, where it would read as the issuer.
                return unrecognised(&mut self.plan.diagnostics, &line);
            }
            // A heading inside the table: no row goes on past it.
            Block::TableBreak => return self.table.interrupt(),
            Block::Heading(heading) => {
                // On the cover, `---` is the rule between its fields
                // (9819/21 has them), even right under a field: only `===`
                // makes a heading there.
                let cover_rule = heading.level == 2 && self.part == Part::Cover;
                if let Some(underline) = heading.underline.filter(|_| cover_rule) {
                    self.block(markdown::line_block(heading.line));
                    return self.block(markdown::line_block(underline));
                }
                self.end_block();
                return self.heading(heading.level, heading.text, &heading.line);
            }
            Block::Break(line)
            | Block::Rule(line)
            | Block::Furniture(line)
            | Block::PageFooter(line)
            | Block::Note { line, .. }
            | Block::Row(line)
            | Block::Text(line) => line,
            Block::Label { line, colon } => {
                let column = table::field_label(line.text.trim());
                match column.filter(|c| self.takes_field(*c)) {
                    Some(column) => {
                        self.pending_field = Some((column, line.text.to_owned(), line.span))
                    }
                    // No field here: the two lines are read as any others.
                    None => {
                        self.block(markdown::line_block(line));
                        self.block(markdown::line_block(colon));
                    }
                }
                return;
            }
        };
        self.table.leave_grid(&line);
        match block {
            Block::Break(_) => return self.end_block(),
            // A grid table's rule ends a row; other furniture holds nothing.
            Block::Rule(_) => return self.table.rule(),
            Block::Furniture(_) | Block::PageFooter(_) => return,
            Block::Note { number, body, .. } => {
                self.end_block();
                self.plan.footnote(number, body, &line);
                self.open_footnote = true;
                return;
            }
            _ => {}
        }
        let text = line.text.trim();
        let line = &line;
        // A strategic priority's line is never a footnote's continuation.
        if self.priority(text, line) {
            return;
        }
        if self.open_footnote && self.plan.continue_footnote(line) {
            return;
        }
        if matches!(self.part, Part::Cover | Part::Contents | Part::Introduction)
            && (table::is_action_row(line) || table::is_header(line))
        {
            // A table before any heading: the body has begun.
            self.end_paragraph();
            self.part = Part::Body;
        }
        match self.part {
            Part::Cover => self.cover(text, line),
            Part::Contents => self.contents(text, line),
            Part::Introduction => self.introduction(line),
            Part::Indicators => self.indicator(line),
            Part::Glossary => self.glossary(line),
            Part::Body => self.body(line),
        }
    }

    /// A blank line, a rule, a heading or a footnote ends what the lines
    /// before it were building: a paragraph, a footnote, an indicator.
    fn end_block(&mut self) {
        self.end_paragraph();
        self.table.end_field();
        self.open_footnote = false;
        self.open_indicator = false;
    }

    fn heading(&mut self, level: usize, content: &str, line: &Line<'_>) {
        self.table.interrupt();
        if self.part == Part::Contents && level > self.contents_level {
            // `### Introduction` under `## CONTENTS` is an entry of the list.
            return self.contents_entry(line.clean(content), line.span_of(content));
        }
        // The title: the first level-1 heading, or a heading of the cover
        // at any level that names a plan and its period
        // (`## EU Drugs Action Plan 2026-2030`).
        let title = self.plan.meta.title.is_none()
            && (level == 1 || (self.part == Part::Cover && names_a_plan(content)));
        // A strategic priority's heading records its own markers.
        if !title && self.priority(content, line) {
            return;
        }
        let clean = line.clean(content);
        if title {
            let title = self
                .plan
                .refs_in(clean, RefSite::Heading, Some(RefPart::Title));
            self.plan.set_title(title, content, line.span_of(content));
            self.part = Part::Body;
            return;
        }
        if table::objective_label(&clean.text).is_some() && self.objective(content, line) {
            return;
        }
        if let Some((label, title)) = section_heading(&clean.text) {
            let (label, title) = (Some(label.to_owned()), title.to_owned());
            return self.section(label, title, &clean.markers, line.span);
        }
        let heading = RefSite::Heading;
        // A heading naming a part opens it, on the cover too (a plan with
        // no title goes from the cover to its contents).
        if let Some((part, named)) = named_part(&clean.text.to_lowercase()) {
            self.plan.refs_in(clean, heading, Some(named));
            if part == Part::Contents {
                self.contents_level = level;
            }
            self.part = part;
        } else if self.part == Part::Cover {
            let kind = RefPart::DocumentType;
            let kind = self.plan.refs_in(clean, heading, Some(kind));
            self.plan.meta.document_type = Some(kind);
            self.plan.meta.spans.document_type = Some(line.span_of(content));
        } else if self.part == Part::Body || self.part == Part::Introduction {
            // Any other heading in the body opens a section without a label
            // (`## Governance, implementation and monitoring …`).
            let Clean { text, markers } = clean;
            self.section(None, text, &markers, line.span);
        } else {
            self.plan.refs_in(clean, heading, None);
            unrecognised(&mut self.plan.diagnostics, line);
        }
    }

    fn section(&mut self, label: Option<String>, title: String, markers: &[Marker], span: Span) {
        self.context = self.plan.section(label, title, markers, span);
        self.part = Part::Body;
    }

    /// A strategic-priority heading, in any of its forms (`*…*`, `***…***`,
    /// `### …`, `**…**`): emphasis is stripped before matching.
    fn priority(&mut self, content: &str, line: &Line<'_>) -> bool {
        // The cleaned heading starts with `strategic`: most lines are ruled
        // out by their first letter, found without cleaning them.
        let first = crate::text::first_text_byte(content);
        if !matches!(first, Some(b's' | b'S')) {
            return false;
        }
        let clean = line.clean(content);
        let Some((number, title)) = super::priority_heading(&clean.text) else {
            return false;
        };
        let title = title.to_owned();
        (self.plan).refs_in(clean, RefSite::StrategicPriority(number), None);
        self.end_paragraph();
        self.table.interrupt();
        self.context = self.plan.priority(number, title, line.span, self.context);
        self.part = Part::Body;
        true
    }

    fn cover(&mut self, text: &str, line: &Line<'_>) {
        self.plan.meta_covers(line.span);
        // The fields are read from the cleaned line (`<b>9373/21</b>`,
        // `R&amp;D`), and their spans found again in the source.
        let Clean {
            text: words,
            markers,
        } = line.clean(text);
        let words = words.as_str();
        let at = &traced(line, text, words);
        // The part of the cover the line's footnote markers are in.
        let mut part = None;
        let meta = &mut self.plan.meta;
        let may = CoverLine::of(words);
        if let Some(caps) = may.date.then(|| DATE_LINE.captures(words)).flatten() {
            meta.place = caps.get(1).map(|m| m.as_str().trim().to_owned());
            meta.spans.place = caps.get(1).map(at);
            meta.date = caps
                .get(2)
                .and_then(|m| NaiveDate::parse_from_str(m.as_str(), "%d %B %Y").ok());
            meta.spans.date = meta.date.and(caps.get(2).map(at));
        } else if let Some(caps) = may.language.then(|| LANGUAGE.captures(words)).flatten() {
            meta.language = caps.get(1).map(|m| m.as_str().to_owned());
            meta.spans.language = caps.get(1).map(at);
        } else if meta.reference.is_none() && may.reference && REFERENCE.is_match(words) {
            meta.reference = Some(words.to_owned());
            meta.spans.reference = Some(line.span_of(text));
        } else if meta.reference.is_some() && may.file_code && FILE_CODE.is_match(words) {
            meta.file_codes.push(words.to_owned());
            meta.spans.file_codes.push(line.span_of(text));
        } else if let Some(caps) = may.field.then(|| FIELD.captures(words)).flatten() {
            let value = caps.get(2).map_or("", |m| m.as_str().trim()).to_owned();
            let span = caps.get(2).map(at);
            let spans = &mut meta.spans;
            match caps.get(1).map_or("", |m| m.as_str()) {
                "From" => (meta.from, spans.from) = (Some(value), span),
                "To" => (meta.to, spans.to) = (Some(value), span),
                "Subject" => {
                    (meta.subject, spans.subject) = (Some(value), span);
                    part = Some(RefPart::Subject);
                }
                "On" => {}
                "Reference" => (meta.reference, spans.reference) = (Some(value), span),
                _ => (meta.previous_document, spans.previous_document) = (Some(value), span),
            }
        } else if meta.date.is_none() && meta.reference.is_none() {
            // Markup alone (`</p><p>`) adds nothing but its markers.
            if !words.is_empty() {
                self.issuer.push(words.to_owned());
                super::widen(&mut meta.spans.issuer, line.span_of(text));
            }
        } else {
            // Appended in place: joining the note anew on each line
            // copied it over and over (quadratic on a long note).
            super::push_line(meta.cover_note.get_or_insert_with(String::new), words);
            super::widen(&mut meta.spans.cover_note, line.span_of(text));
            part = Some(RefPart::CoverNote);
        }
        self.plan.refs_of(&markers, RefSite::Cover, part);
    }

    fn contents(&mut self, text: &str, line: &Line<'_>) {
        self.contents_entry(line.clean(text), line.span_of(text));
    }

    /// A line of the contents (`entry`, at `span`).
    fn contents_entry(&mut self, entry: Clean, span: Span) {
        if entry.text.to_lowercase().starts_with("annex") {
            let part = self.plan.next_annex();
            let entry = self.plan.refs_in(entry, RefSite::Cover, Some(part));
            self.plan.meta.annexes.push(entry);
            self.plan.meta.spans.annexes.push(span);
        } else {
            // Other contents lines repeat the section headings, which the body gives.
            self.plan
                .refs_in(entry, RefSite::Cover, Some(RefPart::Contents));
        }
    }

    fn introduction(&mut self, line: &Line<'_>) {
        let mut clean = clean_at(line.text, line.span.start);
        // A bullet goes (cleaning has dropped the emphasis a `*` may be).
        let bullet = clean.text.len() - clean.text.trim_start_matches(BULLETS).trim_start().len();
        super::drop_front(&mut clean, bullet);
        let is_item = line.text.trim_start().starts_with(BULLETS);
        if is_item {
            self.end_paragraph();
        }
        match self.paragraph.as_mut() {
            Some((paragraph, span)) => {
                super::append(paragraph, clean);
                *span = span.cover(line.span);
            }
            None => self.paragraph = Some((clean, line.span)),
        }
        if is_item {
            self.end_paragraph();
        }
    }

    fn end_paragraph(&mut self) {
        // A paragraph of nothing (a bare bullet) is not one.
        let paragraph = self.paragraph.take();
        let paragraph = paragraph.filter(|(c, _)| !c.text.is_empty() || !c.markers.is_empty());
        if let Some((clean, span)) = paragraph {
            let number = self.plan.introduction.len() as u32 + 1;
            let site = RefSite::Introduction(number);
            (self.plan.refs).extend(clean.markers.iter().map(|m| text_marker_ref(m, site)));
            self.plan.introduction.push(Paragraph {
                text: clean.text,
                span,
            });
        }
    }

    fn body(&mut self, line: &Line<'_>) {
        self.open_footnote = false;
        // An action row is never a header (`Action 3` has a number, which
        // no header word is): the cheaper test goes first.
        if table::is_action_row(line) {
            return self.table.row(line, self.context);
        }
        if self.table.take_header(line) {
            return;
        }
        if !line.is_row() && (self.field(line) || self.objective(line.text.trim(), line)) {
            return;
        }
        // A cell's paragraph on a line of its own also goes on with the row.
        let row_line = line.is_row()
            || (self.table.in_table()
                && (line.text.trim_start().starts_with("<p>")
                    || self.table.continues_text(line.text.trim())));
        if row_line {
            self.table.row(line, self.context);
        } else {
            unrecognised(&mut self.plan.diagnostics, line);
        }
    }

    /// A line of a labelled-field block (see [`table::field_line`]): a
    /// field's label and value, the value under a label alone, or a line
    /// going on with the last field's value. False when it is none.
    fn field(&mut self, line: &Line<'_>) -> bool {
        let text = line.text.trim();
        if let Some((column, label, span)) = self.pending_field.take() {
            if self
                .table
                .field(column, text, line.span_of(text), self.context)
            {
                return true;
            }
            // The label stood over no value it could take.
            unrecognised(&mut self.plan.diagnostics, &Line::new(&label, span));
        }
        if let Some((column, value)) = table::field_line(text) {
            if value.is_empty() && self.takes_field(column) {
                self.pending_field = Some((column, line.text.to_owned(), line.span));
                return true;
            }
            if self
                .table
                .field(column, value, line.span_of(value), self.context)
            {
                return true;
            }
        }
        self.table.in_record() && self.table.field_text(line.clean(text), line.span_of(text))
    }

    /// True when a field naming `column` may start or go on here: an
    /// action's field in the body, any other in a record being read.
    fn takes_field(&self, column: Column) -> bool {
        self.part == Part::Body && (column == Column::Action || self.table.in_record())
    }

    /// An objective's heading or line (`Objective 1: Prevent drug use …`,
    /// `content` of `line`): the rows below serve it. False when it is none.
    fn objective(&mut self, content: &str, line: &Line<'_>) -> bool {
        let mut clean = line.clean(content);
        let Some((number, len)) = table::objective_label(&clean.text) else {
            return false;
        };
        super::drop_front(&mut clean, len);
        self.table.interrupt();
        self.table.objective(number, clean, line.span, self.context);
        true
    }

    fn indicator(&mut self, line: &Line<'_>) {
        let Some((number, rest)) = numbered_item(line.text) else {
            // A line right after an indicator's continues it; after a
            // blank line or a heading it is no indicator's (the glossary
            // under a heading the reader does not know, say).
            return match self.open_indicator {
                true => self.plan.continue_indicator(line),
                false => unrecognised(&mut self.plan.diagnostics, line),
            };
        };
        self.open_indicator = true;
        let (title, body) = match bold_title(rest) {
            Some((title, body)) => (Some(title), body),
            None => (None, rest),
        };
        let title = title.map(|t| {
            let clean = line.clean(t);
            let title =
                (self.plan).refs_in(clean, RefSite::Indicator(number), Some(RefPart::Title));
            title.trim_end_matches(':').trim_end().to_owned()
        });
        let body = line.clean(body);
        self.plan.indicators.push(DraftIndicator {
            number,
            title,
            body,
            span: line.span,
        });
    }

    fn glossary(&mut self, line: &Line<'_>) {
        let mut cells = line.cells();
        let (acronym, mut expansion) = match (cells.next(), cells.next()) {
            (Some(first), Some(second)) => {
                // The acronym's cell cleaned as any other (`<p>AIDS</p>`).
                let acronym = first.clean();
                // A header over the entries holds none: it heads the glossary.
                if GLOSSARY_HEADERS
                    .iter()
                    .any(|h| acronym.text.eq_ignore_ascii_case(h))
                {
                    let part = Some(RefPart::Glossary);
                    return (self.plan).refs_of(&acronym.markers, RefSite::Heading, part);
                }
                (acronym, second.clean())
            }
            _ => match glossary_line(line.text) {
                Some((acronym, expansion)) => {
                    let acronym = Clean {
                        text: acronym.to_owned(),
                        markers: Vec::new(),
                    };
                    (acronym, line.clean(expansion))
                }
                None => return unrecognised(&mut self.plan.diagnostics, line),
            },
        };
        // Any further cells go on with the expansion.
        for more in cells {
            super::append(&mut expansion, more.clean());
        }
        let name = normalise(&acronym.text);
        let Some(number) = self.entry_of(&name) else {
            return unrecognised(&mut self.plan.diagnostics, line);
        };
        let site = RefSite::Glossary(number);
        self.plan.refs_of(&acronym.markers, site, None);
        let expansion = (self.plan).refs_in(expansion, site, Some(RefPart::Expansion));
        if number as usize > self.plan.glossary.len() {
            self.plan.glossary.push(GlossaryEntry {
                acronym: name,
                expansion,
                span: line.span,
            });
        } else {
            self.continue_entry(&name, &expansion, line);
        }
    }

    /// The number of the glossary entry a line with `acronym` goes with:
    /// the next, for a line that starts an entry, or the last, for one
    /// that continues it. A grid row's later line goes on with its entry,
    /// both cells; so does a row with no acronym in any other table (a row
    /// broken by a page). `None` for a line that is neither: a grid row's
    /// first line with no acronym, or a continuation with no entry before.
    fn entry_of(&mut self, acronym: &str) -> Option<u32> {
        let last = self.plan.glossary.len() as u32;
        match (self.table.grid_line(), acronym.is_empty()) {
            (Some(true), _) | (None, true) => (last > 0).then_some(last),
            (Some(false), true) => None,
            (_, false) => Some(last + 1),
        }
    }

    /// Goes on with the last glossary entry: `acronym` and `expansion`
    /// read from `line`, the rest of its cells.
    fn continue_entry(&mut self, acronym: &str, expansion: &str, line: &Line<'_>) {
        let Some(entry) = self.plan.glossary.last_mut() else {
            return unrecognised(&mut self.plan.diagnostics, line);
        };
        // A word broken at its hyphen (`EU-` / `LISA`) is one.
        if !entry.acronym.ends_with('-') && !acronym.is_empty() {
            entry.acronym.push(' ');
        }
        entry.acronym.push_str(acronym);
        // In place: an entry continued row after row is not copied anew each time.
        super::push_line(&mut entry.expansion, expansion);
        entry.span = entry.span.cover(line.span);
    }

    fn finish(mut self, start: usize, end: usize) -> Draft {
        self.end_paragraph();
        if !self.issuer.is_empty() {
            self.plan.meta.issuer = Some(self.issuer.join(" "));
        }
        if self.plan.meta.span.is_empty() {
            self.plan.meta.span = Span::new(start, start.min(end));
        }
        self.plan.take_table(self.table);
        self.plan
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_lines_are_told_apart_before_the_patterns_run() {
        let may = |line: &str| CoverLine::of(line);
        assert!(may("Brussels, 21 June 2021").date);
        assert!(may("(OR. en)").language);
        assert!(may("9819/21").reference);
        assert!(may("SAN 401").file_code);
        assert!(
            may("\u{661}\u{662}/21").reference,
            "an Arabic-Indic digit is a \\d"
        );
        assert!(may("**From:** the Secretariat").field);
        let note = may("Delegations will find enclosed the Conclusions.");
        assert!(!(note.date || note.language || note.reference || note.file_code || note.field));
    }

    use crate::testing::text_of;

    proptest::proptest! {
        // The cover's first-and-last-character tests must let through every
        // line its patterns match.
        #[test]
        fn cover_tests_let_through_what_the_patterns_match(
            text in proptest::prop_oneof![
                // Lines of each pattern's language (Unicode digits,
                // letters and spaces included), and lines of pieces.
                proptest::string::string_regex(r"[A-Z][\pL -]{1,8},\s{1,2}\d{1,2}\s\pL{1,6}\s\d{4}").unwrap(),
                proptest::string::string_regex(r"\(OR\.\s?[a-z]{2,3}\)").unwrap(),
                proptest::string::string_regex(r"\d{1,6}/\d{2}(\s\S{1,4})?").unwrap(),
                proptest::string::string_regex(r"[A-Z][A-Z-]{1,15}\s\d{1,5}").unwrap(),
                proptest::string::string_regex(r"(\*\*|__|<b>)?(From|On|To|Subject|Reference|No\. prev\. doc\.)(\*\*|</b>)?\s?:.{0,6}").unwrap(),
                text_of(&["Brussels", ",", " ", "21", "2021", "/", "(OR.", ")", "SAN", "**", "From", ":", "é"], 10),
            ]
        ) {
            let may = CoverLine::of(&text);
            let matched = [
                DATE_LINE.is_match(&text),
                LANGUAGE.is_match(&text),
                REFERENCE.is_match(&text),
                FILE_CODE.is_match(&text),
                FIELD.is_match(&text),
            ];
            let allowed = [may.date, may.language, may.reference, may.file_code, may.field];
            for (matched, allowed) in matched.into_iter().zip(allowed) {
                proptest::prop_assert!(!matched || allowed, "{:?}: {:?}", text, may);
            }
        }

        // The scanner replaced this pattern, and must read as it did.
        #[test]
        fn bold_titles_read_as_the_pattern(
            text in text_of(&["**", "*", " ", "x", "é", ":", "**x"], 10)
        ) {
            let pattern = regex::Regex::new(r"^\*\*(.+?)\*\*\s*").unwrap();
            let expected = pattern
                .captures(&text)
                .map(|c| (c.get(1).unwrap().as_str(), text.get(c[0].len()..).unwrap()));
            proptest::prop_assert_eq!(bold_title(&text), expected);
        }
    }

    #[test]
    fn bold_titles() {
        assert_eq!(
            bold_title("**Seizures:** of drugs"),
            Some(("Seizures:", "of drugs"))
        );
        assert_eq!(bold_title("****x** y"), Some(("**x", "y")));
        assert_eq!(bold_title("**x"), None);
    }

    #[test]
    fn glossary_lines() {
        let read = |line| glossary_line(line);
        assert_eq!(
            read("EMCDDA – European Monitoring"),
            Some(("EMCDDA", "European Monitoring"))
        );
        assert_eq!(
            read("- **EU SOCTA**: EU Serious"),
            Some(("EU SOCTA", "EU Serious"))
        );
        assert_eq!(
            read("* **FIUs:** Financial - Units"),
            Some(("FIUs", "Financial - Units"))
        );
        assert_eq!(
            read("MAOC-N - Maritime – Narcotics"),
            Some(("MAOC-N", "Maritime – Narcotics"))
        );
        for no in [
            "EMCDDA",
            "the agency – x",
            "A B C D – x",
            "EMCDDA –",
            "Action 1: do",
            "From: x",
            "Europol – x",
        ] {
            assert_eq!(read(no), None, "{no}");
        }
    }

    #[test]
    fn section_headings() {
        assert_eq!(
            section_heading("IV - Governance"),
            Some(("IV", "Governance"))
        );
        assert_eq!(
            section_heading("B – Supply reduction"),
            Some(("B", "Supply reduction"))
        );
        assert_eq!(section_heading("CIVIL—x"), Some(("CIVIL", "x")));
        for no in ["II x", "Introduction", "iv - x", "IV -", "- x", ""] {
            assert_eq!(section_heading(no), None, "{no}");
        }
    }
}
