//! What the models see of a word, and how features become 64-bit keys.
//!
//! One home for the word normal form of the syntactic models: curly quotes
//! become straight ones, dashes and ellipses have one spelling, no-break
//! spaces are spaces, letters are lower-cased and digits become `0`. The case
//! pattern is kept apart, as a shape (`Xx`, `X`, `d.d`), and a sentence set
//! in capitals (a wire-service title) is flagged so that its shapes do not
//! read as acronyms. Hashing is FNV-1a for strings and a fixed 64-bit mix for
//! combinations: stable across platforms and releases, as the model files
//! depend on it.

/// FNV-1a over bytes.
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Mix a value into a running key (the splitmix64 finaliser over `a ^ b * φ`).
#[inline]
pub const fn mix(a: u64, b: u64) -> u64 {
    let mut z = a ^ b
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
        .wrapping_add(0x632b_e59b_d9b4_e019);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The start of the key of each template number below 256 (`mix(0x5eed, t)`), computed once.
static TEMPLATE_SEEDS: [u64; 256] = {
    let mut seeds = [0u64; 256];
    let mut t = 0;
    while t < 256 {
        seeds[t] = mix(0x5eed, t as u64);
        t += 1;
    }
    seeds
};

/// A feature key from a template number and its values.
#[inline]
pub fn key(template: u64, values: &[u64]) -> u64 {
    let mut h = match TEMPLATE_SEEDS.get(template as usize) {
        Some(&seed) => seed,
        None => mix(0x5eed, template),
    };
    for &v in values {
        h = mix(h, v);
    }
    h
}

/// The normal form of a word for the models (see the module doc).
pub fn normal_form(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normal_form_into(word, &mut out);
    out
}

/// [`normal_form`] into a buffer (cleared first).
pub fn normal_form_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => {
                out.push('\'')
            }
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{ab}' | '\u{bb}'
            | '\u{2033}' => out.push('"'),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => out.push('-'),
            '\u{2014}' | '\u{2015}' => out.push_str("--"),
            '\u{2026}' => out.push_str("..."),
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2009}' | '\t' | '\n' | '\r' => out.push(' '),
            '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' => {}
            c if c.is_ascii_digit() => out.push('0'),
            c if c.is_numeric() => out.push('0'),
            c => out.extend(c.to_lowercase()),
        }
    }
    if out.is_empty() {
        out.push('_');
    }
}

/// The shape of a word: letters as `X`/`x`, digits as `d`, other characters
/// as themselves (normalised as in [`normal_form`]), runs of one class
/// shortened to two; at most eight characters.
pub fn shape(word: &str) -> String {
    let mut out = String::new();
    shape_into(word, &mut out);
    out
}

/// The run rule of a shape: a class met more than twice in a row is left
/// out ("Xxx" for "Kyiv"). One home for [`shape_into`] and the byte-wise
/// view of ASCII words.
struct Runs<T> {
    last: T,
    run: u32,
}

impl<T: PartialEq + Copy> Runs<T> {
    /// No run yet; `start` counts as the class before the first.
    fn new(start: T) -> Runs<T> {
        Runs {
            last: start,
            run: 0,
        }
    }

    /// Whether `class` goes into the shape (its run is at most two long).
    #[inline(always)]
    fn admit(&mut self, class: T) -> bool {
        if class == self.last {
            self.run += 1;
            self.run <= 2
        } else {
            self.run = 1;
            self.last = class;
            true
        }
    }
}

/// [`shape`] into a buffer (cleared first).
pub fn shape_into(word: &str, out: &mut String) {
    out.clear();
    let mut runs = Runs::new('\0');
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_alphabetic() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            match c {
                '\u{2018}' | '\u{2019}' | '`' => '\'',
                '\u{201c}' | '\u{201d}' | '\u{ab}' | '\u{bb}' => '"',
                '\u{2010}'..='\u{2015}' => '-',
                c => c,
            }
        };
        if !runs.admit(class) {
            continue;
        }
        out.push(class);
        if out.len() >= 8 {
            break;
        }
    }
}

/// Whether a sentence is set in capitals: at least three words of two or more
/// letters, and four in five of them upper case.
pub fn is_caps_sentence(words: &[&str]) -> bool {
    let mut lettered = 0;
    let mut caps = 0;
    for w in words {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 2 {
            lettered += 1;
            if !w.chars().any(|c| c.is_lowercase()) {
                caps += 1;
            }
        }
    }
    lettered >= 3 && caps * 5 >= lettered * 4
}

/// The precomputed view of one word: hashes of its normal form, shape,
/// prefixes and suffixes.
#[derive(Clone, Copy, Debug, Default)]
pub struct WordView {
    /// Normal form.
    pub form: u64,
    /// Shape (sentence-in-capitals flag mixed in).
    pub shape: u64,
    /// Suffixes of 1 to 4 characters of the normal form.
    pub suffix: [u64; 4],
    /// Prefixes of 1 to 3 characters of the normal form.
    pub prefix: [u64; 3],
    /// The part after the last hyphen inside the word (0 when there is none).
    pub hyphen_tail: u64,
    /// Whether the original starts with an upper-case letter.
    pub title: bool,
    /// Length class: 1, 2, 3, 4, 5-7, 8+ characters.
    pub len_class: u8,
}

/// Buffers for [`WordView::with_buffers`], kept across words.
#[derive(Debug, Default)]
pub struct WordBuffers {
    /// The normal form of the last word viewed.
    pub norm: String,
    shape: String,
    starts: Vec<usize>,
}

impl WordView {
    /// The view of `word`; `caps` is the sentence-in-capitals flag.
    pub fn new(word: &str, caps: bool) -> WordView {
        WordView::with_buffers(word, caps, &mut WordBuffers::default())
    }

    /// [`WordView::new`] without allocating: the normal form is left in `buf.norm`.
    pub fn with_buffers(word: &str, caps: bool, buf: &mut WordBuffers) -> WordView {
        if word.is_ascii() && !word.is_empty() {
            WordView::ascii(word, caps, buf)
        } else {
            WordView::general(word, caps, buf)
        }
    }

    /// [`WordView::with_buffers`] of any word.
    fn general(word: &str, caps: bool, buf: &mut WordBuffers) -> WordView {
        normal_form_into(word, &mut buf.norm);
        shape_into(word, &mut buf.shape);
        let norm = buf.norm.as_str();
        buf.starts.clear();
        buf.starts.extend(norm.char_indices().map(|(i, _)| i));
        let chars = &buf.starts;
        let n = chars.len();
        let mut suffix = [0u64; 4];
        for (k, s) in suffix.iter_mut().enumerate() {
            let take = (k + 1).min(n);
            let start = chars[n - take];
            *s = hash_str(&norm[start..]);
        }
        let mut prefix = [0u64; 3];
        for (k, p) in prefix.iter_mut().enumerate() {
            let take = k + 1;
            let end = if take >= n { norm.len() } else { chars[take] };
            *p = hash_str(&norm[..end]);
        }
        let hyphen_tail = match norm.rfind('-') {
            Some(i) if i > 0 && i + 1 < norm.len() => hash_str(&norm[i + 1..]),
            _ => 0,
        };
        let len_class = match n {
            0..=4 => n as u8,
            5..=7 => 5,
            _ => 6,
        };
        WordView {
            form: hash_str(norm),
            shape: mix(hash_str(&buf.shape), u64::from(caps)),
            suffix,
            prefix,
            hyphen_tail,
            title: word.chars().next().is_some_and(char::is_uppercase),
            len_class,
        }
    }
}

impl WordView {
    /// [`WordView::with_buffers`] of a word of ASCII characters, not
    /// empty (most words): the same view, made byte by byte. For an ASCII
    /// character, [`normal_form_into`] maps a digit to `0`, the backtick to
    /// `'`, a tab or line break to a space and a capital to its small
    /// letter, and keeps any other; [`shape_into`] gives `X`, `x`, `d`,
    /// `'` for the backtick and the character itself for the others, in
    /// runs of at most two and at most eight in all. Each character is one
    /// byte, so the prefixes and suffixes of `k` characters are those of
    /// `k` bytes, and the prefixes' FNV-1a hashes are made one byte after
    /// another (the hash of a prefix is the state after its bytes).
    /// `ascii_views_are_the_general_views` checks it against the general
    /// path on every byte and on many words.
    fn ascii(word: &str, caps: bool, buf: &mut WordBuffers) -> WordView {
        let bytes = word.as_bytes();
        let mut norm = std::mem::take(&mut buf.norm).into_bytes();
        norm.clear();
        norm.extend(bytes.iter().map(|&b| match b {
            b'0'..=b'9' => b'0',
            b'`' => b'\'',
            b'\t' | b'\n' | b'\r' => b' ',
            b => b.to_ascii_lowercase(),
        }));
        let mut shape = [0u8; 8];
        let (mut len, mut runs) = (0, Runs::new(0u8));
        for &b in bytes {
            let class = match b {
                b'A'..=b'Z' => b'X',
                b'a'..=b'z' => b'x',
                b'0'..=b'9' => b'd',
                b'`' => b'\'',
                b => b,
            };
            if !runs.admit(class) {
                continue;
            }
            shape[len] = class;
            len += 1;
            if len >= 8 {
                break;
            }
        }
        let n = norm.len();
        let fnv = |s: &[u8]| {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for &b in s {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
            h
        };
        let mut suffix = [0u64; 4];
        for (k, s) in suffix.iter_mut().enumerate() {
            *s = fnv(&norm[n - (k + 1).min(n)..]);
        }
        let mut prefix = [0u64; 3];
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for (k, p) in prefix.iter_mut().enumerate() {
            if let Some(&b) = norm.get(k) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
            *p = h;
        }
        let hyphen_tail = match memchr::memrchr(b'-', &norm) {
            Some(i) if i > 0 && i + 1 < n => fnv(&norm[i + 1..]),
            _ => 0,
        };
        let len_class = match n {
            0..=4 => n as u8,
            5..=7 => 5,
            _ => 6,
        };
        let view = WordView {
            form: fnv(&norm),
            shape: mix(fnv(&shape[..len]), u64::from(caps)),
            suffix,
            prefix,
            hyphen_tail,
            title: bytes[0].is_ascii_uppercase(),
            len_class,
        };
        // ASCII bytes are UTF-8.
        buf.norm = String::from_utf8(norm).expect("ASCII is UTF-8");
        view
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_forms() {
        let cases = [
            ("\u{201c}", "\""),
            ("\u{2019}s", "'s"),
            ("Kyiv", "kyiv"),
            ("1,250", "0,000"),
            ("\u{2014}", "--"),
            ("US\u{2010}backed", "us-backed"),
            ("", "_"),
        ];
        for (input, want) in cases {
            assert_eq!(normal_form(input), want, "input {input:?}");
        }
    }

    #[test]
    fn keys_from_the_seed_table_are_the_mixed_keys() {
        for t in [0u64, 1, 37, 255, 256, 1000] {
            let mut want = mix(0x5eed, t);
            for v in [7u64, 99] {
                want = mix(want, v);
            }
            assert_eq!(key(t, &[7, 99]), want, "template {t}");
        }
        let mut buf = WordBuffers::default();
        for w in ["Kyiv", "\u{2014}", "1,250", "US\u{2010}backed", ""] {
            let (a, b) = (
                WordView::new(w, false),
                WordView::with_buffers(w, false, &mut buf),
            );
            assert_eq!(
                (a.form, a.shape, a.suffix, a.prefix),
                (b.form, b.shape, b.suffix, b.prefix),
                "{w:?}"
            );
        }
    }

    /// The ASCII path gives the view (and the normal form left in the
    /// buffer) of the general one: every ASCII character alone, in pairs,
    /// in runs, and words of the treebank's test file (where it is there).
    #[test]
    fn ascii_views_are_the_general_views() {
        let mut words: Vec<String> = Vec::new();
        for a in 0u8..128 {
            words.push((a as char).to_string());
            for b in [b'a', b'A', b'1', b'-', b'`', b'\t', a] {
                words.push(format!("{}{}", a as char, b as char));
                words.push(format!("{}{}{}", b as char, a as char, b as char));
            }
        }
        for w in [
            "Kyiv",
            "NATO",
            "U.S.",
            "1990s",
            "US-backed",
            "-",
            "--",
            "a-",
            "-b",
            "x-y-z",
            "AAAAAAAAAAAA",
            "aaaaaaaa",
            "Mc`Donald",
            "A1b2C3d4E5",
            "co-operation",
            "well-to-do",
            "e.g.",
            "1,250.00",
        ] {
            words.push(w.to_string());
        }
        let ewt = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/ud-english-ewt/test.conllu"
        );
        if let Ok(text) = std::fs::read_to_string(ewt) {
            words.extend(
                text.lines()
                    .filter(|l| !l.starts_with('#'))
                    .filter_map(|l| l.split('\t').nth(1))
                    .filter(|w| w.is_ascii())
                    .map(str::to_string),
            );
        }
        let (mut fast, mut slow) = (WordBuffers::default(), WordBuffers::default());
        let mut checked = 0;
        for w in &words {
            if !w.is_ascii() || w.is_empty() {
                continue;
            }
            for caps in [false, true] {
                let (a, b) = (
                    WordView::ascii(w, caps, &mut fast),
                    WordView::general(w, caps, &mut slow),
                );
                assert_eq!(
                    (
                        a.form,
                        a.shape,
                        a.suffix,
                        a.prefix,
                        a.hyphen_tail,
                        a.title,
                        a.len_class
                    ),
                    (
                        b.form,
                        b.shape,
                        b.suffix,
                        b.prefix,
                        b.hyphen_tail,
                        b.title,
                        b.len_class
                    ),
                    "{w:?}"
                );
                assert_eq!(fast.norm, slow.norm, "{w:?}");
                checked += 1;
            }
        }
        assert!(checked > 2000, "{checked} words checked");
    }

    #[test]
    fn shapes() {
        let cases = [
            ("Kyiv", "Xxx"),
            ("NATO", "XX"),
            ("1990s", "ddx"),
            ("U.S.", "X.X."),
            ("\u{201c}", "\""),
        ];
        for (input, want) in cases {
            assert_eq!(shape(input), want, "input {input:?}");
        }
    }

    #[test]
    fn caps_sentences() {
        assert!(is_caps_sentence(&[
            "UKRAINE", "SAYS", "REBELS", "ATTACKED", "Kyiv"
        ]));
        assert!(!is_caps_sentence(&[
            "NATO", "said", "the", "talks", "failed"
        ]));
        assert!(!is_caps_sentence(&["US", "UK"]));
    }
}
