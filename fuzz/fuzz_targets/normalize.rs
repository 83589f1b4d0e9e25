//! The normaliser and its offset map, and the sentence splitter, on text
//! built from special characters and the shared case tables
//! (`tests/data/*.toml`).
//!
//! Both agree with their spec oracles (`kgx::text::oracle`): the same
//! normalised text, `origin` at every byte and `to_original` on the ranges;
//! the same sentences.
//!
//! For any text: every `origin` is an original char boundary and grows with
//! the normalised offset; every normalised char maps back to a non-empty
//! original range whose own normalisation contains that char; any range maps
//! to an ordered range on char boundaries; normalising twice changes nothing.
#![no_main]

use arbitrary::Arbitrary;
use kgx::text::{oracle, sentences, Normalized};
use kgx_fuzz::{text_of, Piece};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    pieces: Vec<Piece>,
    ranges: Vec<(u16, u16)>,
}

fuzz_target!(|input: Input| {
    let text = text_of(&input.pieces);
    let norm = Normalized::new(&text);
    let n = norm.as_str();
    assert_eq!(norm.original_len(), text.len());

    let mut prev = 0;
    for i in 0..=n.len() {
        let o = norm.origin(i);
        assert!(
            o <= text.len() && text.is_char_boundary(o),
            "origin({i}) = {o} in {text:?}"
        );
        assert!(o >= prev, "origin not monotone at {i} in {text:?}");
        prev = o;
    }
    for (i, c) in n.char_indices() {
        let r = norm.to_original(i..i + c.len_utf8());
        assert!(
            r.start < r.end,
            "char {c:?} at {i} maps to empty {r:?} in {text:?}"
        );
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let back = Normalized::new(&text[r.clone()]);
        assert!(
            back.as_str().contains(c),
            "normalised {c:?} at {i} maps back to {:?} which normalises to {:?} (text {text:?})",
            &text[r],
            back.as_str()
        );
    }
    for &(a, b) in &input.ranges {
        let (a, b) = (a as usize % (n.len() + 1), b as usize % (n.len() + 1));
        let (a, b) = (a.min(b), a.max(b));
        let r = norm.to_original(a..b);
        assert!(r.start <= r.end && r.end <= text.len(), "{a}..{b} -> {r:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    }
    let spec = oracle::normalized(&text);
    assert_eq!(n, spec.text, "the oracle normalises {text:?} otherwise");
    for i in 0..=n.len() + 1 {
        assert_eq!(norm.origin(i), spec.origin(i), "origin({i}) of {text:?}");
    }
    for &(a, b) in &input.ranges {
        let (a, b) = (a as usize % (n.len() + 2), b as usize % (n.len() + 2));
        let r = a.min(b)..a.max(b);
        assert_eq!(
            norm.to_original(r.clone()),
            spec.to_original(r.clone()),
            "to_original({r:?}) of {text:?}"
        );
    }
    assert_eq!(
        sentences(&text),
        oracle::sentences(&text),
        "the oracle splits {text:?} otherwise"
    );
    let again = Normalized::new(n);
    assert_eq!(again.as_str(), n, "normalising twice changes {text:?}");
});
