"""Reading the JSON assessment file: schema validation, then the scoring core's checks, into :class:`AssessmentInput`.

The caller does the I/O (reading and ``json.loads``); everything here works on
the parsed document, so a CLI command or a web upload only wraps these functions.
"""

from __future__ import annotations

import copy
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from assessor.domain import Framework, Questionnaire
from assessor.scoring import AssessmentInput, Consensus, RespondentAnswers
from assessor.scoring.validation import InputProblem, input_problems, scale_text

SCHEMA_FILE = "assessment.schema.json"
"""The JSON Schema of the assessment file, shipped inside this package."""

_PLAIN_KEY = re.compile(r"^[a-zA-Z][a-zA-Z0-9_]*$")

MAX_DEPTH = 16
"""Deepest nesting a valid assessment file needs is 5 (``$.respondents[0].answers['E1-01'].level``); a
document nested deeper than this is refused before any other check, so no check ever recurses far."""


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


def _too_deep(document: object) -> Problem | None:
    """The first place nested deeper than :data:`MAX_DEPTH`, found without recursion."""
    stack: list[tuple[object, tuple[str | int, ...]]] = [(document, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_DEPTH:
            return Problem(json_path(*path[:MAX_DEPTH]), f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(value, Mapping):
            stack.extend((child, (*path, str(key))) for key, child in value.items())
        elif isinstance(value, list):
            stack.extend((child, (*path, index)) for index, child in enumerate(value))
    return None


def _non_finite(document: object) -> list[Problem]:
    """NaN and infinities (which Python's JSON reader lets through) wherever the document holds a number."""
    found: list[Problem] = []
    stack: list[tuple[object, tuple[str | int, ...]]] = [(document, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            word = "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
            found.append(Problem(json_path(*path), f"{word} is not a number (JSON has no NaN or Infinity)"))
        elif isinstance(value, Mapping):
            stack.extend((child, (*path, str(key))) for key, child in value.items())
        elif isinstance(value, list):
            stack.extend((child, (*path, index)) for index, child in enumerate(value))
    found.sort(key=lambda p: p.path)
    return found


def _content_problems(document: Mapping[str, Any]) -> list[Problem]:
    """What the schema cannot say: a real calendar date, a rationale that is more than spaces."""
    found: list[Problem] = []
    when = document.get("assessed_on")
    if isinstance(when, str):
        try:
            date.fromisoformat(when)
        except ValueError as exc:
            found.append(Problem(json_path("assessed_on"), f"{when!r} is not a calendar date ({exc})"))
    for code, raw in document.get("consensus", {}).items():
        if not str(raw.get("rationale", "")).strip():
            found.append(Problem(json_path("consensus", code, "rationale"), "is blank: give the reason for the level"))
    return found


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


def _respondent(index: int, raw: Mapping[str, Any], level_paths: dict[tuple[int, str], str]) -> RespondentAnswers:
    """Read one respondent's answers as given; the checks come afterwards, all at once."""
    levels: dict[str, int] = {}
    not_applicable: dict[str, str] = {}
    comments: dict[str, str] = {}
    for code, answer in raw["answers"].items():
        if not isinstance(answer, Mapping):
            levels[code] = int(answer)
            continue
        if "comment" in answer:
            comments[code] = str(answer["comment"])
        if answer.get("na") is True:
            not_applicable[code] = str(answer["reason"])
        else:
            levels[code] = int(answer["level"])
            level_paths[(index, code)] = json_path("respondents", index, "answers", code, "level")
    return RespondentAnswers(
        respondent_id=str(raw["id"]),
        segment=raw.get("segment"),
        levels=levels,
        not_applicable=not_applicable,
        comment=raw.get("comment"),
        item_comments=comments,
        on_paper=raw.get("on_paper") is True,
        imported=raw.get("imported") is True,
    )


def _located(
    problem: InputProblem,
    framework: Framework,
    questionnaire: Questionnaire,
    assessment: AssessmentInput,
    level_paths: Mapping[tuple[int, str], str],
) -> Problem:
    """Word one problem of the core's checks for a file: its JSON path and what is wrong."""
    scale = scale_text(framework)
    index, code = problem.respondent, problem.code or ""
    answer = "" if index is None else json_path("respondents", index, "answers", code)
    match problem.kind:
        case "duplicate_respondent":
            assert index is not None
            rid = assessment.respondents[index].respondent_id
            return Problem(json_path("respondents", index, "id"), f"respondent id {rid!r} is used more than once")
        case "unknown_item":
            return Problem(
                answer,
                f"unknown item code {code!r} (not in questionnaire {questionnaire.id} version {questionnaire.version})",
            )
        case "level_off_scale":
            assert index is not None
            where = level_paths.get((index, code), answer)
            return Problem(where, f"level {problem.value:g} is outside the scale {scale}")
        case "na_not_allowed":
            return Problem(answer, f"item {code} does not allow N/A")
        case "consensus_unknown_item":
            return Problem(json_path("consensus", code), f"unknown item code {code!r}")
        case "consensus_level_off_scale":
            where = json_path("consensus", code, "level")
            return Problem(where, f"level {problem.value:g} is outside the scale {scale}")
        case "target_unknown_dimension" | "target_off_range":
            known = ", ".join(d.id for d in framework.dimensions)
            message = (
                f"unknown dimension {problem.dimension!r} (known: {known})"
                if problem.kind == "target_unknown_dimension"
                else f"{problem.value:g} is outside 0-100 %"
            )
            return Problem(json_path("targets", problem.dimension or ""), message)
        case _:  # "questionnaire": the input is built from the questionnaire the file names
            return Problem(json_path("questionnaire"), "does not match the questionnaire")


def _document_order(document: Mapping[str, Any], problem: InputProblem) -> tuple[int, int, int, int]:
    """Sort key: problems are listed in the order their places appear in the file."""
    if problem.respondent is not None:
        answers = list(document["respondents"][problem.respondent]["answers"])
        position = answers.index(problem.code) if problem.code in answers else -1
        return (0, problem.respondent, 0 if problem.kind == "duplicate_respondent" else 1, position)
    if problem.kind.startswith("consensus"):
        return (1, 0, 0, list(document.get("consensus", {})).index(problem.code))
    if problem.kind.startswith("target"):
        return (2, 0, 0, list(document.get("targets", {})).index(problem.dimension))
    return (3, 0, 0, 0)


def parse_assessment(framework: Framework, document: object) -> AssessmentInput:
    """Validate a parsed assessment file and return it as an :class:`AssessmentInput`.

    First the nesting depth (:data:`MAX_DEPTH`) and non-finite numbers (``NaN``), then the
    JSON Schema (``assessment.schema.json``), then a real calendar date and non-blank consensus
    rationales, then the checks that need
    the framework — the scoring core's own (:func:`assessor.scoring.validation.input_problems`):
    known questionnaire and version, known item codes, levels on the scale, N/A only
    where the item allows it, unique respondent ids, known dimension ids in ``targets``.

    :raise AssessmentFileError: listing every problem as (JSON path, message), in file order.
    """
    deep = _too_deep(document)
    if deep is not None:
        raise AssessmentFileError([deep])
    problems = _non_finite(document) or _schema_problems(document)
    if problems:
        raise AssessmentFileError(problems)
    assert isinstance(document, Mapping)  # guaranteed by the schema
    problems = _content_problems(document)
    if problems:
        raise AssessmentFileError(problems)
    questionnaire = _find_questionnaire(framework, document["questionnaire"])
    level_paths: dict[tuple[int, str], str] = {}
    assessment = AssessmentInput(
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        respondents=tuple(_respondent(i, raw, level_paths) for i, raw in enumerate(document["respondents"])),
        consensus={
            code: Consensus(int(raw["level"]), str(raw["rationale"]))
            for code, raw in document.get("consensus", {}).items()
        },
        targets={k: float(v) for k, v in document.get("targets", {}).items()},
        organisation=document.get("organisation"),
        assessed_on=document.get("assessed_on"),
    )
    found = sorted(input_problems(framework, questionnaire, assessment), key=lambda p: _document_order(document, p))
    if found:
        raise AssessmentFileError(_located(p, framework, questionnaire, assessment, level_paths) for p in found)
    return assessment
