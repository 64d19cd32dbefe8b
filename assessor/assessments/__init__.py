"""The service layer for stored assessments: what every face (blueprint or command) calls.

Services read and write the database and call the pure core; they never import a
blueprint, and no blueprint reaches into another one: they meet here.
"""

from assessor.assessments.aggregates import RespondentTally, respondent_tallies
from assessor.assessments.cycle import carried_actions, start_next_cycle
from assessor.assessments.lifecycle import FINAL_MESSAGE, entry_refusal, survey_closed_message
from assessor.assessments.progress import RespondentProgress, assessment_progress, respondent_progress
from assessor.assessments.respondents import (
    create_respondent,
    imported_respondents,
    paper_forms,
    remove_respondent,
    rename_respondent,
)
from assessor.assessments.room import Room, room_of
from assessor.assessments.segments import (
    default_segment_names,
    respondents_in_segment,
    segment_labels,
    segment_names,
    segment_of,
)
from assessor.assessments.stored import (
    DEFAULT_TARGET,
    QuestionnaireNotInstalledError,
    answer_counts,
    assessment_file,
    assessment_title,
    baseline_candidates,
    deployment_min_group_size,
    dimension_targets,
    min_group_size,
    previous_assessment,
    questionnaire_of,
    score_assessment,
    score_assessment_answers,
    score_history,
    score_previous,
    scoring_input,
)

__all__ = [
    "Room",
    "room_of",
    "DEFAULT_TARGET",
    "FINAL_MESSAGE",
    "survey_closed_message",
    "entry_refusal",
    "QuestionnaireNotInstalledError",
    "RespondentProgress",
    "assessment_file",
    "assessment_title",
    "carried_actions",
    "start_next_cycle",
    "baseline_candidates",
    "assessment_progress",
    "create_respondent",
    "paper_forms",
    "imported_respondents",
    "default_segment_names",
    "respondents_in_segment",
    "segment_labels",
    "segment_names",
    "segment_of",
    "remove_respondent",
    "rename_respondent",
    "deployment_min_group_size",
    "dimension_targets",
    "min_group_size",
    "previous_assessment",
    "questionnaire_of",
    "respondent_progress",
    "score_assessment",
    "score_history",
    "score_assessment_answers",
    "answer_counts",
    "RespondentTally",
    "respondent_tallies",
    "score_previous",
    "scoring_input",
]
