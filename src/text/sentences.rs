use std::ops::Range;
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let end_here = (matches!(b[i], b'.' | b'!' | b'?') && i + 1 < b.len() && b[i + 1] == b' ') || b[i] == b'\n';
        if end_here || i + 1 == b.len() {
            let e = i + 1;
            let s = text[start..e].trim();
            if !s.is_empty() { let off = start + text[start..e].find(s).unwrap(); out.push(off..off + s.len()); }
            start = e;
        }
        i += 1;
    }
    out
}
