//! HTML character references (`&amp;`, `&nbsp;`, `&#8211;`), decoded by
//! html-escape.

/// The longest character reference's name: `&CounterClockwiseContourIntegral;`.
const REFERENCE_NAME_MAX: usize = 32;

/// An HTML character reference at `at` — a name (`&amp;`), a decimal
/// (`&#8211;`) or a hexadecimal number (`&#x2013;`), with its `;` — and
/// where it ends; html-escape decodes it. `None` for an `&` that starts
/// none (`R&D`, `&unknown;`).
pub(crate) fn char_reference(raw: &str, at: usize) -> Option<(String, usize)> {
    let rest = raw.as_bytes().get(at + 1..)?;
    let name = rest
        .iter()
        .take(REFERENCE_NAME_MAX + 1)
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'#')
        .count();
    if name == 0 || rest.get(name) != Some(&b';') {
        return None;
    }
    let end = at + 1 + name + 1;
    match html_escape::decode_html_entities(raw.get(at..end)?) {
        std::borrow::Cow::Owned(text) => Some((text, end)),
        std::borrow::Cow::Borrowed(_) => None,
    }
}
