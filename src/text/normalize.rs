use std::ops::Range;
use unicode_normalization::UnicodeNormalization;
pub struct Normalized { text: String, origin: Vec<u32>, ends: Vec<u32> }
pub fn is_word_char(c: char) -> bool { c.is_alphanumeric() }
impl Normalized {
    pub fn new(original: &str) -> Normalized {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        let mut ends = Vec::with_capacity(original.len() + 1);
        let mut last_space = false;
        for (i, c) in original.char_indices() {
            let e = (i + c.len_utf8()) as u32;
            let mut push = |s: &str, text: &mut String| { for _ in 0..s.len() { origin.push(i as u32); ends.push(e); } text.push_str(s); };
            if c.is_whitespace() || c.is_control() { if !last_space { push(" ", &mut text); } last_space = true; continue; }
            last_space = false;
            let mapped: String = match c {
                '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}' => "'".into(),
                '\u{201C}' | '\u{201D}' => "\"".into(),
                '\u{2010}'..='\u{2015}' => "-".into(),
                _ => c.to_lowercase().collect::<String>().nfkd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect(),
            };
            push(&mapped, &mut text);
        }
        origin.push(original.len() as u32); ends.push(original.len() as u32);
        Normalized { text, origin, ends }
    }
    pub fn as_str(&self) -> &str { &self.text }
    pub fn len(&self) -> usize { self.text.len() }
    pub fn is_empty(&self) -> bool { self.text.is_empty() }
    pub fn origin(&self, i: usize) -> usize { self.origin[i] as usize }
    pub fn to_original(&self, r: Range<usize>) -> Range<usize> {
        if r.start == r.end { let o = self.origin(r.start); return o..o; }
        self.origin(r.start)..self.ends[r.end - 1] as usize
    }
}
pub fn normalize_phrase(s: &str) -> String { Normalized::new(s).as_str().trim().to_string() }
