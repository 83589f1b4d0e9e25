//! The prefix set the tagger searches at each word start.

/// A set of byte strings, sorted, that answers one question fast: which of
/// them are prefixes of a text? That is the anchored, longest-first search the
/// tagger runs at each word start.
///
/// Building it is a sort (the forms come sorted); there is no automaton to
/// compile and no failure links (an anchored search never follows them), and
/// the whole set is the forms' bytes plus one offset each, so it stays
/// cache-sized even for a quarter of a million forms. A search narrows the
/// range of forms sharing the text's first `d` bytes one byte at a time (a
/// table for the first byte, then two binary searches per byte) and stops as
/// soon as no form shares the prefix, which for most word starts is after one
/// or two bytes.
pub(super) struct Prefixes {
    /// The forms, concatenated in sorted order.
    bytes: Vec<u8>,
    /// Form `i` is `bytes[ends[i]..ends[i + 1]]`.
    ends: Vec<u32>,
    /// The forms starting with byte `b` are `first[b]..first[b + 1]`.
    first: Vec<u32>,
    /// The forms at least two bytes long starting with bytes `a b` are
    /// `second[256 * a + b]..second[256 * a + b + 1]` (256 KiB, so the
    /// search starts at the third byte).
    second: Vec<u32>,
}

impl Prefixes {
    /// `forms` must be sorted, distinct and non-empty.
    pub(super) fn new<'a>(forms: impl Iterator<Item = &'a [u8]>) -> Prefixes {
        let mut bytes = Vec::new();
        let mut ends = vec![0u32];
        let mut counts = [0u32; 256];
        // second[p + 1] counts the forms of pair p, then becomes a running sum.
        let mut second = vec![0u32; 65537];
        let mut ones = 0;
        for f in forms {
            debug_assert!(!f.is_empty());
            counts[f[0] as usize] += 1;
            match f.get(1) {
                Some(&b) => second[256 * f[0] as usize + b as usize + 1] += 1,
                None => ones += 1,
            }
            bytes.extend_from_slice(f);
            ends.push(u32::try_from(bytes.len()).expect("gazetteer forms under 4 GiB"));
        }
        let mut first = Vec::with_capacity(257);
        let mut total = 0;
        first.push(0);
        for c in counts {
            total += c;
            first.push(total);
        }
        // Sorted, the forms starting with byte a are the one-byte form "a"
        // (if any), then those starting "a\0", "a\x01", ...: a pair's first
        // form comes after the longer forms of the pairs before it and the
        // one-byte forms of first bytes up to a.
        let mut running = 0;
        let mut singles = 0;
        for a in 0..256 {
            let f = first[a] as usize;
            if (f as u32) < first[a + 1] && ends[f + 1] - ends[f] == 1 {
                singles += 1;
            }
            for b in 0..256 {
                let p = 256 * a + b;
                let n = second[p + 1];
                second[p] = running + singles;
                running += n;
            }
        }
        debug_assert_eq!(singles, ones);
        second[65536] = running + singles;
        Prefixes {
            bytes,
            ends,
            first,
            second,
        }
    }

    /// The number of forms.
    pub(super) fn len(&self) -> usize {
        self.ends.len() - 1
    }

    /// Form `i`'s bytes.
    pub(super) fn form(&self, i: usize) -> &[u8] {
        &self.bytes[self.ends[i] as usize..self.ends[i + 1] as usize]
    }

    pub(super) fn len_of(&self, i: usize) -> usize {
        (self.ends[i + 1] - self.ends[i]) as usize
    }

    /// The forms that are prefixes of `hay`, as (length in `hay`, form index),
    /// shortest first, appended to `out`. `hay` is read the way keys are
    /// written (see [`matching_key`]): a '-' reads as a space and a run of
    /// spaces as one, so "russia - turkey", "russia-turkey" and "russia turkey"
    /// all meet the key "russia turkey"; the search runs on the normalised
    /// text as it is.
    pub(super) fn prefixes_of(&self, hay: &[u8], out: &mut Vec<(usize, usize)>) {
        let mut at = 0;
        let Some(b0) = next_key_byte(hay, &mut at) else {
            return;
        };
        let b0 = b0 as usize;
        let (lo, hi) = (self.first[b0] as usize, self.first[b0 + 1] as usize);
        // The one-byte form, if any, comes first among those starting with b0.
        if lo < hi && self.len_of(lo) == 1 {
            out.push((at, lo));
        }
        let Some(b1) = next_key_byte(hay, &mut at) else {
            return;
        };
        let b1 = b1 as usize;
        let pair = 256 * b0 + b1;
        // The next pair's start, except after the last pair of b0: there the
        // next first byte's one-byte form would come in between.
        let end = if b1 == 255 {
            self.first[b0 + 1]
        } else {
            self.second[pair + 1]
        };
        self.narrow(hay, at, 2, self.second[pair] as usize..end as usize, out);
    }

    /// The forms `forms` (all those starting with the first `d` key bytes of
    /// `hay`, which end at `at`) that are prefixes of `hay`, shortest first,
    /// appended to `out` as in [`Prefixes::prefixes_of`].
    pub(super) fn narrow(
        &self,
        hay: &[u8],
        mut at: usize,
        mut d: usize,
        forms: std::ops::Range<usize>,
        out: &mut Vec<(usize, usize)>,
    ) {
        let (mut lo, mut hi) = (forms.start, forms.end);
        // Invariant: forms lo..hi are those that start with the first d key
        // bytes (and are at least d long); sorted, so the one of exactly d
        // bytes comes first. Keys never end in a space, so `at` is the exact
        // end of such a match in `hay`.
        while lo < hi {
            if self.len_of(lo) == d {
                out.push((at, lo));
                lo += 1;
            }
            if lo >= hi {
                break;
            }
            let Some(b) = next_key_byte(hay, &mut at) else {
                break;
            };
            let below = self.count(lo, hi, d, |x| x < b);
            let upto = below + self.count(lo + below, hi, d, |x| x == b);
            (lo, hi) = (lo + below, lo + upto);
            d += 1;
        }
    }

    /// The forms that start with `prefix`, as a range of form indices (none
    /// of which is below `from`).
    pub(super) fn starting_with(&self, prefix: &[u8], from: usize) -> std::ops::Range<usize> {
        let n = self.len();
        let lo = partition_point(from, n, |i| self.form(i) < prefix);
        let hi = partition_point(lo, n, |i| self.form(i).starts_with(prefix));
        lo..hi
    }

    /// How many forms of `lo..hi` (all longer than `d`, sorted, so `pred`
    /// holds on a prefix of them) have a byte `d` satisfying `pred`.
    fn count(&self, lo: usize, hi: usize, d: usize, pred: impl Fn(u8) -> bool) -> usize {
        let (base, mut lo, mut hi) = (lo, lo, hi);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(self.bytes[self.ends[mid] as usize + d]) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo - base
    }
}

/// The first `i` in `lo..hi` where `pred` fails (`pred` holds on a prefix of the range).
fn partition_point(mut lo: usize, mut hi: usize, pred: impl Fn(usize) -> bool) -> usize {
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The next key byte of `hay` from `*at`, advancing past what it covers: a
/// '-' reads as a space and a run of spaces and hyphens as one space, the way
/// keys are written.
#[inline]
fn next_key_byte(hay: &[u8], at: &mut usize) -> Option<u8> {
    let b = match *hay.get(*at)? {
        b'-' => b' ',
        b => b,
    };
    *at += 1;
    if b == b' ' {
        while *at < hay.len() && matches!(hay[*at], b' ' | b'-') {
            *at += 1;
        }
    }
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prefix search against the obvious one: every form that the text
    /// (hyphens read as spaces) starts with, shortest first.
    /// The reference: read `hay` as keys are written ('-' as a space, a run
    /// of spaces as one), noting where each key byte ends in `hay`, and
    /// compare every form.
    fn naive_prefixes(forms: &[String], hay: &str) -> Vec<(usize, usize)> {
        let (mut key, mut ends) = (Vec::new(), Vec::new());
        for (i, b) in hay.bytes().enumerate() {
            let b = if b == b'-' { b' ' } else { b };
            if b == b' ' && key.last() == Some(&b' ') {
                *ends.last_mut().unwrap() = i + 1;
                continue;
            }
            key.push(b);
            ends.push(i + 1);
        }
        let mut out: Vec<(usize, usize)> = forms
            .iter()
            .enumerate()
            .filter(|(_, f)| key.starts_with(f.as_bytes()))
            .map(|(i, f)| (ends[f.len() - 1], i))
            .collect();
        out.sort();
        out
    }

    /// Whether `f` looks like a key: no space at either end, none doubled.
    fn is_key(f: &str) -> bool {
        !f.starts_with(' ') && !f.ends_with(' ') && !f.contains("  ")
    }

    #[test]
    fn prefixes_cases() {
        let forms: Vec<String> = [
            "a",
            "ab",
            "ab c",
            "abd",
            "b",
            "ba",
            "\u{e9}t\u{e9}",
            "\u{ff}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let set = Prefixes::new(forms.iter().map(|f| f.as_bytes()));
        for hay in [
            "",
            "a",
            "ab",
            "ab-c",
            "ab - c",
            "ab  c",
            "ab cd",
            "abd",
            "ba",
            "b",
            "c",
            "\u{e9}t\u{e9}s",
            "\u{ff}",
        ] {
            let mut got = Vec::new();
            set.prefixes_of(hay.as_bytes(), &mut got);
            assert_eq!(got, naive_prefixes(&forms, hay), "hay {hay:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn prefixes_agree_with_naive(
            forms in proptest::collection::btree_set("[ab \u{e9}\u{ff}]{1,5}", 0..40),
            hay in "[ab \u{e9}\u{ff}-]{0,8}",
        ) {
            let forms: Vec<String> = forms.into_iter().filter(|f| is_key(f)).collect();
            let set = Prefixes::new(forms.iter().map(|f| f.as_bytes()));
            let mut got = Vec::new();
            set.prefixes_of(hay.as_bytes(), &mut got);
            proptest::prop_assert_eq!(got, naive_prefixes(&forms, &hay));
        }
    }
}
