"""The demo organisations drawn from calibration cases, below the hotel group's level.

The bus operator (near level 1) and the IT service desk (green SLAs, unhappy users: the
watermelon effect) each have this year's full workshop, its answers drawn around their case's
answer key (``standards/cases/``), and the case's KPI readings, so a trainer can contrast three
levels and then train on the same stories.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date

import sqlalchemy as sa

from assessor.demo.common import SEED, workshop
from assessor.domain import Case, Framework, Questionnaire, Text
from assessor.extensions import db
from assessor.models import Answer, Assessment, KpiReading, Organisation, Respondent, Workspace

CASE_DEMOS: tuple[tuple[str, Text, Mapping[str, float]], ...] = (
    # calibration case, demo names, how far each segment's answers sit above the case's key
    (
        "bus-operator",
        Text("Hoshimi Kotsu (demo)", "星見交通（デモ）"),
        {"leadership": 0.4, "front-line": -0.1, "back-office": 0.1},
    ),
    (
        "it-service-desk",
        # the leaders read the green SLAs as maturity: the self-assessment's optimism the case trains against
        Text("Kirikaze Digital Services (demo)", "霧風デジタルサービス（デモ）"),
        {"leadership": 0.9, "front-line": -0.1, "back-office": 0.4},
    ),
)
"""The demo organisations seeded from calibration cases, below the hotel group's level."""

_CASE_PARTICIPANTS = (
    # (English name, Japanese name, segment): four per segment, as in the hotel group's workshop.
    ("Akira Mori", "森 晃", "leadership"),
    ("Beth Howard", "大野 聡子", "leadership"),
    ("Kenta Ueda", "上田 健太", "leadership"),
    ("Lina Park", "石井 玲奈", "leadership"),
    ("Mai Fujita", "藤田 舞", "front-line"),
    ("Noah Green", "松本 浩二", "front-line"),
    ("Riko Abe", "阿部 莉子", "front-line"),
    ("Sam Ortiz", "清水 隆", "front-line"),
    ("Taro Kimura", "木村 太郎", "back-office"),
    ("Uma Shah", "岡田 由香", "back-office"),
    ("Yui Kato", "加藤 結衣", "back-office"),
    ("Zoe Hill", "長谷川 誠", "back-office"),
)


def _from_case(
    org: Organisation, questionnaire: Questionnaire, case: Case, bias: Mapping[str, float], lang: str
) -> Assessment:
    """This year's full workshop, answered around the case's key."""
    assessment = workshop(org, questionnaire, date.today())
    rng = random.Random(f"{SEED}:{case.id}")
    key = {code: entry.level for code, entry in case.key.items()}
    for name_en, name_ja, segment in _CASE_PARTICIPANTS:
        respondent = Respondent(
            assessment=assessment, name=name_ja if lang == "ja" else name_en, segment=segment, language=lang
        )
        for item in questionnaire.items:
            expert = key[item.code]
            if expert is None:  # the key says N/A: so does everyone
                respondent.answers.append(Answer(item_code=item.code, level=None, is_na=True, na_reason=_NA.get(lang)))
                continue
            level = min(4, max(0, round(expert + bias[segment] + rng.gauss(0, 0.5))))
            respondent.answers.append(Answer(item_code=item.code, level=level, is_na=False))
    return assessment


_NA = Text("The case says this does not apply.", "ケースではこの項目は該当しないとされている。")

_CASE_VARIANTS = {"FCR": "gross", "MTTR": "resolve"}
"""The variants the cases' KPI sources describe: FCR as the agent records it, MTTR to resolution."""


def _case_kpis(assessment: Assessment, case: Case, lang: str) -> None:
    for reading in case.kpis:
        db.session.add(
            KpiReading(
                assessment_id=assessment.id,
                kpi_id=reading.kpi,
                period=reading.period,
                value=reading.value,
                n=reading.n,
                target=reading.target,
                previous=reading.previous,
                variant=_CASE_VARIANTS.get(reading.kpi),
                source=reading.source.get(lang),
            )
        )


def seed_cases(framework: Framework, workspace: Workspace) -> bool:
    """Add each case's demo organisation in English and Japanese unless present; True if any was added."""
    created = False
    for case_id, names, bias in CASE_DEMOS:
        case = framework.cases.get(case_id)
        if case is None or "full" not in framework.questionnaires:
            continue
        for name, lang in ((names.en, "en"), (names.ja, "ja")):
            if db.session.scalar(sa.select(Organisation).where(Organisation.name == name)):
                continue
            org = Organisation(name=name, is_demo=True, workspace=workspace)
            assessment = _from_case(org, framework.questionnaires["full"], case, bias, lang)
            db.session.add(org)
            db.session.flush()
            _case_kpis(assessment, case, lang)
            created = True
    return created
