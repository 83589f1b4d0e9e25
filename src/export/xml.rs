//! The one XML escaper of the GraphML and GEXF writers.
//!
//! Every attribute value and every text node goes through [`escape`], which
//! is safe in both places:
//!
//! | input | written | why |
//! | --- | --- | --- |
//! | `&` | `&amp;` | starts an entity reference |
//! | `<` | `&lt;` | starts a tag |
//! | `>` | `&gt;` | `]]>` is not allowed in text |
//! | `"` | `&quot;` | closes a double-quoted attribute |
//! | `'` | `&apos;` | closes a single-quoted attribute |
//! | tab, newline, CR | `&#9;`, `&#10;`, `&#13;` | attribute-value normalisation would turn them into spaces, and CR into newline in text |
//! | U+0000-U+0008, U+000B, U+000C, U+000E-U+001F, U+FFFE, U+FFFF | U+FFFD `�` | XML 1.0 cannot carry them at all, not even as `&#0;` |
//! | U+0085, U+2028 | `&#133;`, `&#8232;` | XML 1.1 line ends: some XML 1.0 parsers (xmldom, under graphology) turn them into a newline; a character reference is never normalised |
//! | anything else (non-ASCII) | itself, UTF-8 | the document is declared UTF-8 |
//!
//! The replacement with U+FFFD is the one lossy step; every format of kgx
//! makes it, so all exports still carry the same strings.

use std::fmt::Write as _;
use std::io::{self, Write};

/// Escape `s` for an XML attribute value or text node; see the module table.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' | '\u{85}' | '\u{2028}' => {
                let _ = write!(out, "&#{};", c as u32);
            }
            c if super::is_forbidden_control(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A tiny indenting XML writer: elements, escaped attributes and text.
pub(crate) struct XmlWriter<'a> {
    out: &'a mut dyn Write,
    depth: usize,
}

impl<'a> XmlWriter<'a> {
    pub(crate) fn new(out: &'a mut dyn Write) -> XmlWriter<'a> {
        XmlWriter { out, depth: 0 }
    }

    pub(crate) fn declaration(&mut self) -> io::Result<()> {
        writeln!(self.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    }

    fn indent(&mut self) -> io::Result<()> {
        for _ in 0..self.depth {
            self.out.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open_tag(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.indent()?;
        write!(self.out, "<{name}")?;
        for (k, v) in attrs {
            write!(self.out, " {k}=\"{}\"", escape(v))?;
        }
        Ok(())
    }

    /// `<name attrs>` and indent what follows.
    pub(crate) fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.open_tag(name, attrs)?;
        writeln!(self.out, ">")?;
        self.depth += 1;
        Ok(())
    }

    /// `</name>`.
    pub(crate) fn end(&mut self, name: &str) -> io::Result<()> {
        self.depth -= 1;
        self.indent()?;
        writeln!(self.out, "</{name}>")
    }

    /// `<name attrs/>`.
    pub(crate) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.open_tag(name, attrs)?;
        writeln!(self.out, "/>")
    }

    /// `<name attrs>text</name>`.
    pub(crate) fn text(
        &mut self,
        name: &str,
        attrs: &[(&str, &str)],
        text: &str,
    ) -> io::Result<()> {
        self.open_tag(name, attrs)?;
        writeln!(self.out, ">{}</{name}>", escape(text))
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escape_table() {
        let cases = [
            ("a&b", "a&amp;b"),
            ("</key>", "&lt;/key&gt;"),
            ("say \"hi\" it's", "say &quot;hi&quot; it&apos;s"),
            ("a\tb\nc\rd", "a&#9;b&#10;c&#13;d"),
            ("nul\u{0}bell\u{7}", "nul\u{FFFD}bell\u{FFFD}"),
            ("\u{fffe}", "\u{FFFD}"),
            ("Erdoğan\u{2028}\u{85}", "Erdoğan&#8232;&#133;"),
            ("back\\slash\\", "back\\slash\\"),
        ];
        for (input, want) in cases {
            assert_eq!(escape(input), want, "input {input:?}");
        }
    }
}
