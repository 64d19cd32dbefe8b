"""Documented thresholds of the scoring method (see ``docs/methodology.md``)."""

from __future__ import annotations

from assessor.domain import COMPARISON_DECIMALS

__all__ = [
    "COMPARISON_DECIMALS",
    "COVERAGE_THRESHOLD",
    "EVIDENCE_THRESHOLD",
    "LOW_AGREEMENT_THRESHOLD",
    "PYRAMID_THRESHOLD_BAND",
]

COVERAGE_THRESHOLD: float = 50.0
"""Minimum coverage (answered weight / total weight, in %) for a firm roll-up score.

Source: our rule (methodology §4).  Below half of its weight, a roll-up says more
about which items happened to be answered than about the area itself, so it is
reported as "insufficient evidence".  The comparison is inclusive: exactly 50 %
is enough.
"""

PYRAMID_THRESHOLD_BAND: str = "established"
"""A pyramid level is met when its roll-up is firm and in this band or higher.

Source: our rule (methodology §6), i.e. a score above 62.5 %: on average the
level's practices are nearer "Established" (applied across the organisation,
owned, measured) than "Developing".  ISO 23592 (introduction) treats levels 1-2
as the foundation that delight (levels 3-4) rests on, and ISO/IEC 33020 only
credits a capability level when the levels below it are achieved; hence the
verdict counts levels from the bottom up.
"""

LOW_AGREEMENT_THRESHOLD: float = 0.70
"""Items whose r_wg is below this value are listed for the facilitator.

Source: the 0.70 rule of thumb for r_wg that is common in the inter-rater
agreement literature (discussed in LeBreton & Senter, 2008, "Answers to 20
questions about interrater reliability and interrater agreement").
"""


EVIDENCE_THRESHOLD: float = 50.0
"""Minimum overall coverage (answered weight / total weight, in %) for a report to state findings.

Source: our rule (methodology §4a), the same half-of-the-weight reasoning as
:data:`COVERAGE_THRESHOLD`, applied to the whole questionnaire.  Below it (or with
no rating at all) a report says "not enough evidence yet" and names no strengths,
gaps or actions: with most of the questionnaire unanswered, a list of strengths or
a roadmap would describe the gaps in the answers, not the organisation.  The
comparison is inclusive, after removing float noise.
"""


CUSTOMER_FACING_ELEMENTS: tuple[str, ...] = ("E5", "E6", "E7", "E8")
"""Elements whose practice customers meet directly: the optimism check compares their
self-rating with the customer-perceived KPIs that evidence them.

Source: our reading of ISO 23592's model (methodology §14b): dimension C (understanding
customers E5, designing the experience E6, service innovation E7) and the processes and
structure that deliver the designed experience (E8).  Leadership (E1-E2), culture and
engagement (E3-E4) and monitoring (E9) act on customers only through these.
"""

DELIGHT_LEVELS: tuple[str, ...] = ("L3", "L4")
"""Pyramid levels of delight (individual and surprising service).  A claim to have them in
place is contradicted by any missed customer-perceived KPI: they rest on levels 1-2.
"""
