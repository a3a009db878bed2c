//! Line numbers of a CSV file, as a person sees them in an editor.

/// Where each line of a file starts, so a byte offset can be given as the line a person sees in an
/// editor: LF (Unix), CRLF (Windows, as Excel writes) and a lone CR (old Mac) each end one line;
/// the header is line 1.
pub(super) struct Lines<'a> {
    bytes: &'a [u8],
    starts: Vec<u64>,
}

impl<'a> Lines<'a> {
    pub(super) fn of(bytes: &'a [u8]) -> Lines<'a> {
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    i += 1;
                    starts.push(i as u64 + 1);
                }
                b'\r' | b'\n' => starts.push(i as u64 + 1),
                _ => {}
            }
            i += 1;
        }
        Lines { bytes, starts }
    }

    /// The line (from 1) of the first thing at or after `offset` that is not a line break (the
    /// reader counts blank lines before a record as part of it).
    pub(super) fn at(&self, offset: u64) -> u64 {
        let skipped = self
            .bytes
            .iter()
            .skip(offset as usize)
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count() as u64;
        let offset = offset + skipped;
        self.starts.partition_point(|start| *start <= offset) as u64
    }
}
