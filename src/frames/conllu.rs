//! Reading a sentence written in CoNLL-U columns into a [`ParseView`].

use super::{ParseView, Slot};

pub(super) fn parse(text: &str) -> Result<ParseView, String> {
    let mut v = ParseView::default();
    let mut marks: Vec<Option<String>> = Vec::new();
    let mut persons: Vec<bool> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        let at = |m: &str| format!("line {}: {m}: {line:?}", n + 1);
        if cols.len() != 10 {
            return Err(at(&format!("expected 10 columns, found {}", cols.len())));
        }
        let id: usize = cols[0]
            .parse()
            .map_err(|_| at("the ID is not a word number"))?;
        if id != v.words.len() + 1 {
            return Err(at(&format!("expected word {}", v.words.len() + 1)));
        }
        let head: usize = cols[6]
            .parse()
            .map_err(|_| at("the HEAD is not a number"))?;
        v.words.push(
            cols[1]
                .to_lowercase()
                .replace(['\u{2019}', '\u{2018}'], "'"),
        );
        v.upos.push(cols[3].to_string());
        v.heads.push(head.checked_sub(1));
        v.labels.push(cols[7].to_string());
        persons.push(cols[9].split('|').any(|f| f == "T=Person"));
        marks.push(
            cols[9]
                .split('|')
                .find_map(|f| f.strip_prefix("M="))
                .map(str::to_string),
        );
    }
    let n = v.words.len();
    if let Some(bad) = v.heads.iter().flatten().find(|&&h| h >= n) {
        return Err(format!("a HEAD ({}) is past the last word ({n})", bad + 1));
    }
    let mut i = 0;
    while i < n {
        let Some(name) = &marks[i] else {
            i += 1;
            continue;
        };
        let start = i;
        while i < n && marks[i].as_ref() == Some(name) {
            i += 1;
        }
        v.mentions.push(Slot {
            tokens: start..i,
            id: v.mentions.len(),
            name: name.clone(),
            person: persons[start],
        });
    }
    Ok(v)
}
