//! The values a plan's cells hold, each read from its cleaned text:
//! priority-area codes, parties, timetables, sub-points, an indicator's
//! sources, the entries of a list cell, and where a part of a cleaned text lies in the source.
//! Nothing here knows how the text was laid out.

pub(crate) mod area;
pub(crate) mod entries;
pub(crate) mod indicator;
pub(crate) mod items;
pub(crate) mod origin;
pub(crate) mod party;
pub(crate) mod period;
pub(crate) mod timetable;
