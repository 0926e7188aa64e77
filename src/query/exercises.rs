//! The map's exercises (its expectations), as a teacher sets them: each claim with the semantics
//! and support mode to work under, what the exercise teaches, and the answer the map gives.

use crate::model::{ClaimIx, Map};
use crate::semantics::bipolar::{FlattenError, SupportMode};
use crate::semantics::map::{expectation_setting, expectation_statuses, expected_label};
use crate::semantics::{Label, Semantics};

/// One exercise of the map, with its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exercise {
    /// The position of the expectation in [`Map::expectations`] (its note is there).
    pub index: usize,
    /// The claim whose status is asked for.
    pub claim: ClaimIx,
    /// Under which semantics.
    pub semantics: Semantics,
    /// With which support mode.
    pub support: SupportMode,
    /// The status the map's author expects.
    pub expected: Label,
    /// The status the semantics gives.
    pub actual: Label,
}

impl Exercise {
    /// Whether the map meets the exercise: the semantics gives the expected status.
    pub fn passes(&self) -> bool {
        self.expected == self.actual
    }
}

/// Every exercise of `map`, in map order, with the status the semantics gives its claim (each
/// semantics and support mode evaluated once).
pub fn exercises(map: &Map) -> Result<Vec<Exercise>, FlattenError> {
    let statuses = expectation_statuses(map)?;
    Ok(map
        .expectations
        .iter()
        .zip(statuses)
        .enumerate()
        .map(|(index, (expectation, actual))| {
            let (semantics, support) = expectation_setting(expectation);
            Exercise {
                index,
                claim: expectation.claim,
                semantics,
                support,
                expected: expected_label(expectation.status),
                actual,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Map {
        crate::load::load_sources(vec![("map.ron".into(), text.to_owned())])
            .unwrap_or_else(|e| panic!("{e}"))
            .map
    }

    #[test]
    fn each_exercise_has_its_setting_and_answer() {
        let map = load(include_str!("../../tests/fixtures/questions/map.ron"));
        let rows: Vec<String> = exercises(&map)
            .expect("evaluates")
            .iter()
            .map(|e| {
                format!(
                    "{} {} {} {} {} {}",
                    map.claim(e.claim).id,
                    e.semantics,
                    e.support,
                    e.expected,
                    e.actual,
                    e.passes()
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                "data-law grounded none IN IN true",
                "apps-feed-data grounded none IN IN true",
                "ban-hurts-users preferred none UNDEC UNDEC true",
                "ban-needed grounded none UNDEC UNDEC true",
            ]
        );
        let wrong = load(include_str!("../../tests/fixtures/exercises/wrong.ron"));
        let passes: Vec<bool> = exercises(&wrong)
            .expect("evaluates")
            .iter()
            .map(Exercise::passes)
            .collect();
        assert_eq!(passes, [true, false]);
    }
}
