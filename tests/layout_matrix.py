"""The layout matrix: stored assessments that stretch every part of the PDF report.

Both languages × 1, 5 and 40 respondents × with and without a previous assessment ×
short (5 characters) and longest-allowed (200, the forms' and columns' limit) organisation,
assessment and consultant names × few and many comments.  Each case is seeded into the
database like the app stores it (organisation, assessments, respondents, answers, consensus),
so the report goes through the real pipeline: scoring, context, Jinja, WeasyPrint.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import date

from assessor.domain import Framework, Questionnaire
from assessor.extensions import db
from assessor.models import Answer, Assessment, Consensus, Organisation, Respondent, Workspace

NAME_LIMIT = 200
"""``Organisation.name`` and ``Assessment.title``: ``Length(max=200)`` in the forms, ``String(200)`` in the models."""
CONSULTANT_LIMIT = 120
"""A user's name (``User.name``, ``String(120)``) is the "prepared by" value."""
REPORT_DATE = date(2026, 12, 2)
SEGMENTS = ("leadership", "front-line", "back-office", None)

_LONG_ORG = {
    "en": "Northern Prefectural Association of Community Hospitals, Rehabilitation Clinics, Home-Care Nursing "
    "Stations and Patient-Transport Services (Internationalisation and Standardisation Programme) ",
    "ja": "北部県地域医療連携推進機構 地域中核病院・リハビリテーションクリニック・訪問看護ステーション・"
    "患者搬送サービス共同運営事業体 カスタマーエクスペリエンスマネジメント推進本部 ",
}
_LONG_TITLE = {
    "en": "Annual service-excellence self-assessment of all front-office, contact-centre and back-office "
    "operations, including the subcontracted cleaning, catering and patient-transport partners ",
    "ja": "全事業所フロントオフィス・コンタクトセンター・バックオフィス業務及び委託先（清掃・給食・患者搬送）を含む"
    "サービスエクセレンス年次自己評価 リーダーシップ・エンゲージメント・モニタリング体制の点検 ",
}
_LONG_CONSULTANT = {
    "en": "Dr. Maximiliane Alexandra Featherstonehaugh-Cholmondeley, Principal Consultant, Service Design ",
    "ja": "株式会社サービスエクセレンス・コンサルティング・パートナーズ 主席コンサルタント 長谷川 ",
}
_COMMENTS = {
    "en": (
        "Works well at the main site, less so in the branches.",
        "We say this, but under pressure it is the first thing we drop; the night shift has never seen the "
        "written procedure and nobody checks whether the weekly review actually takes place in the branches "
        "that joined last year after the merger with the regional operator.",
        "Customers tell us this is why they come back.",
        "Monitoring exists on paper only.",
    ),
    "ja": (
        "本社では定着していますが、支店ではまだばらつきがあります。",
        "方針としては掲げていますが、繁忙期には真っ先に後回しになります。夜間シフトの担当者は手順書を見たことがなく、"
        "昨年統合した地域事業者の支店で週次レビューが実際に行われているかを確認する人もいません。",
        "お客様からは、これが再来店の理由だと言われます。",
        "モニタリングは書類の上だけで、エンゲージメント調査の結果も共有されていません。",
    ),
}
_NA_REASON = {"en": "Not offered at our sites", "ja": "当社の拠点では提供していません"}
_RATIONALE = {
    "en": "Agreed in the workshop after seeing the complaint log and the last two mystery-shopping reports.",
    "ja": "苦情記録と直近2回の覆面調査報告を確認したうえで、ワークショップで合意しました。",
}


@dataclass(frozen=True, slots=True)
class Case:
    """One report of the matrix."""

    lang: str
    respondents: int
    previous: bool
    long_names: bool
    many_comments: bool

    @property
    def id(self) -> str:
        return (
            f"{self.lang}-{self.respondents}r-{'prev' if self.previous else 'noprev'}-"
            f"{'long' if self.long_names else 'short'}-{'many' if self.many_comments else 'few'}"
        )


CASES = tuple(
    Case(lang, n, previous, long_names, many)
    for lang, n, previous, long_names, many in itertools.product(
        ("en", "ja"), (1, 5, 40), (False, True), (False, True), (False, True)
    )
)
"""2 × 3 × 2 × 2 × 2 = 48 reports."""


def fit(text: str, limit: int) -> str:
    """``text`` repeated and cut to exactly ``limit`` characters (no trailing space)."""
    out = (text * (limit // len(text) + 1))[:limit]
    return out[:-1] + "." if out.endswith(" ") else out


def names(case: Case) -> tuple[str, str, str]:
    """Organisation, assessment title and consultant of a case."""
    if not case.long_names:
        return ("Acme.", "Audit", "K. Li") if case.lang == "en" else ("株式会社ア", "年次診断A", "佐藤 健一")
    lang = case.lang
    consultant = fit(_LONG_CONSULTANT[lang], CONSULTANT_LIMIT)
    return fit(_LONG_ORG[lang], NAME_LIMIT), fit(_LONG_TITLE[lang], NAME_LIMIT), consultant


def seed(framework: Framework, workspace: Workspace, case: Case) -> int:
    """Store the case's organisation and assessments; return the id of the assessment to report on."""
    org_name, title, _ = names(case)
    org = Organisation(name=org_name, workspace=workspace)
    rng = random.Random(case.id)
    # A self-audit of one person uses the quick questionnaire; the workshops the full one.  The five-person
    # case compares with an earlier quick assessment (a different questionnaire: the longest footnote).
    current_q = framework.questionnaires["quick" if case.respondents == 1 else "full"]
    if case.previous:
        earlier_q = framework.questionnaires["quick"] if case.respondents == 5 else current_q
        earlier = max(1, case.respondents // 2)
        _assessment(org, earlier_q, f"{title[:-4]}2025", date(2025, 11, 20), rng, case, -0.5, earlier)
    current = _assessment(org, current_q, title, date(2026, 11, 20), rng, case, 0.0, case.respondents)
    db.session.add(org)
    db.session.commit()
    return int(current.id)


def _assessment(
    org: Organisation,
    questionnaire: Questionnaire,
    title: str,
    when: date,
    rng: random.Random,
    case: Case,
    uplift: float,
    respondents: int,
) -> Assessment:
    assessment = Assessment(
        organisation=org,
        title=title,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        assessed_on=when,
        mode="self" if respondents == 1 else "workshop",
    )
    profile = {"L1": 3.0, "L2": 2.5, "L3": 1.8, "L4": 1.1}
    truth = {i.code: rng.gauss(profile[i.pyramid_level_id] + uplift, 0.7) for i in questionnaire.items}
    comments = _COMMENTS[case.lang]
    comment_rate = 0.35 if case.many_comments else 0.0
    for n in range(respondents):
        respondent = Respondent(assessment=assessment, segment=SEGMENTS[n % len(SEGMENTS)], language=case.lang)
        for index, item in enumerate(questionnaire.items):
            if item.allow_na and rng.random() < (0.15 if case.many_comments else 0.03):
                reason = _NA_REASON[case.lang] if n % 2 else comments[1]
                respondent.answers.append(Answer(item_code=item.code, is_na=True, na_reason=reason[:500]))
                continue
            level = min(4, max(0, round(truth[item.code] + rng.gauss(0, 0.8))))
            comment = None
            if rng.random() < comment_rate or (not case.many_comments and n == 0 and index in (0, 7)):
                comment = comments[(n + index) % len(comments)]
            respondent.answers.append(Answer(item_code=item.code, level=level, comment=comment))
    if respondents > 1:
        codes = [i.code for i in questionnaire.items]
        for code in codes[:: 4 if case.many_comments else 30]:
            assessment.consensus.append(Consensus(item_code=code, level=2, rationale=_RATIONALE[case.lang]))
    return assessment
