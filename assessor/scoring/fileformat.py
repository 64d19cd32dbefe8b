"""The JSON assessment file: validation into :class:`AssessmentInput`, and scoring.

The caller does the I/O (reading and ``json.loads``); everything here works on
the parsed document, so a CLI command or a web upload only wraps these functions.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from assessor.domain import Framework, Item, Questionnaire
from assessor.scoring.compare import compare
from assessor.scoring.engine import score
from assessor.scoring.model import AssessmentInput, Consensus, RespondentAnswers
from assessor.scoring.serialise import comparison_to_dict, result_to_dict

SCHEMA_FILE = "assessment.schema.json"
"""The JSON Schema of the assessment file, shipped inside this package."""

_PLAIN_KEY = re.compile(r"^[a-zA-Z][a-zA-Z0-9_]*$")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an assessment file: where (a JSON path) and what."""

    path: str
    message: str


class AssessmentFileError(ValueError):
    """The assessment file is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        """Keep the problems and build a message listing them, one per line."""
        self.problems: tuple[Problem, ...] = tuple(problems)
        lines = (f"{p.path}: {p.message}" for p in self.problems)
        super().__init__("invalid assessment file:\n  " + "\n  ".join(lines))


def json_path(*parts: str | int) -> str:
    """Return a JSON path such as ``$.respondents[0].answers['E1-01']``.

    Same notation as :attr:`jsonschema.ValidationError.json_path`.
    """
    path = "$"
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        elif _PLAIN_KEY.match(part):
            path += "." + part
        else:
            path += "['" + part.replace("\\", "\\\\").replace("'", "\\'") + "']"
    return path


@cache
def load_schema() -> Mapping[str, Any]:
    """Return the assessment JSON Schema (read once from the package)."""
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validators() -> tuple[Draft202012Validator, Draft202012Validator]:
    """Return (document validator with answers checked for type only, answer validator).

    jsonschema spends ~20 µs on each answer's conditional sub-schema, which is
    1.5 s for 1,000 respondents x 72 items.  Plain integer answers (nearly all)
    need only the type check; the rare object answers are then checked against
    the full ``answer`` definition.  Together they accept and reject exactly what
    the published schema does, with the same paths and messages.
    """
    schema = load_schema()
    shallow = copy.deepcopy(dict(schema))
    # Inline, not through "$ref": resolving a reference per answer costs as much again.
    answers = shallow["$defs"]["respondent"]["properties"]["answers"]
    answers["additionalProperties"] = {"type": ["integer", "object"]}
    answer = {"$defs": schema["$defs"], "$ref": "#/$defs/answer"}
    return Draft202012Validator(shallow), Draft202012Validator(answer)


def _path_key(path: Iterable[str | int]) -> list[tuple[int, str | int]]:
    # Sort indices numerically (respondent 10 after respondent 9) and keys by name.
    return [(0, part) if isinstance(part, int) else (1, part) for part in path]


def _object_answers(document: object) -> Iterator[tuple[tuple[str | int, ...], object]]:
    """Yield (path, answer) for every object-valued answer the document holds."""
    respondents = document.get("respondents") if isinstance(document, Mapping) else None
    if not isinstance(respondents, list):
        return
    for index, respondent in enumerate(respondents):
        answers = respondent.get("answers") if isinstance(respondent, Mapping) else None
        if isinstance(answers, Mapping):
            for code, answer in answers.items():
                if isinstance(answer, Mapping):
                    yield ("respondents", index, "answers", code), answer


def _schema_problems(document: object) -> list[Problem]:
    shallow, answer = _validators()
    found = [(tuple(e.absolute_path), e.message) for e in shallow.iter_errors(document)]
    for prefix, value in _object_answers(document):
        found.extend((prefix + tuple(e.absolute_path), e.message) for e in answer.iter_errors(value))
    found.sort(key=lambda entry: (_path_key(entry[0]), entry[1]))
    return [Problem(json_path(*path), message) for path, message in found]


def _find_questionnaire(framework: Framework, reference: Mapping[str, str]) -> Questionnaire:
    try:
        found = framework.questionnaires[reference["id"]]
    except KeyError:
        known = ", ".join(sorted(framework.questionnaires)) or "none"
        raise AssessmentFileError(
            [
                Problem(
                    json_path("questionnaire", "id"),
                    f"unknown questionnaire {reference['id']!r} (loaded: {known})",
                )
            ]
        ) from None
    if found.version != reference["version"]:
        raise AssessmentFileError(
            [
                Problem(
                    json_path("questionnaire", "version"),
                    f"questionnaire {found.id!r} is loaded in version {found.version!r}, not {reference['version']!r}",
                )
            ]
        )
    return found


def _level_problem(level: int, framework: Framework) -> str | None:
    scale = framework.scale
    if scale.min <= level <= scale.max:
        return None
    return f"level {level} is outside the scale {scale.min}-{scale.max}"


def _respondent(
    framework: Framework,
    questionnaire: Questionnaire,
    known: Mapping[str, Item],
    index: int,
    raw: Mapping[str, Any],
    problems: list[Problem],
) -> RespondentAnswers:
    levels: dict[str, int] = {}
    not_applicable: dict[str, str] = {}
    comments: dict[str, str] = {}
    where: tuple[str | int, ...]
    for code, answer in raw["answers"].items():
        item = known.get(code)
        if item is None:
            problems.append(
                Problem(
                    json_path("respondents", index, "answers", code),
                    f"unknown item code {code!r} (not in questionnaire "
                    f"{questionnaire.id} version {questionnaire.version})",
                )
            )
            continue
        if not isinstance(answer, Mapping):
            level, where = int(answer), ("respondents", index, "answers", code)
        else:
            if "comment" in answer:
                comments[code] = str(answer["comment"])
            if answer.get("na") is True:
                if not item.allow_na:
                    path = json_path("respondents", index, "answers", code)
                    problems.append(Problem(path, f"item {code} does not allow N/A"))
                not_applicable[code] = str(answer["reason"])
                continue
            level, where = int(answer["level"]), ("respondents", index, "answers", code, "level")
        problem = _level_problem(level, framework)
        if problem is not None:
            problems.append(Problem(json_path(*where), problem))
        levels[code] = level
    return RespondentAnswers(
        respondent_id=str(raw["id"]),
        segment=raw.get("segment"),
        levels=levels,
        not_applicable=not_applicable,
        comment=raw.get("comment"),
        item_comments=comments,
    )


def parse_assessment(framework: Framework, document: object) -> AssessmentInput:
    """Validate a parsed assessment file and return it as an :class:`AssessmentInput`.

    First the JSON Schema (``assessment.schema.json``), then the checks that need
    the framework: known questionnaire and version, known item codes, levels on
    the scale, N/A only where the item allows it, unique respondent ids, known
    dimension ids in ``targets``.

    :raise AssessmentFileError: listing every problem as (JSON path, message).
    """
    problems = _schema_problems(document)
    if problems:
        raise AssessmentFileError(problems)
    assert isinstance(document, Mapping)  # guaranteed by the schema
    questionnaire = _find_questionnaire(framework, document["questionnaire"])
    respondents: list[RespondentAnswers] = []
    known = {item.code: item for item in questionnaire.items}
    seen: set[str] = set()
    for index, raw in enumerate(document["respondents"]):
        if raw["id"] in seen:
            problems.append(
                Problem(
                    json_path("respondents", index, "id"),
                    f"respondent id {raw['id']!r} is used more than once",
                )
            )
        seen.add(raw["id"])
        respondents.append(_respondent(framework, questionnaire, known, index, raw, problems))
    consensus: dict[str, Consensus] = {}
    codes = set(questionnaire.codes)
    for code, raw in document.get("consensus", {}).items():
        if code not in codes:
            problems.append(Problem(json_path("consensus", code), f"unknown item code {code!r}"))
            continue
        problem = _level_problem(int(raw["level"]), framework)
        if problem is not None:
            problems.append(Problem(json_path("consensus", code, "level"), problem))
        consensus[code] = Consensus(int(raw["level"]), str(raw["rationale"]))
    dimensions = [d.id for d in framework.dimensions]
    for dimension_id in document.get("targets", {}):
        if dimension_id not in dimensions:
            problems.append(
                Problem(
                    json_path("targets", dimension_id),
                    f"unknown dimension {dimension_id!r} (known: {', '.join(dimensions)})",
                )
            )
    if problems:
        raise AssessmentFileError(problems)
    return AssessmentInput(
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        respondents=tuple(respondents),
        consensus=consensus,
        targets={k: float(v) for k, v in document.get("targets", {}).items()},
        organisation=document.get("organisation"),
        assessed_on=document.get("assessed_on"),
    )


def score_file_document(framework: Framework, document: object, previous: object | None = None) -> dict[str, Any]:
    """Validate and score a parsed assessment file; return the JSON-ready result.

    This is the whole logic of ``assessor score FILE.json``.  With ``previous``
    (an earlier assessment file of the same organisation), the result also
    holds a ``"comparison"`` with deltas per roll-up and item.

    :raise AssessmentFileError: if either document is invalid, or the two name
        different organisations.
    """
    current_input = parse_assessment(framework, document)
    questionnaire = framework.questionnaire(current_input.questionnaire_id, current_input.questionnaire_version)
    result = score(framework, questionnaire, current_input)
    output = result_to_dict(result)
    if previous is not None:
        try:
            previous_input = parse_assessment(framework, previous)
        except AssessmentFileError as error:
            raise AssessmentFileError(Problem("previous" + p.path[1:], p.message) for p in error.problems) from None
        if (
            previous_input.organisation is not None
            and current_input.organisation is not None
            and previous_input.organisation != current_input.organisation
        ):
            raise AssessmentFileError(
                [
                    Problem(
                        json_path("organisation"),
                        f"{current_input.organisation!r} cannot be compared with an "
                        f"assessment of {previous_input.organisation!r}",
                    )
                ]
            )
        previous_questionnaire = framework.questionnaire(
            previous_input.questionnaire_id, previous_input.questionnaire_version
        )
        earlier = score(framework, previous_questionnaire, previous_input)
        output["comparison"] = comparison_to_dict(compare(earlier, result))
    return output
