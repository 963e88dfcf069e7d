//! The glossary as a check reads it: which of its acronyms a text uses,
//! which acronyms a text uses that it lacks, and near spellings between
//! the two (`EDPQS` in the text, `EDPQ` in the glossary).
//!
//! Reading the glossary out of a document is the document reader's job;
//! this module only looks entries up.

use crate::model::GlossaryEntry;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

/// The glossary's acronyms, upper-cased, with the entries that have each.
struct Index {
    /// Each acronym and the entries that have it, in the glossary's order.
    keys: HashMap<String, Vec<usize>>,
    /// Some entry is two words (`EU SOCTA`).
    pairs: bool,
}

impl Index {
    fn new(entries: &[GlossaryEntry]) -> Self {
        let mut keys: HashMap<String, Vec<usize>> = HashMap::with_capacity(entries.len());
        for (i, entry) in entries.iter().enumerate() {
            keys.entry(key_of(&entry.acronym)).or_default().push(i);
        }
        let pairs = keys.keys().any(|k| k.contains(' '));
        Index { keys, pairs }
    }

    /// The entries whose acronym is `words` joined by single spaces, in any
    /// case; `buffer` is scratch space, so that a lookup does not allocate.
    fn find(&self, words: &[&str], buffer: &mut String) -> &[usize] {
        buffer.clear();
        for word in words {
            if !buffer.is_empty() {
                buffer.push(' ');
            }
            buffer.push_str(word);
        }
        buffer.make_ascii_uppercase();
        self.keys.get(buffer.as_str()).map_or(&[], Vec::as_slice)
    }

    /// An entry whose acronym is a near spelling of `token`, which is not
    /// in the glossary (see [`is_near_spelling`]): the first such entry in
    /// the glossary's order, and its upper-cased acronym.
    fn near(&self, token: &str) -> Option<(usize, &str)> {
        let token = token.to_ascii_uppercase();
        self.keys
            .iter()
            .filter(|(key, _)| is_near_spelling(&token, key))
            .filter_map(|(key, entries)| Some((*entries.first()?, key.as_str())))
            .min()
    }
}

/// An acronym as the glossary looks it up: whitespace collapsed as the
/// cleaner does, upper-cased.
fn key_of(acronym: &str) -> String {
    let mut key = crate::text::normalise(acronym);
    key.make_ascii_uppercase();
    key
}

/// `a` and `b` differ by one letter added or removed (both at least three
/// letters long), or one is a part of the other, an acronym of two or
/// three parts between hyphens or spaces.
fn is_near_spelling(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let (short, long) = (short.as_bytes(), long.as_bytes());
    if long.len() == short.len() + 1 {
        // Past the common start, the rest must agree with the extra letter skipped.
        let common = short.iter().zip(long).take_while(|(a, b)| a == b).count();
        return short.len() >= 3 && short.get(common..) == long.get(common + 1..);
    }
    let parts = || long.split(|&b| b == b'-' || b == b' ');
    // Only an acronym of two or three parts: not a long entry that is
    // really a misplaced sentence.
    long.len() > short.len() + 1
        && parts().any(|p| p == short)
        && (2..=3).contains(&parts().count())
        && parts().all(|p| {
            p.iter()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        })
}

/// An acronym: at least two capital letters, no small letters but a final
/// plural `s` (`FIUs`), not a Roman numeral; digits and inner hyphens
/// allowed (`COVID-19`, `MAOC-N`).
pub(crate) fn is_acronym(token: &str) -> bool {
    let body = token.strip_suffix('s').unwrap_or(token).trim_matches('-');
    let capitals = body.bytes().filter(u8::is_ascii_uppercase).count();
    capitals >= 2
        && body.starts_with(|c: char| c.is_ascii_uppercase())
        && body
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
        && !body
            .bytes()
            .all(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C'))
}

/// A word with a capital letter in it.
struct Word<'a> {
    text: &'a str,
    /// One separator stands between it and the capitalised word before it.
    follows: bool,
}

/// Whether `byte` is part of a word: an ASCII letter, digit or hyphen, or
/// any byte of a non-ASCII character.
fn in_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'-' || !byte.is_ascii()
}

/// The words of `text` that have an ASCII capital letter, with whether each
/// directly follows the one before it. Only such words can be acronyms or
/// glossary entries.
fn capitalised_words(text: &str) -> impl Iterator<Item = Word<'_>> {
    let bytes = text.as_bytes();
    let mut at = 0;
    // Where the last capitalised word ended.
    let mut last_end: Option<usize> = None;
    std::iter::from_fn(move || {
        // The next capital, then the word around it: most words have none,
        // and are passed over by the search for one.
        let capital = at + bytes.get(at..)?.iter().position(u8::is_ascii_uppercase)?;
        let before = bytes.get(..capital)?;
        let start = before
            .iter()
            .rposition(|&b| !in_word(b))
            .map_or(0, |p| p + 1);
        let after = bytes.get(capital..)?;
        let end = capital
            + after
                .iter()
                .position(|&b| !in_word(b))
                .unwrap_or(after.len());
        at = end;
        // One separator, as in `EU SOCTA`; `EU (SOCTA)` is not the pair.
        let follows = start > 0 && last_end == Some(start - 1);
        last_end = Some(end);
        // Splitting at ASCII bytes keeps every word valid UTF-8.
        let text = text.get(start..end)?;
        Some(Word { text, follows })
    })
}

/// An acronym a text uses that the glossary lacks.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Unknown {
    /// The acronym as printed.
    pub acronym: String,
    /// An entry's acronym it may misspell.
    pub near: Option<String>,
}

/// Reads a plan's texts, one after another, against its glossary.
pub(crate) struct Scan<'g> {
    index: Index,
    entries: &'g [GlossaryEntry],
    used: Vec<bool>,
    reported: HashSet<String>,
    /// For each entry, the first unknown acronym that is a near spelling
    /// of it, to name when the entry goes unused.
    near: Vec<Option<String>>,
    /// Scratch space for upper-cased lookups.
    buffer: String,
}

impl<'g> Scan<'g> {
    /// A scan of texts against `entries`.
    pub fn new(entries: &'g [GlossaryEntry]) -> Self {
        Scan {
            index: Index::new(entries),
            entries,
            used: vec![false; entries.len()],
            reported: HashSet::new(),
            near: vec![None; entries.len()],
            buffer: String::new(),
        }
    }

    /// Marks the entries `words` (joined by spaces) name as used; true if any.
    fn mark(&mut self, words: &[&str]) -> bool {
        let found = self.index.find(words, &mut self.buffer);
        for &i in found {
            if let Some(flag) = self.used.get_mut(i) {
                *flag = true;
            }
        }
        !found.is_empty()
    }

    /// Reads one text: entries by their upper-cased acronym; a plural `s`
    /// also counts (`FIUs` is `FIU`; `EDPQS` is not `EDPQ`), and two-word
    /// entries (`EU SOCTA`) are matched on consecutive words. Appends the
    /// acronyms it lacks to `unknown`, each the first time it is seen.
    pub fn read(&mut self, words: &str, unknown: &mut Vec<Unknown>) {
        let mut previous: Option<&str> = None;
        for Word {
            text: token,
            follows,
        } in capitalised_words(words)
        {
            let plural = token.strip_suffix('s').is_some_and(|s| self.mark(&[s]));
            let known = self.mark(&[token]) || plural;
            if !known && is_acronym(token) && !self.reported.contains(token) {
                self.reported.insert(token.to_owned());
                let near = self.index.near(token).map(|(i, key)| {
                    if let Some(slot @ None) = self.near.get_mut(i) {
                        *slot = Some(token.to_owned());
                    }
                    key.to_owned()
                });
                unknown.push(Unknown {
                    acronym: token.to_owned(),
                    near,
                });
            }
            if let (true, Some(before)) = (self.index.pairs && follows, previous) {
                self.mark(&[before, token]);
            }
            previous = Some(token);
        }
    }

    /// The entries no text used, with the first unknown acronym
    /// that may misspell each.
    pub fn unused(self) -> Vec<(&'g GlossaryEntry, Option<String>)> {
        let entries = self.entries.iter().zip(self.used).zip(self.near);
        (entries.filter(|((_, used), _)| !used))
            .map(|((entry, _), near)| (entry, near))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn entries(acronyms: &[&str]) -> Vec<GlossaryEntry> {
        (acronyms.iter())
            .map(|acronym| GlossaryEntry {
                acronym: (*acronym).to_owned(),
                expansion: String::new(),
                span: Span::new(0, 0),
            })
            .collect()
    }

    #[test]
    fn a_repeated_acronym_is_used_in_every_entry() {
        let entries = entries(&["EU", "FIU", "eu", "EU"]);
        let mut scan = Scan::new(&entries);
        scan.read("the Eu and its FIUs", &mut Vec::new());
        assert_eq!(scan.used, [true, true, true, true]);
        let mut scan = Scan::new(&entries);
        scan.read("the EU", &mut Vec::new());
        assert_eq!(scan.used, [true, false, true, true]);
    }

    #[test]
    fn an_unknown_acronym_is_reported_once_with_its_near_entry() {
        let entries = entries(&["EDPQ", "EU SOCTA"]);
        let mut scan = Scan::new(&entries);
        let mut unknown = Vec::new();
        scan.read("the EDPQS and EDPQS", &mut unknown);
        scan.read("again EDPQS, and UNODC", &mut unknown);
        let found: Vec<(&str, Option<&str>)> = (unknown.iter())
            .map(|u| (u.acronym.as_str(), u.near.as_deref()))
            .collect();
        assert_eq!(found, [("EDPQS", Some("EDPQ")), ("UNODC", None)]);
        let unused: Vec<(&str, Option<String>)> = (scan.unused().into_iter())
            .map(|(e, near)| (e.acronym.as_str(), near))
            .collect();
        assert_eq!(
            unused,
            [("EDPQ", Some("EDPQS".to_owned())), ("EU SOCTA", None)]
        );
    }

    #[test]
    fn a_two_word_entry_is_used_by_its_words_in_a_row() {
        let entries = entries(&["EU", "EU SOCTA"]);
        let mut scan = Scan::new(&entries);
        scan.read("the EU (SOCTA)", &mut Vec::new());
        assert_eq!(scan.used, [true, false]);
        scan.read("the EU SOCTA", &mut Vec::new());
        assert_eq!(scan.used, [true, true]);
    }

    #[test]
    fn capitalised_words_and_whether_they_follow_each_other() {
        let words: Vec<(&str, bool)> = capitalised_words("EU SOCTA, the EU (SOCTA) é-Xy x")
            .map(|w| (w.text, w.follows))
            .collect();
        assert_eq!(
            words,
            [
                ("EU", false),
                ("SOCTA", true),
                ("EU", false),
                ("SOCTA", false),
                ("é-Xy", false)
            ]
        );
    }

    #[test]
    fn acronyms() {
        for yes in ["EU", "FIUs", "COVID-19", "MAOC-N", "-EU-", "EMCDDA"] {
            assert!(is_acronym(yes), "{yes}");
        }
        for no in ["Europol", "II", "XIV", "E", "EUé", "eU", "", "s", "A1"] {
            assert!(!is_acronym(no), "{no}");
        }
    }

    #[test]
    fn near_spellings() {
        for (a, b) in [
            ("EDPQS", "EDPQ"),
            ("EMCDA", "EMCDDA"),
            ("DAC", "OECD-DAC"),
            ("SOCTA", "EU SOCTA"),
            ("XEUR", "EUR"),
        ] {
            assert!(is_near_spelling(a, b), "{a} {b}");
            assert!(is_near_spelling(b, a), "{b} {a}");
        }
        for (a, b) in [
            ("EU", "EUR"),
            ("EDPQS", "EDPQA"),
            ("ECDC", "EMCDDA"),
            ("OEC", "OECD-DAC"),
            ("DA", "OECD-DAC"),
            ("EU", "THE EU AND MEMBER STATES"),
            ("EU", "<P>EU"),
        ] {
            assert!(!is_near_spelling(a, b), "{a} {b}");
        }
    }
}
