//! The fast path: one pass over a map file written in plain RON, giving the typed records and
//! their spans at once.
//!
//! `ron` costs about 50 instructions per byte of a map file and forgets positions, so the loader
//! used to read every file twice (once with `ron`, once with [`super::syntax`] for the record
//! spans). This reader does both in one pass at a few instructions per byte, but only for the
//! plain subset of RON that map files are written in: structs in parentheses without a name,
//! lists, strings (with the common escapes), bare-word enum values, ASCII whitespace and `//` comments.
//!
//! It never decides that a file is wrong. On anything outside that subset (a `\\u{..}` escape, `Some(..)`,
//! a block comment, an unknown or repeated field, a missing one, a syntax error) it gives up and
//! returns `None`, and the loader reads the file with `ron` as before, which finds and locates the
//! mistakes. So a file it accepts is one `ron` accepts with the same values, and every diagnostic
//! comes from the same code as without it.
//!
//! It fills the records of [`crate::schema`], field by field; `schema`'s tests check that it
//! reads every field the records define.

use super::{FileRecords, Record, Text};
use crate::model::{ActorKind, FileId};
use crate::schema::{
    ActorRecord, ClaimRecord, ExpectationRecord, QuestionRecord, RelationRecord, SemanticsRecord,
    SourceRecord, StatusRecord, SupportRecord,
};
use std::borrow::Cow;
use std::ops::Range;

/// Reads a whole file, or gives up (`None`) when it is not in the plain subset.
pub(crate) fn parse(file: FileId, text: &str) -> Option<FileRecords<'_>> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        file,
        scratch: Vec::new(),
    };
    let mut records = FileRecords::default();
    reader.ws()?;
    let mut seen = 0u16;
    reader.record(|reader, name| {
        let bit = match name {
            "sources" => {
                reader.list(|reader| reader.source().map(|r| records.sources.push(r)))?;
                1
            }
            "actors" => {
                reader.list(|reader| reader.actor().map(|r| records.actors.push(r)))?;
                2
            }
            "claims" => {
                reader.list(|reader| reader.claim().map(|r| records.claims.push(r)))?;
                4
            }
            "relations" => {
                reader.list(|reader| reader.relation().map(|r| records.relations.push(r)))?;
                8
            }
            "expectations" => {
                reader.list(|reader| reader.expectation().map(|r| records.expectations.push(r)))?;
                16
            }
            "questions" => {
                reader.list(|reader| reader.question().map(|r| records.questions.push(r)))?;
                32
            }
            _ => return None,
        };
        once(&mut seen, bit)
    })?;
    // An empty `()` is left to `ron`, which decides what it means.
    if seen == 0 {
        return None;
    }
    reader.ws()?;
    if reader.pos != reader.bytes.len() {
        return None;
    }
    // The records wait in memory until every file is read: no spare capacity.
    records.sources.shrink_to_fit();
    records.actors.shrink_to_fit();
    records.claims.shrink_to_fit();
    records.relations.shrink_to_fit();
    records.questions.shrink_to_fit();
    records.expectations.shrink_to_fit();
    Some(records)
}

/// Marks a field as seen; `None` when it was seen already (`ron` reports the duplicate).
fn once(seen: &mut u16, bit: u16) -> Option<()> {
    if *seen & bit != 0 {
        return None;
    }
    *seen |= bit;
    Some(())
}

/// The bytes that continue an identifier: ASCII letters, digits and `_`.
const IDENT: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || b == b'_';
        byte += 1;
    }
    table
};

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    file: FileId,
    /// Reused for each list of strings, so that each list is allocated once, to its length.
    scratch: Vec<Cow<'a, str>>,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Skips ASCII whitespace and `//` comments; gives up on block comments.
    fn ws(&mut self) -> Option<()> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => {
                    self.pos += 1;
                    self.spaces();
                }
                Some(b'/') => {
                    if self.bytes.get(self.pos + 1) != Some(&b'/') {
                        return None;
                    }
                    match memchr::memchr(b'\n', &self.bytes[self.pos..]) {
                        Some(end) => self.pos += end + 1,
                        None => self.pos = self.bytes.len(),
                    }
                }
                _ => return Some(()),
            }
        }
    }

    /// Skips a run of spaces (indentation) eight bytes at a time: the spaces at the start of
    /// a word of eight bytes are its trailing zero bytes once xored with eight spaces.
    fn spaces(&mut self) {
        const SPACES: u64 = u64::from_le_bytes(*b"        ");
        while let Some(chunk) = self.bytes.get(self.pos..self.pos + 8) {
            let word = <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes) ^ SPACES;
            let run = (word.trailing_zeros() / 8) as usize;
            self.pos += run;
            if run < 8 {
                return;
            }
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek() == Some(byte)).then(|| self.pos += 1)
    }

    /// An ASCII identifier.
    fn ident(&mut self) -> Option<&'a str> {
        let start = self.pos;
        match self.peek() {
            Some(b) if b.is_ascii_alphabetic() || b == b'_' => self.pos += 1,
            _ => return None,
        }
        let rest = &self.bytes[self.pos..];
        self.pos += rest
            .iter()
            .position(|&b| !IDENT[usize::from(b)])
            .unwrap_or(rest.len());
        Some(&self.text[start..self.pos])
    }

    /// A string literal. Escapes are decoded as `ron` decodes them; the rarer ones (`\x`,
    /// `\u{..}`, a line continuation) make the reader give up.
    fn str(&mut self) -> Option<Cow<'a, str>> {
        self.expect(b'"')?;
        let rest = &self.text[self.pos..];
        let bytes = rest.as_bytes();
        // One pass finds the closing quote, or the first escape. (Both are ASCII, so every
        // offset found is a character boundary.)
        let first = memchr::memchr2(b'"', b'\\', bytes)?;
        if bytes[first] == b'"' {
            self.pos += first + 1;
            return Some(Cow::Borrowed(&rest[..first]));
        }
        let mut decoded = String::with_capacity(first + 16);
        let mut from = 0;
        loop {
            let next = from + memchr::memchr2(b'"', b'\\', &bytes[from..])?;
            decoded.push_str(&rest[from..next]);
            if bytes[next] == b'"' {
                self.pos += next + 1;
                return Some(Cow::Owned(decoded));
            }
            decoded.push(match bytes.get(next + 1)? {
                b'\'' => '\'',
                b'"' => '"',
                b'\\' => '\\',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'0' => '\0',
                _ => return None,
            });
            from = next + 2;
        }
    }

    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.str()
    }

    /// A list of strings.
    fn strings(&mut self) -> Option<Vec<Cow<'a, str>>> {
        let mut items = std::mem::take(&mut self.scratch);
        items.clear();
        self.list(|reader| reader.string().map(|s| items.push(s)))?;
        let mut list = Vec::with_capacity(items.len());
        list.append(&mut items);
        self.scratch = items;
        Some(list)
    }

    /// `[ item, item, ]`, calling `item` at each element (whitespace already skipped).
    fn list(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.expect(b'[')?;
        loop {
            self.ws()?;
            if self.peek() == Some(b']') {
                self.pos += 1;
                return Some(());
            }
            item(self)?;
            self.ws()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// `( name: value, ... )`, calling `field` with each name once the reader is at its value.
    /// Returns the span of the record, parentheses included.
    fn record(
        &mut self,
        mut field: impl FnMut(&mut Self, &'a str) -> Option<()>,
    ) -> Option<Range<usize>> {
        let start = self.pos;
        self.expect(b'(')?;
        loop {
            self.ws()?;
            if self.peek() == Some(b')') {
                self.pos += 1;
                return Some(start..self.pos);
            }
            let name = self.ident()?;
            self.ws()?;
            self.expect(b':')?;
            self.ws()?;
            field(self, name)?;
            self.ws()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b')') => {
                    self.pos += 1;
                    return Some(start..self.pos);
                }
                _ => return None,
            }
        }
    }

    /// A bare word followed by the end of the value.
    fn word(&mut self) -> Option<&'a str> {
        let word = self.ident()?;
        // `ron` reads identifiers past ASCII; anything glued to the word is left to it.
        match self.peek() {
            Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b')' | b'/') | None => Some(word),
            _ => None,
        }
    }

    fn wrap<T>(&self, doc: T, span: Range<usize>) -> Record<T> {
        Record {
            doc,
            file: self.file,
            span,
        }
    }

    fn source(&mut self) -> Option<Record<SourceRecord<Text<'a>>>> {
        let (mut id, mut title, mut publisher, mut authors, mut url, mut date, mut archive) =
            (None, None, None, Vec::new(), None, None, None);
        let mut seen = 0u16;
        let span = self.record(|reader, name| {
            let bit = match name {
                "id" => {
                    id = Some(reader.string()?);
                    1
                }
                "title" => {
                    title = Some(reader.string()?);
                    2
                }
                "publisher" => {
                    publisher = Some(reader.string()?);
                    4
                }
                "authors" => {
                    authors = reader.strings()?;
                    8
                }
                "url" => {
                    url = Some(reader.string()?);
                    16
                }
                "date" => {
                    date = Some(reader.string()?);
                    32
                }
                "archive" => {
                    archive = Some(reader.string()?);
                    64
                }
                _ => return None,
            };
            once(&mut seen, bit)
        })?;
        let doc = SourceRecord {
            id: id?,
            title: title?,
            publisher,
            authors,
            url,
            date,
            archive,
        };
        Some(self.wrap(doc, span))
    }

    fn actor(&mut self) -> Option<Record<ActorRecord<Text<'a>>>> {
        let (mut id, mut name_, mut kind, mut member_of, mut role, mut note) =
            (None, None, None, None, None, None);
        let mut seen = 0u16;
        let span = self.record(|reader, name| {
            let bit = match name {
                "id" => {
                    id = Some(reader.string()?);
                    1
                }
                "name" => {
                    name_ = Some(reader.string()?);
                    2
                }
                "kind" => {
                    kind = Some(reader.actor_kind()?);
                    4
                }
                "member_of" => {
                    member_of = Some(reader.string()?);
                    8
                }
                "role" => {
                    role = Some(reader.string()?);
                    16
                }
                "note" => {
                    note = Some(reader.string()?);
                    32
                }
                _ => return None,
            };
            once(&mut seen, bit)
        })?;
        let doc = ActorRecord {
            id: id?,
            name: name_?,
            kind: kind?,
            member_of,
            role,
            note,
        };
        Some(self.wrap(doc, span))
    }

    fn actor_kind(&mut self) -> Option<ActorKind> {
        ActorKind::parse(self.word()?)
    }

    fn claim(&mut self) -> Option<Record<ClaimRecord<Text<'a>>>> {
        let (mut id, mut actor, mut text, mut quote, mut source, mut date, mut note) =
            (None, None, None, None, None, None, None);
        let (mut tags, mut about, mut supports, mut rebuts, mut undercuts) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut seen = 0u16;
        let span = self.record(|reader, name| {
            let bit = match name {
                "id" => {
                    id = Some(reader.string()?);
                    1
                }
                "actor" => {
                    actor = Some(reader.string()?);
                    2
                }
                "text" => {
                    text = Some(reader.string()?);
                    4
                }
                "quote" => {
                    quote = Some(reader.string()?);
                    8
                }
                "source" => {
                    source = Some(reader.string()?);
                    16
                }
                "date" => {
                    date = Some(reader.string()?);
                    32
                }
                "tags" => {
                    tags = reader.strings()?;
                    64
                }
                "about" => {
                    about = reader.strings()?;
                    128
                }
                "supports" => {
                    supports = reader.strings()?;
                    256
                }
                "rebuts" => {
                    rebuts = reader.strings()?;
                    512
                }
                "undercuts" => {
                    undercuts = reader.strings()?;
                    1024
                }
                "note" => {
                    note = Some(reader.string()?);
                    2048
                }
                _ => return None,
            };
            once(&mut seen, bit)
        })?;
        let doc = ClaimRecord {
            id: id?,
            actor: actor?,
            text: text?,
            quote,
            source: source?,
            date,
            tags,
            about,
            supports,
            rebuts,
            undercuts,
            note,
        };
        Some(self.wrap(doc, span))
    }

    fn relation(&mut self) -> Option<Record<RelationRecord<Text<'a>>>> {
        let (mut id, mut from, mut supports, mut rebuts, mut undercuts, mut note) =
            (None, None, None, None, None, None);
        let mut seen = 0u16;
        let span = self.record(|reader, name| {
            let bit = match name {
                "id" => {
                    id = Some(reader.string()?);
                    1
                }
                "from" => {
                    from = Some(reader.string()?);
                    2
                }
                "supports" => {
                    supports = Some(reader.string()?);
                    4
                }
                "rebuts" => {
                    rebuts = Some(reader.string()?);
                    8
                }
                "undercuts" => {
                    undercuts = Some(reader.string()?);
                    16
                }
                "note" => {
                    note = Some(reader.string()?);
                    32
                }
                _ => return None,
            };
            once(&mut seen, bit)
        })?;
        let doc = RelationRecord {
            id,
            from: from?,
            supports,
            rebuts,
            undercuts,
            note,
        };
        Some(self.wrap(doc, span))
    }

    fn expectation(&mut self) -> Option<Record<ExpectationRecord<Text<'a>>>> {
        let (mut claim, mut semantics, mut status, mut support, mut note) =
            (None, None, None, None, None);
        let mut seen = 0u16;
        let span = self.record(|reader, name| {
            let bit = match name {
                "claim" => {
                    claim = Some(reader.string()?);
                    1
                }
                "semantics" => {
                    semantics = Some(SemanticsRecord::parse(reader.word()?)?);
                    2
                }
                "status" => {
                    status = Some(StatusRecord::parse(reader.word()?)?);
                    4
                }
                "support" => {
                    support = Some(SupportRecord::parse(reader.word()?)?);
                    8
                }
                "note" => {
                    note = Some(reader.string()?);
                    16
                }
                _ => return None,
            };
            once(&mut seen, bit)
        })?;
        let doc = ExpectationRecord {
            claim: claim?,
            semantics: semantics?,
            status: status?,
            support: support.unwrap_or_default(),
            note,
        };
        Some(self.wrap(doc, span))
    }

    fn question(&mut self) -> Option<Record<QuestionRecord<Text<'a>>>> {
        let (mut id, mut text, mut note) = (None, None, None);
        let (mut for_claims, mut against_claims) = (Vec::new(), Vec::new());
        let mut seen = 0u16;
        let span = self.record(|reader, name| {
            let bit = match name {
                "id" => {
                    id = Some(reader.string()?);
                    1
                }
                "text" => {
                    text = Some(reader.string()?);
                    2
                }
                "for" => {
                    for_claims = reader.strings()?;
                    4
                }
                "against" => {
                    against_claims = reader.strings()?;
                    8
                }
                "note" => {
                    note = Some(reader.string()?);
                    16
                }
                _ => return None,
            };
            once(&mut seen, bit)
        })?;
        let doc = QuestionRecord {
            id: id?,
            text: text?,
            for_claims,
            against_claims,
            note,
        };
        Some(self.wrap(doc, span))
    }
}

#[cfg(test)]
mod tests {
    use super::parse;
    use crate::load::{Text, records_from_doc, ron_options, syntax};
    use crate::model::FileId;
    use crate::schema::MapDocument;

    /// What the slow path makes of `text`: `ron`'s records with the span reader's spans.
    fn slow(text: &str) -> Option<String> {
        let doc: MapDocument<Text<'_>> = ron_options().from_str(text).ok()?;
        let outline = syntax::parse_outline(text).ok()?;
        Some(format!("{:?}", records_from_doc(FileId(0), doc, &outline)))
    }

    /// Whenever the fast path accepts a text, `ron` accepts it too, with the same records and
    /// the same spans.
    fn agrees(text: &str) -> bool {
        match parse(FileId(0), text) {
            None => true,
            Some(fast) => slow(text).as_deref() == Some(format!("{fast:?}").as_str()),
        }
    }

    const FILES: [&str; 12] = [
        include_str!("../../tests/fixtures/valid/mini.ron"),
        include_str!("../../tests/fixtures/questions/map.ron"),
        include_str!("../../graphs/tiktok-wechat/actors.ron"),
        include_str!("../../graphs/tiktok-wechat/claims-blog.ron"),
        include_str!("../../graphs/tiktok-wechat/claims-carnegie.ron"),
        include_str!("../../graphs/tiktok-wechat/claims-chinafile.ron"),
        include_str!("../../graphs/tiktok-wechat/claims-hrw.ron"),
        include_str!("../../graphs/tiktok-wechat/claims-independent.ron"),
        include_str!("../../graphs/tiktok-wechat/exercises.ron"),
        include_str!("../../graphs/tiktok-wechat/questions.ron"),
        include_str!("../../graphs/tiktok-wechat/relations.ron"),
        include_str!("../../graphs/tiktok-wechat/sources.ron"),
    ];

    #[test]
    fn reads_the_bundled_map_and_fixtures_like_ron() {
        for (i, text) in FILES.into_iter().enumerate() {
            let fast = parse(FileId(0), text).unwrap_or_else(|| panic!("file {i} is plain RON"));
            assert_eq!(slow(text), Some(format!("{fast:?}")));
        }
        let options = crate::generate::GenerateOptions::default();
        for file in crate::generate::generate(&options) {
            let fast = parse(FileId(0), &file.text).expect("plain RON");
            assert_eq!(slow(&file.text), Some(format!("{fast:?}")), "{}", file.name);
        }
    }

    /// Every one-byte deletion and every insertion of a significant character into a valid file
    /// either makes the fast path give up or means the same to `ron`.
    /// A file with escapes in its strings, a trailing comment and trailing commas.
    const ESCAPES: &str = "(actors: [(id: \"a\", name: \"A \\\"b\\\" \\\\ c\\td\\n\", kind: ngo,),\n\
        (id: \"b\", name: \"it\\'s\", kind: research_lab, member_of: \"a\")], // end\n\
        questions: [(id: \"q\", text: \"Why?\", for: [\"a\"], against: [], note: \"n\")],\n\
        expectations: [(claim: \"a\", semantics: grounded, status: undec, note: \"x\")]) // done";

    #[test]
    fn never_accepts_what_ron_reads_differently() {
        let inserts = [
            ",", "\"", "\\", "(", ")", "[", "]", ":", "/", "/*", "*/", "x", " ", "#", "r", "\u{b}",
            "é", "Some(", "None", "\\\"", "\\n", "\\x41", "\\u{41}",
        ];
        for text in [FILES[0], ESCAPES] {
            assert!(parse(FileId(0), text).is_some());
            let mut accepted = 0;
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                for insert in inserts {
                    let mutated = format!("{}{insert}{}", &text[..at], &text[at..]);
                    assert!(agrees(&mutated), "inserting {insert:?} at {at}");
                    accepted += usize::from(parse(FileId(0), &mutated).is_some());
                }
                if let Some(c) = text[at..].chars().next() {
                    let mutated = format!("{}{}", &text[..at], &text[at + c.len_utf8()..]);
                    assert!(agrees(&mutated), "deleting at {at}");
                }
            }
            // Insertions into strings and whitespace keep the file valid: the test is not vacuous.
            assert!(accepted > text.len(), "{accepted}");
        }
    }

    #[test]
    fn gives_up_outside_the_plain_subset() {
        for text in [
            "()",
            "#![enable(implicit_some)]\n(claims: [])",
            "(claims: []) /* end */",
            "(actors: [(id: \"a\", name: \"A\", kind: government, note: Some(\"x\"))])",
            "(actors: [(id: \"a\", name: \"A \\u{41}\", kind: government)])",
            "(claims: [], claims: [])",
            "Map(claims: [])",
        ] {
            assert!(parse(FileId(0), text).is_none(), "{text}");
        }
        assert!(parse(FileId(0), "// map\n(claims: [],)\n// end").is_some());
    }
}
