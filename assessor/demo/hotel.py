"""The hotel group (pyramid level 2 moving to 3): three years of completed workshops, KPIs and actions.

The same hotel group is seeded twice, from the same random seed, so both carry the same
numbers: ``Harbourview Hotels (demo)`` with its participants' comments and N/A reasons in
English, and ``ハーバービューホテルズ（デモ）`` with Japanese names, comments and reasons, as a
trainer in Japan would show it.  Comments are what participants typed, so a report shows
them as entered; both organisations' assessments carry an English and a Japanese title,
so either report reads in one language.  Each workshop has twelve participants, four in
each of three segments, so a breakdown by segment still shows under a minimum group size
of 3 (or 4).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import sqlalchemy as sa

from assessor.demo.common import SEED, workshop
from assessor.domain import Framework, Questionnaire, Text
from assessor.extensions import db
from assessor.models import (
    Action,
    ActionNote,
    Answer,
    Assessment,
    Consensus,
    KpiReading,
    Organisation,
    Respondent,
    Workspace,
)

DEMO_NAME = "Harbourview Hotels (demo)"
DEMO_NAME_JA = "ハーバービューホテルズ（デモ）"


# Typical profile of an organisation that handles the basics well and is starting on delight:
# mean maturity per pyramid level (0-4 scale).
_PROFILE = {"L1": 3.1, "L2": 2.6, "L3": 1.8, "L4": 1.1}
_RESPONDENTS = (
    # (English demo name, language, Japanese demo name, segment): four people per segment.
    ("Aiko Tanaka", "ja", "田中 愛子", "leadership"),
    ("Ben Carter", "en", "佐々木 健一", "leadership"),
    ("Carla Mendes", "en", "山本 直樹", "leadership"),
    ("Daisuke Ito", "ja", "中村 由美", "leadership"),
    ("Chika Mori", "ja", "森 千佳", "front-line"),
    ("Dan Osei", "en", "小林 大輔", "front-line"),
    ("Ella Byrne", "en", "加藤 さくら", "front-line"),
    ("Felix Wong", "en", "吉田 翔太", "front-line"),
    ("Emi Sato", "ja", "佐藤 恵美", "back-office"),
    ("Grace Lee", "en", "渡辺 誠", "back-office"),
    ("Hiro Kondo", "ja", "伊藤 美穂", "back-office"),
    ("Ivan Petrov", "en", "山田 拓也", "back-office"),
)
QUICK_RESPONDENTS = 6
"""The quick checks of the two previous years: two people from each segment."""
_BIAS = {"leadership": 0.5, "front-line": -0.2, "back-office": -0.1}
"""Leaders see things a little rosier than the front line (a typical perception gap)."""

_COMMENTS = {
    # item code -> (respondent index, comment): what participants wrote as evidence.
    "E9-01": (
        0,
        Text(
            "Every monthly operations meeting reviews last month's guest survey results and the number of complaints.",
            "月次の運営会議で、前月のお客様アンケートの結果と苦情の件数を毎回確認している。",
        ),
    ),
    "E8-01": (
        4,
        Text(
            "The main building has check-in service standards; the annex does not have them yet.",
            "チェックイン時の対応基準は本館にはあるが、別館にはまだ展開できていない。",
        ),
    ),
    "E3-05": (
        5,
        Text(
            "Some departments still blame the person who received a complaint.",
            "苦情を受けた本人を責める雰囲気が、まだ一部の部門に残っている。",
        ),
    ),
    "E3-06": (
        6,
        Text(
            "We ask about anniversaries at booking and note them for room preparation,"
            " but how well it is done depends on who takes the booking.",
            "記念日の宿泊はご予約時に伺い、客室の準備メモに残しているが、記入は担当者によってばらつく。",
        ),
    ),
    "E4-01": (
        7,
        Text(
            "Reception may grant refunds and upgrades up to a set amount on their own judgement.",
            "一定額までの返金やアップグレードは、フロントの判断で対応してよいことになっている。",
        ),
    ),
    "E8-02": (
        8,
        Text(
            "We reply to poor ratings on review sites but do not contact the guest personally.",
            "口コミサイトの低評価には返信しているが、ご本人への個別の連絡までは行っていない。",
        ),
    ),
    "E8-07": (
        9,
        Text(
            "Reservations and reception use separate guest systems,"
            " so guests are sometimes asked the same thing twice.",
            "予約センターとフロントで顧客情報のシステムが分かれており、同じことを二度伺うことがある。",
        ),
    ),
    "E2-02": (
        1,
        Text(
            "At the morning briefing we share cases such as sending a forgotten item before the guest called.",
            "お忘れ物をお客様から連絡が来る前に発送した事例を、朝礼で紹介している。",
        ),
    ),
    "E8-03": (
        10,
        Text(
            "At night we are short-staffed and callers often wait a long time.",
            "夜間は人手が少なく、電話の待ち時間が長くなりがち。",
        ),
    ),
    "E7-05": (
        11,
        Text(
            "The new breakfast plan started in every hotel at once, without a trial.",
            "新しい朝食プランは、試行せずに全館で一斉に始めた。",
        ),
    ),
}
_NA_REASONS = {
    # item code -> why it does not apply to this hotel group (only these items allow N/A).
    "E3-06": Text(
        "Our corporate-contract unit has no direct contact with individual guests.",
        "法人契約のみで、個人のお客様との直接の接点がない部門のため。",
    ),
    "E5-06": Text("We do not contact guests after their stay.", "ご宿泊後にお客様へ連絡することはしていないため。"),
    "E6-08": Text("We have no membership scheme to follow up on.", "当ホテルには会員制度がないため。"),
    "E7-08": Text(
        "No new service is planned this year, so no partner is involved.",
        "今期は新サービスの開発を予定していないため。",
    ),
}
_CONSENSUS = {
    # item code -> (agreed level, rationale): recorded in the workshop after discussion.
    "E4-01": (
        2,
        Text(
            "Reception has a written limit, but the other departments still ask a manager first.",
            "フロントには上限額の定めがあるが、他の部門ではまだ上司の承認を先に求めている。",
        ),
    ),
    "E9-08": (
        2,
        Text(
            "Guest praise is collected, but decisions on touchpoints are not yet based on it.",
            "お客様からの称賛は集めているが、タッチポイントの継続・廃止の判断にはまだ使っていない。",
        ),
    ),
}


def seed_hotel(framework: Framework, workspace: Workspace) -> bool:
    """Add the hotel group in English and Japanese unless present; return True if either was added."""
    created = False
    shipped = {"quick", "full"} <= framework.questionnaires.keys()  # other standards (tests) seed no hotel group
    for name, lang in ((DEMO_NAME, "en"), (DEMO_NAME_JA, "ja")):
        if not shipped or db.session.scalar(sa.select(Organisation).where(Organisation.name == name)):
            continue
        org = Organisation(name=name, is_demo=True, workspace=workspace)
        rng = random.Random(SEED)
        today = date.today()
        last_year = _completed(
            org, framework.questionnaires["quick"], date(today.year - 1, 11, 20), rng, 0.0, lang, QUICK_RESPONDENTS
        )
        current = _completed(org, framework.questionnaires["full"], today, rng, 0.4, lang, len(_RESPONDENTS))
        # The first quick check two years ago, from its own seed so the later years keep their numbers:
        # lower maturity, so the results page and the report show a trend over three years.
        first = random.Random(SEED + 1)
        _completed(
            org, framework.questionnaires["quick"], date(today.year - 2, 11, 18), first, -0.5, lang, QUICK_RESPONDENTS
        )
        db.session.add(org)
        db.session.flush()
        _kpis(current, str(today.year), lang)
        _actions(org, last_year, framework, today, lang)
        created = True
    return created


DEMO_KPIS = (
    # KPI, value, n, target, previous, variant, source: the desk's SLAs are green, the guests are not.
    ("SLA", 97.0, 5200, 95.0, 96.0, None, Text("Service desk tool", "サービスデスクのツール")),
    ("FCR", 78.0, 5200, 75.0, 74.0, "gross", Text("Service desk tool", "サービスデスクのツール")),
    ("MTTR", 3.6, 1800, 4.0, 4.4, "resolve", Text("Service desk tool", "サービスデスクのツール")),
    ("CSAT", 71.0, 640, 80.0, 76.0, None, Text("Post-stay survey", "宿泊後アンケート")),
    ("NPS", -8.0, 610, 20.0, 4.0, None, Text("Post-stay survey", "宿泊後アンケート")),
    ("CES", 4.3, 420, 5.5, None, None, Text("Post-contact survey", "問い合わせ後アンケート")),
)
"""The demo's KPIs: operations on target, guests' satisfaction, recommendation and effort not (a watermelon)."""


def _kpis(assessment: Assessment, period: str, lang: str) -> None:
    for kpi_id, value, n, target, previous, variant, source in DEMO_KPIS:
        db.session.add(
            KpiReading(
                assessment_id=assessment.id,
                kpi_id=kpi_id,
                period=period,
                value=value,
                n=n,
                target=target,
                previous=previous,
                variant=variant,
                source=source.get(lang),
            )
        )


DEMO_ACTIONS = (
    # element, status, due (days from today), progress, owner, reason
    ("E8", "done", -120, 100, Text("Front office manager", "フロント支配人"), None),
    ("E4", "in_progress", 60, 40, Text("HR lead", "人事責任者"), None),
    ("E5", "planned", -30, 0, Text("Guest relations", "ゲストリレーション担当"), None),
    (
        "E7",
        "wont_do",
        90,
        0,
        Text("General manager", "総支配人"),
        Text(
            "Postponed: the budget goes to the new booking system this year.",
            "今年度は予約システムの刷新に予算を充てるため見送り。",
        ),
    ),
)
"""Actions agreed after last year's quick check: one done, one under way, one overdue, one dropped."""


def _actions(org: Organisation, source: Assessment, framework: Framework, today: date, lang: str) -> None:
    for element_id, status, due_in, progress, owner, reason in DEMO_ACTIONS:
        library = next(a for a in framework.actions if a.element_id == element_id)
        action = Action(
            organisation_id=org.id,
            assessment_id=source.id,
            library_id=library.id,
            title=library.title.en,
            title_ja=library.title.ja,
            element_ids=element_id,
            kpi_ids=" ".join(library.kpi_ids),
            owner=owner.get(lang),
            due=today + timedelta(days=due_in),
            status=status,
            reason=reason.get(lang) if reason else "",
            progress=progress,
            done_on=today + timedelta(days=due_in - 10) if status == "done" else None,
        )
        db.session.add(action)
        if status == "in_progress":
            text = Text("Pilot with the front desk team started.", "フロントチームで試行を開始。")
            action.notes.append(ActionNote(author="trainer@demo.example", text=text.get(lang)))


def _completed(
    org: Organisation,
    questionnaire: Questionnaire,
    when: date,
    rng: random.Random,
    uplift: float,
    lang: str,
    respondents: int,
) -> Assessment:
    assessment = workshop(org, questionnaire, when)
    workshop_notes = questionnaire.id == "full"  # comments and consensus: this year's full workshop
    # Each item has a "true" level around the profile; people see it with a little noise.
    true_level = {i.code: rng.gauss(_PROFILE[i.pyramid_level_id] + uplift, 0.6) for i in questionnaire.items}
    chosen = _RESPONDENTS[:: len(_RESPONDENTS) // respondents][:respondents]
    for index, (name_en, language, name_ja, segment) in enumerate(chosen):
        respondent = Respondent(
            assessment=assessment,
            name=name_ja if lang == "ja" else name_en,
            segment=segment,
            language="ja" if lang == "ja" else language,
        )
        for item in questionnaire.items:
            if item.allow_na and rng.random() < 0.15 and item.code in _NA_REASONS:
                reason = _NA_REASONS[item.code].get(lang)
                respondent.answers.append(Answer(item_code=item.code, level=None, is_na=True, na_reason=reason))
                continue
            level = min(4, max(0, round(true_level[item.code] + _BIAS[segment] + rng.gauss(0, 0.45))))
            writer, comment = _COMMENTS.get(item.code, (-1, None)) if workshop_notes else (-1, None)
            text = comment.get(lang) if comment is not None and writer == index else None
            respondent.answers.append(Answer(item_code=item.code, level=level, is_na=False, comment=text))
    if workshop_notes:
        for code, (level, rationale) in _CONSENSUS.items():
            assessment.consensus.append(Consensus(item_code=code, level=level, rationale=rationale.get(lang)))
    return assessment
