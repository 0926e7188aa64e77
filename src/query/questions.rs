//! The debate's questions: each with the claims that answer it, for and against, and whether
//! each answer stands under a semantics.

use crate::model::{ClaimIx, Map, Stance};
use crate::semantics::bipolar::FlattenError;
use crate::semantics::bipolar::SupportMode;
use crate::semantics::map::{MapEvaluation, evaluate_map};
use crate::semantics::{Label, Semantics};

/// One claim answering a question, and how it fares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The claim.
    pub claim: ClaimIx,
    /// For (yes) or against (no).
    pub stance: Stance,
    /// Its status under the semantics: IN (accepted, in every extension), OUT or UNDEC.
    pub status: Label,
    /// Whether some extension accepts it (for a single-extension semantics, whether it is IN).
    pub credulous: bool,
}

/// One question and its answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionAnswers {
    /// The question's position in [`Map::questions`].
    pub question: usize,
    /// The answers: those for first, then those against, each in file order.
    pub answers: Vec<Answer>,
}

impl QuestionAnswers {
    /// How many answers of `stance` are IN.
    pub fn standing(&self, stance: Stance) -> usize {
        self.answers
            .iter()
            .filter(|answer| answer.stance == stance && answer.status == Label::In)
            .count()
    }

    /// How many answers of `stance` there are.
    pub fn count(&self, stance: Stance) -> usize {
        self.answers
            .iter()
            .filter(|answer| answer.stance == stance)
            .count()
    }
}

/// The result of [`questions`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Questions {
    /// The semantics the answers were evaluated under.
    pub semantics: Semantics,
    /// How supports counted.
    pub support: SupportMode,
    /// Whether the semantics has an extension on this map (false only for stable); without
    /// one every answer is UNDEC.
    pub has_extension: bool,
    /// Every question of the map, in file order.
    pub questions: Vec<QuestionAnswers>,
}

/// Each question of `map` with its answers and their status under `semantics` with `support`.
/// The map is evaluated once (not at all when it has no questions).
pub fn questions(
    map: &Map,
    semantics: Semantics,
    support: SupportMode,
) -> Result<Questions, FlattenError> {
    if map.questions.is_empty() {
        return Ok(Questions {
            semantics,
            support,
            has_extension: true,
            questions: Vec::new(),
        });
    }
    let evaluation = evaluate_map(map, semantics, support)?;
    Ok(Questions {
        semantics,
        support,
        has_extension: evaluation.has_extension,
        questions: (0..map.questions.len())
            .map(|question| answers_of(map, &evaluation, question))
            .collect(),
    })
}

fn answers_of(map: &Map, evaluation: &MapEvaluation, question: usize) -> QuestionAnswers {
    let answers = map.questions[question]
        .answers()
        .map(|(claim, stance)| Answer {
            claim,
            stance,
            status: evaluation.status(claim).unwrap_or(Label::Undec),
            credulous: evaluation
                .credulous
                .get(claim.index())
                .copied()
                .unwrap_or(false),
        })
        .collect();
    QuestionAnswers { question, answers }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> Map {
        let text = include_str!("../../tests/fixtures/questions/map.ron");
        crate::load::load_sources(vec![("map.ron".into(), text.to_owned())])
            .unwrap_or_else(|e| panic!("{e}"))
            .map
    }

    /// Each answer as `stance id STATUS`, with a `*` when some extension accepts it.
    fn lines(map: &Map, result: &Questions) -> Vec<Vec<String>> {
        result
            .questions
            .iter()
            .map(|q| {
                q.answers
                    .iter()
                    .map(|a| {
                        let mark = if a.credulous { "*" } else { "" };
                        format!("{} {} {}{mark}", a.stance, map.claim(a.claim).id, a.status)
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn answers_carry_their_status_under_each_semantics() {
        let map = fixture();
        let grounded = questions(&map, Semantics::Grounded, SupportMode::None).expect("evaluates");
        assert_eq!(
            lines(&map, &grounded),
            [
                vec![
                    "for ban-needed UNDEC",
                    "for apps-feed-data IN*",
                    "against no-evidence OUT"
                ],
                vec![
                    "for ban-hurts-users UNDEC",
                    "against users-can-switch UNDEC"
                ],
            ]
        );
        assert_eq!(grounded.questions[0].standing(Stance::For), 1);
        assert_eq!(grounded.questions[0].count(Stance::For), 2);
        assert_eq!(grounded.questions[0].standing(Stance::Against), 0);
        // Under preferred semantics each side of the mutual attack is in some extension.
        let preferred =
            questions(&map, Semantics::Preferred, SupportMode::None).expect("evaluates");
        assert_eq!(
            lines(&map, &preferred)[1],
            [
                "for ban-hurts-users UNDEC*",
                "against users-can-switch UNDEC*"
            ]
        );
    }

    #[test]
    fn a_map_without_questions_has_none() {
        let map = crate::generate::loaded_map(50, 5, 2, 50);
        let result = questions(&map, Semantics::Stable, SupportMode::None).expect("evaluates");
        assert!(result.questions.is_empty());
    }
}
