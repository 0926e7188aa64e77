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

/// `text` wrapped into lines of at most `columns` columns (at least 1), breaking at whitespace;
/// a word longer than a line is cut. Newlines in `text` start a new line. At most `max_lines`
/// lines are kept (at least 1); when text is cut off, the last line ends with `…`.
pub fn wrap(text: &str, columns: usize, max_lines: usize) -> Vec<String> {
    let columns = columns.max(1);
    let max_lines = max_lines.max(1);
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0;
        for word in paragraph.split_whitespace() {
            let word_width = text_width(word);
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
            // Start a new line with the word, cutting it when it is too long for one.
            for c in word.chars() {
                let w = width(c);
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
            while text_width(last) + 1 > columns && last.pop().is_some() {}
            let kept = last.trim_end().len();
            last.truncate(kept);
            last.push('…');
        }
    }
    lines
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
}
