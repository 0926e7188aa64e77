//! Word wrapping for labels.

/// The display width of `c` in columns: 2 for East Asian wide characters, else 1.
///
/// An approximation of Unicode's East Asian Width (the wide and fullwidth blocks), enough to keep
/// Chinese and Japanese labels about as wide as English ones.
fn width(c: char) -> usize {
    if (c as u32) < 0x1100 {
        return 1;
    }
    let wide = matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD);
    if wide { 2 } else { 1 }
}

/// The display width of `text` in columns.
pub(crate) fn text_width(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    text.chars().map(width).sum()
}

/// Whether `bytes` is plain text: printable ASCII (a space to `~`) without two spaces in a row,
/// tested 8 bytes at a time.
fn plain_ascii(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = ONES * 0x80;
    const LOWS: u64 = ONES * 0x7F;
    let mut words = bytes.chunks_exact(8);
    let mut bad = 0;
    // Whether the byte before the current word is a space.
    let mut space_before = 0;
    for word in &mut words {
        let Ok(word) = <[u8; 8]>::try_from(word) else {
            return false;
        };
        let word = u64::from_le_bytes(word);
        // Bytes of 0x80 and above; below 0x20; equal to 0x7F (DEL).
        let del = word ^ LOWS;
        bad |= (word & HIGHS)
            | (word.wrapping_sub(ONES * 0x20) & !word & HIGHS)
            | (del.wrapping_sub(ONES) & !del & HIGHS);
        // 0x80 in exactly the bytes that are spaces (no borrow between bytes: exact per byte),
        // then a space right after a space, in the word or across its start.
        let x = word ^ (ONES * 0x20);
        let spaces = !(((x & LOWS) + LOWS) | x | LOWS);
        bad |= spaces & ((spaces << 8) | space_before);
        space_before = spaces >> 56;
    }
    let rest = words.remainder();
    let after_space = space_before != 0;
    bad == 0
        && rest.iter().all(|&b| (b' '..=b'~').contains(&b))
        && !(after_space && rest.first() == Some(&b' '))
        && !rest.windows(2).any(|pair| pair == b"  ")
}

/// The words of `text`: what `str::split_whitespace` gives, found byte by byte (a character is
/// decoded only when it is not ASCII).
fn words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    // Whether a space ends at `at`, and the length of the character there.
    let space_at = move |at: usize| -> (bool, usize) {
        let byte = bytes[at];
        if byte < 0x80 {
            (byte == b' ' || (b'\t'..=b'\r').contains(&byte), 1)
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        }
    };
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            if at >= bytes.len() {
                return None;
            }
            let (space, len) = space_at(at);
            if !space {
                break;
            }
            at += len;
        }
        let start = at;
        while at < bytes.len() {
            let (space, len) = space_at(at);
            if space {
                break;
            }
            at += len;
        }
        Some(&text[start..at])
    })
}

/// `text` wrapped into lines of at most `columns` columns (at least 1), breaking at whitespace;
/// a word longer than a line is cut. Newlines in `text` start a new line. At most `max_lines`
/// lines are kept (at least 1); when text is cut off, the last line ends with `…`.
pub fn wrap(text: &str, columns: usize, max_lines: usize) -> Vec<String> {
    let mut joined = String::with_capacity(text.len() + 4);
    wrap_into(text, columns, max_lines, &mut joined);
    joined.split('\n').map(str::to_owned).collect()
}

/// [`wrap`], appending the lines to `out` joined by newlines (no allocation of its own).
pub fn wrap_into(text: &str, columns: usize, max_lines: usize, out: &mut String) {
    let columns = columns.max(1);
    let max_lines = max_lines.max(1);
    // Lines started so far, and where the last one starts in `out`.
    let mut lines = 0;
    let mut last_start = out.len();
    // Starts a line; false when it would be line `max_lines + 1`: the text is cut.
    let start_line = |out: &mut String, lines: &mut usize, last_start: &mut usize| {
        if *lines == max_lines {
            return false;
        }
        if *lines > 0 {
            out.push('\n');
        }
        *lines += 1;
        *last_start = out.len();
        true
    };
    let bytes = text.as_bytes();
    // Plain text (printable ASCII, words separated by single spaces, as most claims are) is
    // cut at the last space of each line's window, without looking at every character.
    let plain = plain_ascii(bytes) && !bytes.starts_with(b" ") && !bytes.ends_with(b" ");
    let mut cut = false;
    if plain {
        let mut start = 0;
        while start < bytes.len() {
            if !start_line(out, &mut lines, &mut last_start) {
                cut = true;
                break;
            }
            if bytes.len() - start <= columns {
                out.push_str(&text[start..]);
                break;
            }
            match memchr::memrchr(b' ', &bytes[start..=start + columns]) {
                Some(space) if space > 0 => {
                    out.push_str(&text[start..start + space]);
                    start += space + 1;
                }
                // A word longer than a line: cut it.
                _ => {
                    out.push_str(&text[start..start + columns]);
                    start += columns;
                }
            }
        }
    } else {
        'paragraphs: for paragraph in text.split('\n') {
            // Width of the line being written; 0: no line of this paragraph started yet, or the
            // last one is full.
            let mut line_width = 0;
            for word in words(paragraph) {
                let word_width = text_width(word);
                if line_width > 0 && line_width + 1 + word_width <= columns {
                    out.push(' ');
                    out.push_str(word);
                    line_width += 1 + word_width;
                    continue;
                }
                // Start a new line with the word, cutting it when it is too long for one.
                line_width = 0;
                if word_width <= columns {
                    if !start_line(out, &mut lines, &mut last_start) {
                        cut = true;
                        break 'paragraphs;
                    }
                    out.push_str(word);
                    line_width = word_width;
                    continue;
                }
                for c in word.chars() {
                    let w = width(c);
                    if line_width + w > columns && line_width > 0 {
                        line_width = 0;
                    }
                    if line_width == 0 && !start_line(out, &mut lines, &mut last_start) {
                        cut = true;
                        break 'paragraphs;
                    }
                    out.push(c);
                    line_width += w;
                }
            }
            if line_width == 0 && lines == 0 {
                // An empty first line: the text starts with an empty paragraph.
                start_line(out, &mut lines, &mut last_start);
            }
        }
    }
    if cut {
        let last = &out[last_start..];
        let mut keep = last.len();
        let mut kept_width = text_width(last);
        let mut chars = last.chars().rev();
        while kept_width + 1 > columns {
            let Some(c) = chars.next() else { break };
            keep -= c.len_utf8();
            kept_width -= width(c);
        }
        let kept = last[..keep].trim_end().len();
        out.truncate(last_start + kept);
        out.push('…');
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_word_boundaries() {
        let lines = wrap(
            "Chinese apps such as TikTok and WeChat feed user data to the Chinese Communist Party.",
            30,
            10,
        );
        assert_eq!(
            lines,
            [
                "Chinese apps such as TikTok",
                "and WeChat feed user data to",
                "the Chinese Communist Party."
            ]
        );
        assert!(lines.iter().all(|line| line.chars().count() <= 30));
    }

    #[test]
    fn cuts_long_words_and_limits_lines() {
        assert_eq!(wrap("abcdefgh", 3, 10), ["abc", "def", "gh"]);
        assert_eq!(wrap("a b c d e f", 3, 2), ["a b", "c…"]);
        assert_eq!(wrap("", 30, 3), [""]);
        assert_eq!(wrap("中国政府要求", 6, 5), ["中国政", "府要求"]);
    }

    /// The joined form agrees with the lines, and both with the rules, on arbitrary text
    /// (compared with the line-by-line implementation this replaced).
    fn reference(text: &str, columns: usize, max_lines: usize) -> Vec<String> {
        let columns = columns.max(1);
        let max_lines = max_lines.max(1);
        let mut lines: Vec<String> = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            let mut line_width = 0;
            for word in paragraph.split_whitespace() {
                let word_width = super::text_width(word);
                if line_width > 0 && line_width + 1 + word_width <= columns {
                    line.push(' ');
                    line.push_str(word);
                    line_width += 1 + word_width;
                    continue;
                }
                if line_width > 0 {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0;
                }
                for c in word.chars() {
                    let w = super::width(c);
                    if line_width + w > columns && line_width > 0 {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0;
                    }
                    line.push(c);
                    line_width += w;
                }
            }
            if line_width > 0 || lines.is_empty() {
                lines.push(line);
            }
            if lines.len() > max_lines {
                break;
            }
        }
        if lines.len() > max_lines {
            lines.truncate(max_lines);
            if let Some(last) = lines.last_mut() {
                while super::text_width(last) + 1 > columns && last.pop().is_some() {}
                let kept = last.trim_end().len();
                last.truncate(kept);
                last.push('…');
            }
        }
        lines
    }

    proptest::proptest! {
        #[test]
        fn wrap_matches_the_line_by_line_rules(
            text in "([a-z]{1,12}|[ \n\t\x0B\x0C\r\x1C\u{85}\u{A0}\u{3000}\u{2028}]|中|\\PC)*",
            columns in 0usize..20,
            max_lines in 0usize..6,
        ) {
            proptest::prop_assert_eq!(wrap(&text, columns, max_lines), reference(&text, columns, max_lines));
        }

        /// The word-at-a-time test agrees with the byte-by-byte one, on any bytes and on
        /// printable ones with spaces (alone, in pairs, across the 8-byte words).
        #[test]
        fn plain_ascii_is_exact(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
            spaced in proptest::collection::vec(proptest::sample::select(vec![b' ', b'a', b'b', b'~', b'x']), 0..40),
        ) {
            let naive = |bytes: &[u8]| {
                bytes.iter().all(|&b| (b' '..=b'~').contains(&b))
                    && !bytes.windows(2).any(|pair| pair == b"  ")
            };
            proptest::prop_assert_eq!(super::plain_ascii(&bytes), naive(&bytes));
            proptest::prop_assert_eq!(super::plain_ascii(&spaced), naive(&spaced));
            let printable: Vec<u8> = bytes.iter().map(|&b| b' ' + b % 95).collect();
            proptest::prop_assert_eq!(super::plain_ascii(&printable), naive(&printable));
        }

        /// Plain text (the fast path): words of any length, single spaces, cut lines.
        #[test]
        fn plain_text_wraps_as_the_rules_say(
            text in "([a-z.,;A-Z]{1,45}( [a-z.,;A-Z]{1,45}){0,25})?",
            columns in 0usize..40,
            max_lines in 0usize..10,
        ) {
            proptest::prop_assert_eq!(wrap(&text, columns, max_lines), reference(&text, columns, max_lines));
        }
    }
}
