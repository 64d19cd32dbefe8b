"""What every demo organisation shares: the fixed seed and how a demo workshop is made."""

from __future__ import annotations

from datetime import date

from assessor.domain import Questionnaire
from assessor.models import Assessment, Organisation

SEED = 23592
"""Fixed seed: the demo looks the same on every machine and in both languages."""


def titles(questionnaire: Questionnaire, when: date) -> tuple[str, str]:
    """English and Japanese title: the questionnaire's name and when it was taken."""
    return (
        f"{questionnaire.title.en} {when.year}",
        f"{when.year}年 {questionnaire.title.ja}",
    )


def workshop(org: Organisation, questionnaire: Questionnaire, when: date) -> Assessment:
    """A locked, revealed workshop of ``questionnaire`` held on ``when``, with its two titles."""
    title, title_ja = titles(questionnaire, when)
    return Assessment(
        organisation=org,
        title=title,
        title_ja=title_ja,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        assessed_on=when,
        mode="workshop",
        locked=True,
        revealed=True,
    )
