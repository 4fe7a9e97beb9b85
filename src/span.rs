//! [`Span`]: the byte range every stage hands down. It sits below every other module, so that
//! `corpus`, `parse`, `analyze` and `extract` can all use it without importing each other.

/// A half-open byte range into a document's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The span moved right by `offset` bytes (for items found in a slice of the text).
    pub const fn shift(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}
