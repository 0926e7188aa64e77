//! "Did you mean …?": the closest known name to a misspelled one.

/// The candidate closest to `typed`, when one is close enough to be a plausible typo.
///
/// Closeness is the Damerau–Levenshtein distance (a swapped pair of letters counts once); a
/// candidate qualifies when the distance is at most a third of the longer name (and at least 1),
/// or when one name contains the other. Ties go to the earlier candidate, so hints are stable.
pub fn closest<'a, I>(typed: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let typed_lower = typed.to_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate == typed {
            continue;
        }
        let longer = typed.chars().count().max(candidate.chars().count());
        // Cheap bound first: the length difference is a lower bound on the distance.
        let length_gap = typed.len().abs_diff(candidate.len());
        let budget = (longer / 3).max(1);
        let contains = candidate.len() >= 3
            && typed_lower.len() >= 3
            && (candidate.contains(typed_lower.as_str()) || typed_lower.contains(candidate));
        if length_gap > budget && !contains {
            continue;
        }
        let distance = strsim::damerau_levenshtein(&typed_lower, candidate);
        let qualifies = distance <= budget || contains;
        if qualifies && best.is_none_or(|(best_distance, _)| distance < best_distance) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_typos() {
        let ids = ["bytedance", "tencent", "us-gov"];
        assert_eq!(closest("bytdance", ids), Some("bytedance"));
        assert_eq!(closest("tecnent", ids), Some("tencent"));
        assert_eq!(closest("US-gov", ids), Some("us-gov"));
        assert_eq!(closest("zzz", ids), None);
    }
}
