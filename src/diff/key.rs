//! What a [`Change`](super::Change) is about: the element it names, typed
//! by its kind, so that a program need not read a number out of a string.
//! Each key displays as the diff always wrote it (`7`, `EMCDDA`,
//! `cover_note`, `indicator 7`), and serialises as a tagged object
//! (`{"kind": "indicator", "number": 7}`).

use serde::{Deserialize, Serialize};
use std::fmt;

/// The element a [`Change`](super::Change) names. Which list the change is
/// in says what changed; the key says which one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Key {
    /// A field of the metadata ([`PlanDiff::meta`](super::PlanDiff::meta)).
    Meta {
        /// The field, by the name the plan's JSON gives it.
        field: MetaField,
    },
    /// An introduction paragraph, by its position from 1.
    #[serde(rename = "introduction_paragraph")]
    Paragraph {
        /// Its position.
        number: u32,
    },
    /// A section, by its number.
    Section {
        /// Its number.
        number: u32,
    },
    /// A strategic priority, by its number.
    StrategicPriority {
        /// Its number.
        number: u32,
    },
    /// An objective, by its number.
    Objective {
        /// Its number.
        number: u32,
    },
    /// A priority area, by its code.
    PriorityArea {
        /// Its code, `1.2`.
        code: String,
    },
    /// A footnote, by its number.
    Footnote {
        /// Its number.
        number: u32,
    },
    /// An indicator, by its number.
    Indicator {
        /// Its number.
        number: u32,
    },
    /// A glossary entry, by its acronym.
    GlossaryEntry {
        /// The acronym as printed.
        acronym: String,
    },
    /// The place some footnote markers stand in
    /// ([`PlanDiff::footnote_refs`](super::PlanDiff::footnote_refs)).
    FootnoteMarkers {
        /// Where they stand.
        place: Place,
    },
}

/// A field of the plan's metadata, named as the plan's JSON names it;
/// ordered as the model orders them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[allow(missing_docs, reason = "each is the Meta field of its name")]
pub enum MetaField {
    Issuer,
    Reference,
    Date,
    Place,
    Title,
    Period,
    Subject,
    DocumentType,
    PreviousDocument,
    FileCodes,
    Language,
    From,
    To,
    CoverNote,
    Annexes,
}

impl MetaField {
    /// The field's name in the plan's JSON: `cover_note`.
    pub fn name(self) -> &'static str {
        match self {
            MetaField::Issuer => "issuer",
            MetaField::Reference => "reference",
            MetaField::Date => "date",
            MetaField::Place => "place",
            MetaField::Title => "title",
            MetaField::Period => "period",
            MetaField::Subject => "subject",
            MetaField::DocumentType => "document_type",
            MetaField::PreviousDocument => "previous_document",
            MetaField::FileCodes => "file_codes",
            MetaField::Language => "language",
            MetaField::From => "from",
            MetaField::To => "to",
            MetaField::CoverNote => "cover_note",
            MetaField::Annexes => "annexes",
        }
    }
}

/// Where footnote markers outside the actions stand: an element by its
/// number (the new plan's, for one renumbered) or acronym, or a heading or
/// line of the cover there is one of.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Place {
    /// An indicator.
    Indicator {
        /// Its number.
        number: u32,
    },
    /// Another footnote.
    Footnote {
        /// Its number.
        number: u32,
    },
    /// An introduction paragraph.
    #[serde(rename = "introduction_paragraph")]
    Paragraph {
        /// Its position from 1.
        number: u32,
    },
    /// The table headers, all together.
    TableHeader,
    /// A section's heading.
    Section {
        /// The section's number.
        number: u32,
    },
    /// A strategic priority's heading.
    StrategicPriority {
        /// The priority's number.
        number: u32,
    },
    /// An objective's text.
    Objective {
        /// The objective's number.
        number: u32,
    },
    /// A glossary entry.
    GlossaryEntry {
        /// Its acronym.
        acronym: String,
    },
    /// A glossary entry the plan does not have (a site numbered past its
    /// glossary, in JSON edited by hand).
    Glossary,
    /// The plan's title.
    Title,
    /// The heading of the kind of document.
    DocumentType,
    /// The cover's subject line.
    Subject,
    /// The cover note.
    CoverNote,
    /// The name of an annex.
    Annex {
        /// Its position from 1 among the plan's annexes.
        number: u32,
    },
    /// The contents list.
    Contents,
    /// The introduction's heading.
    IntroductionHeading,
    /// The indicators' heading.
    IndicatorsHeading,
    /// The glossary's heading.
    GlossaryHeading,
    /// A heading the reader did not recognise.
    Heading,
    /// A line of the cover page that is none of the above.
    Cover,
}

impl fmt::Display for Key {
    /// The key as the diff's text writes it: a number, a code, an acronym,
    /// a field's name or a place (`indicator 7`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Meta { field } => f.write_str(field.name()),
            Key::Paragraph { number }
            | Key::Section { number }
            | Key::StrategicPriority { number }
            | Key::Objective { number }
            | Key::Footnote { number }
            | Key::Indicator { number } => write!(f, "{number}"),
            Key::PriorityArea { code } => f.write_str(code),
            Key::GlossaryEntry { acronym } => f.write_str(acronym),
            Key::FootnoteMarkers { place } => write!(f, "{place}"),
        }
    }
}

impl fmt::Display for MetaField {
    /// The field's name, as [`MetaField::name`] gives it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Place {
    /// The place in words: `indicator 7`, `glossary entry EMCDDA`, `title`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Indicator { number } => write!(f, "indicator {number}"),
            Place::Footnote { number } => write!(f, "footnote {number}"),
            Place::Paragraph { number } => write!(f, "introduction paragraph {number}"),
            Place::TableHeader => f.write_str("table header"),
            Place::Section { number } => write!(f, "section {number}"),
            Place::StrategicPriority { number } => write!(f, "strategic priority {number}"),
            Place::Objective { number } => write!(f, "objective {number}"),
            Place::GlossaryEntry { acronym } => write!(f, "glossary entry {acronym}"),
            Place::Glossary => f.write_str("glossary"),
            Place::Title => f.write_str("title"),
            Place::DocumentType => f.write_str("document type"),
            Place::Subject => f.write_str("subject"),
            Place::CoverNote => f.write_str("cover note"),
            Place::Annex { number } => write!(f, "annex {number}"),
            Place::Contents => f.write_str("contents"),
            Place::IntroductionHeading => f.write_str("introduction heading"),
            Place::IndicatorsHeading => f.write_str("indicators heading"),
            Place::GlossaryHeading => f.write_str("glossary heading"),
            Place::Heading => f.write_str("heading"),
            Place::Cover => f.write_str("cover"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key displays as the diff wrote it when keys were strings.
    #[test]
    fn keys_display_as_the_strings_they_replaced() {
        let markers = |place| Key::FootnoteMarkers { place };
        let cases = [
            (Key::Indicator { number: 7 }, "7"),
            (Key::Paragraph { number: 2 }, "2"),
            (
                Key::PriorityArea {
                    code: "1.10".into(),
                },
                "1.10",
            ),
            (
                Key::GlossaryEntry {
                    acronym: "EMCDDA".into(),
                },
                "EMCDDA",
            ),
            (
                Key::Meta {
                    field: MetaField::CoverNote,
                },
                "cover_note",
            ),
            (
                Key::Meta {
                    field: MetaField::Title,
                },
                "title",
            ),
            (markers(Place::Indicator { number: 7 }), "indicator 7"),
            (
                markers(Place::Paragraph { number: 2 }),
                "introduction paragraph 2",
            ),
            (markers(Place::Section { number: 3 }), "section 3"),
            (
                markers(Place::StrategicPriority { number: 5 }),
                "strategic priority 5",
            ),
            (
                markers(Place::GlossaryEntry {
                    acronym: "EU SOCTA".into(),
                }),
                "glossary entry EU SOCTA",
            ),
            (markers(Place::Annex { number: 2 }), "annex 2"),
            (markers(Place::IndicatorsHeading), "indicators heading"),
            (markers(Place::TableHeader), "table header"),
        ];
        for (key, shown) in cases {
            assert_eq!(key.to_string(), shown, "{key:?}");
        }
    }

    /// A key serialises as a tagged object and reads back.
    #[test]
    fn keys_serialise_as_tagged_objects() {
        let json = |key: &Key| serde_json::to_string(key).unwrap_or_default();
        let indicator = Key::Indicator { number: 7 };
        assert_eq!(json(&indicator), r#"{"kind":"indicator","number":7}"#);
        let place = Key::FootnoteMarkers {
            place: Place::Paragraph { number: 2 },
        };
        assert_eq!(
            json(&place),
            r#"{"kind":"footnote_markers","place":{"kind":"introduction_paragraph","number":2}}"#
        );
        let field = Key::Meta {
            field: MetaField::DocumentType,
        };
        assert_eq!(json(&field), r#"{"kind":"meta","field":"document_type"}"#);
        for key in [indicator, place, field] {
            assert_eq!(serde_json::from_str::<Key>(&json(&key)).ok(), Some(key));
        }
    }
}
