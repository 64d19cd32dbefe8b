"""The JSON assessment file: schema, semantic checks, scoring and serialisation."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from assessor.files import AssessmentFileError, load_schema, parse_assessment, score_file_document
from assessor.scoring import score

# The worked example of docs/methodology.md as an assessment file (§12).
EXAMPLE_FILE: dict[str, Any] = {
    "format_version": 1,
    "organisation": "Example Hotel",
    "assessed_on": "2025-03-01",
    "questionnaire": {"id": "example", "version": "1"},
    "respondents": [
        {
            "id": "r1",
            "segment": "leadership",
            "answers": {
                "E1-01": 4,
                "E1-02": 4,
                "E2-01": 2,
                "E2-02": {"na": True, "reason": "no CRM"},
            },
        },
        {
            "id": "r2",
            "segment": "front-line",
            "comment": "Night shift view",
            "answers": {
                "E1-01": 3,
                "E1-02": {"level": 1, "comment": "Complaints get lost"},
                "E2-01": 3,
                "E2-02": 3,
            },
        },
        {
            "id": "r3",
            "segment": "front-line",
            "answers": {"E1-01": 4, "E1-02": 4, "E2-01": 3, "E2-02": 4},
        },
    ],
    "consensus": {
        "E1-02": {
            "level": 2,
            "rationale": "Complaints are logged everywhere but followed up in 2 of 5",
        }
    },
    "targets": {"A": 75, "B": 80},
}


def _doc(**changes: Any) -> dict[str, Any]:
    document = copy.deepcopy(EXAMPLE_FILE)
    document.update(changes)
    return document


def _problems(framework, document) -> list[tuple[str, str]]:
    with pytest.raises(AssessmentFileError) as caught:
        parse_assessment(framework, document)
    return [(p.path, p.message) for p in caught.value.problems]


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(load_schema())


def test_file_parses_into_the_example_input(example) -> None:
    framework, _, expected = example
    parsed = parse_assessment(framework, EXAMPLE_FILE)
    assert parsed.consensus == expected.consensus
    assert parsed.targets == {"A": 75.0, "B": 80.0}
    assert [r.levels for r in parsed.respondents] == [r.levels for r in expected.respondents]
    assert parsed.respondents[0].not_applicable == {"E2-02": "no CRM"}
    assert parsed.respondents[1].item_comments == {"E1-02": "Complaints get lost"}
    assert parsed.respondents[1].comment == "Night shift view"
    assert (parsed.organisation, parsed.assessed_on) == ("Example Hotel", "2025-03-01")


def test_score_file_document_gives_the_documented_numbers(example) -> None:
    framework, questionnaire, assessment = example
    output = score_file_document(framework, EXAMPLE_FILE)
    assert output["overall"]["score"] == 72.5
    assert output["overall"]["coverage"] == 83.3333
    assert output["pyramid"]["achieved_level_id"] == "L1"
    assert output["pyramid"]["not_yet_counted"] == ["L3"]
    assert output["low_agreement"] == ["E1-02"]
    assert [p["code"] for p in output["priorities"]] == ["E1-02", "E2-01"]
    assert "comparison" not in output
    # The file path and the in-memory path agree.
    direct = score(framework, questionnaire, assessment)
    assert output["overall"]["score"] == round(direct.overall.score or 0, 4)


def test_output_is_json_with_a_stable_key_order(example) -> None:
    framework = example[0]
    first = json.dumps(score_file_document(framework, EXAMPLE_FILE), ensure_ascii=False)
    second = json.dumps(score_file_document(framework, EXAMPLE_FILE), ensure_ascii=False)
    assert first == second
    output = json.loads(first)
    assert list(output) == [
        "format",
        "questionnaire",
        "organisation",
        "assessed_on",
        "scale",
        "rules",
        "respondent_count",
        "enough_evidence",
        "overall",
        "pyramid",
        "rollups",
        "items",
        "low_agreement",
        "gaps",
        "priorities",
        "min_group_size",
        "segments",
    ]
    assert list(output["overall"]) == [
        "kind",
        "id",
        "name",
        "score",
        "band",
        "status",
        "coverage",
        "answered_weight",
        "total_weight",
        "respondents",
        "respondent_total",
        "agreement",
        "explanation",
    ]
    l4 = next(r for r in output["rollups"] if r["id"] == "L4")
    assert (l4["score"], l4["band"], l4["status"]) == (None, None, "no_evidence")


def test_comparison_with_a_previous_file(example) -> None:
    framework = example[0]
    previous = _doc(assessed_on="2024-03-01")
    for respondent in previous["respondents"]:
        respondent["answers"]["E1-01"] = 2
    output = score_file_document(framework, EXAMPLE_FILE, previous)
    comparison = output["comparison"]
    assert comparison["previous"]["assessed_on"] == "2024-03-01"
    e1_01 = next(d for d in comparison["items"] if d["code"] == "E1-01")
    assert (e1_01["previous"], e1_01["current"], e1_01["delta"]) == (50.0, 100.0, 50.0)
    # overall: previous (50 + 100 + 75 + 87.5) / 5 = 62.5 -> 72.5
    overall = next(d for d in comparison["rollups"] if d["kind"] == "overall")
    assert (overall["previous"], overall["delta"]) == (62.5, 10.0)


def test_comparison_refuses_another_organisation(example) -> None:
    framework = example[0]
    with pytest.raises(AssessmentFileError) as caught:
        score_file_document(framework, EXAMPLE_FILE, _doc(organisation="Other Inn"))
    assert caught.value.problems[0].path == "$.organisation"


def test_errors_in_the_previous_file_are_prefixed(example) -> None:
    framework = example[0]
    with pytest.raises(AssessmentFileError) as caught:
        score_file_document(framework, EXAMPLE_FILE, _doc(targets={"A": "high"}))
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("previous.targets.A", "'high' is not of type 'number'")
    ]


def test_schema_errors_name_the_field_and_the_problem(example) -> None:
    framework = example[0]
    document = _doc(targets={"A": 120}, colour="blue")
    del document["questionnaire"]
    document["respondents"][0]["answers"]["E1-01"] = "three"
    document["respondents"][0]["answers"]["E2-02"] = {"na": True}
    document["respondents"][1]["segment"] = 3
    assert _problems(framework, document) == [
        ("$", "'questionnaire' is a required property"),
        ("$", "Additional properties are not allowed ('colour' was unexpected)"),
        (
            "$.respondents[0].answers['E1-01']",
            "'three' is not of type 'integer', 'object'",
        ),
        ("$.respondents[0].answers['E2-02']", "'reason' is a required property"),
        ("$.respondents[1].segment", "3 is not of type 'string', 'null'"),
        ("$.targets.A", "120 is greater than the maximum of 100"),
    ]


def test_a_document_that_is_not_an_object(example) -> None:
    assert _problems(example[0], []) == [("$", "[] is not of type 'object'")]


def test_semantic_errors_name_the_field_and_the_problem(example) -> None:
    framework = example[0]
    document = _doc(targets={"A": 75, "Z": 50})
    document["respondents"][0]["answers"]["E9-99"] = 2
    document["respondents"][0]["answers"]["E1-01"] = {"na": True, "reason": "n/a"}
    document["respondents"][1]["answers"]["E2-01"] = 7
    document["respondents"][1]["answers"]["E1-02"] = {"level": -1}
    document["respondents"][2]["id"] = "r1"
    document["consensus"]["E2-01"] = {"level": 5, "rationale": "x"}
    document["consensus"]["X-1"] = {"level": 1, "rationale": "x"}
    assert _problems(framework, document) == [
        ("$.respondents[0].answers['E1-01']", "item E1-01 does not allow N/A"),
        (
            "$.respondents[0].answers['E9-99']",
            "unknown item code 'E9-99' (not in questionnaire example version 1)",
        ),
        (
            "$.respondents[1].answers['E1-02'].level",
            "level -1 is outside the scale 0-4",
        ),
        ("$.respondents[1].answers['E2-01']", "level 7 is outside the scale 0-4"),
        ("$.respondents[2].id", "respondent id 'r1' is used more than once"),
        ("$.consensus['E2-01'].level", "level 5 is outside the scale 0-4"),
        ("$.consensus['X-1']", "unknown item code 'X-1'"),
        ("$.targets.Z", "unknown dimension 'Z' (known: A, B)"),
    ]


def test_unknown_questionnaire_and_version(example) -> None:
    framework = example[0]
    assert _problems(framework, _doc(questionnaire={"id": "short", "version": "1"})) == [
        ("$.questionnaire.id", "unknown questionnaire 'short' (loaded: example)")
    ]
    assert _problems(framework, _doc(questionnaire={"id": "example", "version": "2"})) == [
        (
            "$.questionnaire.version",
            "questionnaire 'example' is loaded in version '1', not '2'",
        )
    ]


BAD_ANSWERS = [
    "three",
    3.5,
    True,
    None,
    {"na": True},
    {"na": False, "reason": "x"},
    {"na": True, "reason": ""},
    {"level": "3"},
    {"level": 2, "colour": "red"},
    {"comment": "only a comment"},
    {"na": True, "reason": "x", "level": 2},
    {"level": 2, "comment": 5},
]


@pytest.mark.parametrize("answer", BAD_ANSWERS, ids=repr)
def test_fast_schema_check_agrees_with_the_published_schema(answer: object) -> None:
    from assessor.files.read import _schema_problems

    document = _doc()
    document["respondents"][1]["answers"]["E1-02"] = answer
    full = Draft202012Validator(load_schema())
    expected = sorted((e.json_path, e.message) for e in full.iter_errors(document))
    found = sorted((p.path, p.message) for p in _schema_problems(document))
    assert expected  # the answer is really invalid
    assert found == expected


def test_problems_are_sorted_by_respondent_number(example) -> None:
    document = _doc()
    document["respondents"] = [{"id": f"r{n}", "answers": {"E1-01": "x"}} for n in range(12)]
    paths = [path for path, _ in _problems(example[0], document)]
    assert paths[:3] == [
        "$.respondents[0].answers['E1-01']",
        "$.respondents[1].answers['E1-01']",
        "$.respondents[2].answers['E1-01']",
    ]
    assert paths[-1] == "$.respondents[11].answers['E1-01']"
