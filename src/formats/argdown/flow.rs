//! The part of YAML that Argdown's inline data elements use: flow mappings and sequences of
//! double-quoted, single-quoted and plain scalars (`{actor: "pompeo", about: [tiktok]}`).
//!
//! Every scalar is read as a string: argraph's data holds ids, dates and text, never numbers,
//! so `2020-08-03` stays the string it was written as.

use serde_json::{Map, Value};

/// A syntax error at a byte offset of the parsed text.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct FlowError {
    /// Byte offset in the parsed text.
    pub(super) at: usize,
    /// What is wrong.
    pub(super) message: String,
}

/// Parses one flow value starting at `text[start..]` (after leading whitespace); returns it and
/// the offset just past it.
pub(super) fn parse_value(text: &str, start: usize) -> Result<(Value, usize), FlowError> {
    let mut parser = Parser { text, pos: start };
    let value = parser.value(0)?;
    Ok((value, parser.pos))
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn error<T>(&self, at: usize, message: impl Into<String>) -> Result<T, FlowError> {
        Err(FlowError {
            at,
            message: message.into(),
        })
    }

    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, FlowError> {
        if depth > 32 {
            return self.error(self.pos, "data nested more than 32 levels deep");
        }
        self.skip_space();
        match self.peek() {
            Some('{') => self.mapping(depth),
            Some('[') => self.sequence(depth),
            Some('"') => self.double_quoted().map(Value::String),
            Some('\'') => self.single_quoted().map(Value::String),
            Some(_) => {
                let at = self.pos;
                let plain = self.plain(false);
                if plain.is_empty() {
                    return self.error(at, "expected a value");
                }
                Ok(Value::String(plain))
            }
            None => self.error(self.pos, "the data ends where a value was expected"),
        }
    }

    fn mapping(&mut self, depth: usize) -> Result<Value, FlowError> {
        let open = self.pos;
        self.bump();
        let mut map = Map::new();
        loop {
            self.skip_space();
            match self.peek() {
                Some('}') => {
                    self.bump();
                    return Ok(Value::Object(map));
                }
                None => return self.error(open, "this `{` is never closed"),
                _ => {}
            }
            let key_at = self.pos;
            let key = match self.peek() {
                Some('"') => self.double_quoted()?,
                Some('\'') => self.single_quoted()?,
                _ => self.plain(true),
            };
            if key.is_empty() {
                return self.error(key_at, "expected a key");
            }
            self.skip_space();
            if self.peek() != Some(':') {
                return self.error(self.pos, format!("expected `:` after the key `{key}`"));
            }
            self.bump();
            let value = self.value(depth + 1)?;
            map.insert(key, value);
            self.skip_space();
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some('}') => {}
                _ => return self.error(self.pos, "expected `,` or `}` in the data"),
            }
        }
    }

    fn sequence(&mut self, depth: usize) -> Result<Value, FlowError> {
        let open = self.pos;
        self.bump();
        let mut items = Vec::new();
        loop {
            self.skip_space();
            match self.peek() {
                Some(']') => {
                    self.bump();
                    return Ok(Value::Array(items));
                }
                None => return self.error(open, "this `[` is never closed"),
                _ => {}
            }
            items.push(self.value(depth + 1)?);
            self.skip_space();
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some(']') => {}
                _ => return self.error(self.pos, "expected `,` or `]` in the list"),
            }
        }
    }

    /// A plain scalar: up to a flow indicator (and, for a key, up to `:`), trimmed.
    fn plain(&mut self, key: bool) -> String {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if matches!(c, ',' | '}' | ']' | '{' | '[') || (key && c == ':') {
                break;
            }
            // `: ` ends a value too, but argraph's values never contain it unquoted.
            self.bump();
        }
        self.text[start..self.pos].trim().to_owned()
    }

    fn single_quoted(&mut self) -> Result<String, FlowError> {
        let open = self.pos;
        self.bump();
        let mut out = String::new();
        loop {
            match self.bump() {
                Some('\'') if self.peek() == Some('\'') => {
                    self.bump();
                    out.push('\'');
                }
                Some('\'') => return Ok(out),
                Some(c) => out.push(c),
                None => return self.error(open, "this quoted string is never closed"),
            }
        }
    }

    fn double_quoted(&mut self) -> Result<String, FlowError> {
        let open = self.pos;
        self.bump();
        let mut out = String::new();
        loop {
            let at = self.pos;
            match self.bump() {
                Some('"') => return Ok(out),
                Some('\\') => {
                    let escaped = match self.bump() {
                        Some('"') => '"',
                        Some('\\') => '\\',
                        Some('/') => '/',
                        Some(' ') => ' ',
                        Some('0') => '\0',
                        Some('a') => '\u{7}',
                        Some('b') => '\u{8}',
                        Some('t') => '\t',
                        Some('n') => '\n',
                        Some('v') => '\u{b}',
                        Some('f') => '\u{c}',
                        Some('r') => '\r',
                        Some('e') => '\u{1b}',
                        Some('N') => '\u{85}',
                        Some('_') => '\u{a0}',
                        Some('L') => '\u{2028}',
                        Some('P') => '\u{2029}',
                        Some('x') => self.hex(2, at)?,
                        Some('u') => self.unicode(at)?,
                        Some('U') => self.hex(8, at)?,
                        _ => return self.error(at, "unknown escape in a quoted string"),
                    };
                    out.push(escaped);
                }
                Some(c) => out.push(c),
                None => return self.error(open, "this quoted string is never closed"),
            }
        }
    }

    fn hex_value(&mut self, digits: usize, at: usize) -> Result<u32, FlowError> {
        let end = self.pos + digits;
        let code = self
            .text
            .get(self.pos..end)
            .and_then(|hex| u32::from_str_radix(hex, 16).ok());
        match code {
            Some(code) => {
                self.pos = end;
                Ok(code)
            }
            None => self.error(at, format!("expected {digits} hexadecimal digits")),
        }
    }

    fn hex(&mut self, digits: usize, at: usize) -> Result<char, FlowError> {
        let code = self.hex_value(digits, at)?;
        match char::from_u32(code) {
            Some(c) => Ok(c),
            None => self.error(at, "this escape is not a character"),
        }
    }

    /// `\uXXXX`, joining a UTF-16 surrogate pair as JSON writes characters beyond U+FFFF.
    fn unicode(&mut self, at: usize) -> Result<char, FlowError> {
        let high = self.hex_value(4, at)?;
        if (0xD800..0xDC00).contains(&high) && self.text[self.pos..].starts_with("\\u") {
            self.pos += 2;
            let low = self.hex_value(4, at)?;
            if (0xDC00..0xE000).contains(&low) {
                let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                if let Some(c) = char::from_u32(code) {
                    return Ok(c);
                }
            }
            return self.error(at, "this escape is not a character");
        }
        match char::from_u32(high) {
            Some(c) => Ok(c),
            None => self.error(at, "this escape is not a character"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(text: &str) -> Result<Value, FlowError> {
        parse_value(text, 0).map(|(value, _)| value)
    }

    #[test]
    fn reads_flow_mappings_and_sequences() {
        assert_eq!(
            parse(r#"{actor: "pompeo", about: [tiktok, 'we''chat'], date: 2020-08-03}"#),
            Ok(json!({"actor": "pompeo", "about": ["tiktok", "we'chat"], "date": "2020-08-03"}))
        );
        assert_eq!(
            parse(r#"{"q": "a \u007d \"b\" \ud83d\ude00"}"#),
            Ok(json!({"q": "a } \"b\" 😀"}))
        );
    }

    #[test]
    fn reports_where_it_fails() {
        let error = parse(r#"{a: "b", c "d"}"#).unwrap_err();
        assert_eq!(error.at, 14);
        assert!(parse("{a: [b, c}").is_err());
        assert!(parse(r#"{a: "open}"#).is_err());
    }
}
