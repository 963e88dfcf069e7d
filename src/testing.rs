//! What the unit tests share.

use proptest::strategy::Strategy;

/// Texts of up to `most` of `pieces` (with repeats) run together: the
/// bytes a scanner under test cares about, and what may stand around them,
/// in any order.
pub(crate) fn text_of(pieces: &[&'static str], most: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(pieces.to_vec()), 0..most)
        .prop_map(|parts| parts.concat())
}
