"""Immutable domain objects for the reference frameworks and questionnaires.

Everything here is plain, frozen data built once at start-up by
:mod:`assessor.standards`.  The scoring core and the reports consume these
objects; nothing in this module does I/O or imports a web or database library.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal, TypeVar

LANGUAGES: tuple[str, ...] = ("en", "ja")
"""Every user-facing string in the framework data exists in these languages."""

Outcome = Literal["satisfaction", "delight"]
_E = TypeVar("_E", bound="Entry")


@dataclass(frozen=True, slots=True)
class Text:
    """A string in English and Japanese."""

    en: str
    ja: str

    def get(self, lang: str) -> str:
        """Return the text in ``lang``, falling back to English."""
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True, slots=True)
class Entry:
    """A named, described entry of a reference framework (a principle, an activity, …)."""

    id: str
    name: Text
    description: Text


@dataclass(frozen=True, slots=True)
class Dimension(Entry):
    """One of the four ISO 23592 model dimensions."""

    element_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Element(Entry):
    """One of the nine ISO 23592 model elements; belongs to exactly one dimension."""

    dimension_id: str = ""


@dataclass(frozen=True, slots=True)
class PyramidLevel(Entry):
    """A level of the Service Excellence Pyramid (rank 1 = foundation)."""

    rank: int = 0
    outcome: Outcome = "satisfaction"


@dataclass(frozen=True, slots=True)
class ScaleLevel:
    """One point of the maturity scale shared by every item."""

    value: int
    name: Text
    description: Text


@dataclass(frozen=True, slots=True)
class Scale:
    """The maturity scale (0 = not in place … 4 = leading)."""

    id: str
    version: str
    levels: tuple[ScaleLevel, ...]

    @property
    def min(self) -> int:
        """Lowest level value."""
        return self.levels[0].value

    @property
    def max(self) -> int:
        """Highest level value."""
        return self.levels[-1].value


@dataclass(frozen=True, slots=True)
class Item:
    """A questionnaire item, identified by a code that never changes meaning."""

    code: str
    element_id: str
    pyramid_level_id: str
    principle_ids: tuple[str, ...]
    design_principle_ids: tuple[str, ...]
    design_activity_ids: tuple[str, ...]
    weight: float
    allow_na: bool
    question: Text
    guidance: Text
    level_descriptions: tuple[Text, ...]
    """Indexed by scale value: ``level_descriptions[3]`` describes level 3."""


@dataclass(frozen=True, slots=True)
class Questionnaire:
    """A versioned selection of items, in presentation order."""

    id: str
    version: str
    title: Text
    description: Text
    estimated_minutes: int
    items: tuple[Item, ...]

    def item(self, code: str) -> Item:
        """Return the item with ``code``; raise ``KeyError`` if it is not in this questionnaire."""
        for candidate in self.items:
            if candidate.code == code:
                return candidate
        raise KeyError(code)

    @property
    def codes(self) -> tuple[str, ...]:
        """Item codes in presentation order."""
        return tuple(i.code for i in self.items)


KpiUnit = Literal["percent", "points", "scale", "hours", "minutes", "count"]
"""``percent`` 0-100 %; ``points`` a signed score such as NPS (-100..+100); ``scale`` the mean of a
rating scale (CES 1-7); ``hours``/``minutes`` durations; ``count`` anything else counted."""
KpiKind = Literal["customer", "operational"]
"""``customer``: what customers perceive and say (CSAT, NPS, CES, complaints); ``operational``:
what the organisation measures of its own work (SLA, MTTR, FCR...)."""
KpiDirection = Literal["higher", "lower"]


@dataclass(frozen=True, slots=True)
class Kpi:
    """A key performance indicator: evidence of how customers and operations are doing, and
    whether an improvement action worked."""

    id: str
    name: Text
    formula: Text
    """How to compute it, with its unit and the usual variants."""
    description: Text
    unit: KpiUnit = "percent"
    direction: KpiDirection = "higher"
    """Which way is better."""
    kind: KpiKind = "operational"
    lower: float = 0.0
    """The smallest value the KPI can take (NPS -100, CES 1)."""
    upper: float | None = 100.0
    """The largest value it can take, or ``None`` when it has no upper bound (durations)."""
    element_ids: tuple[str, ...] = ()
    """The elements whose practice this KPI gives evidence on."""
    pyramid_level_ids: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    """Declared ways of computing it (MTTR: respond, restore, resolve); a value names one."""
    min_n: int | None = None
    """Below this many responses or cases a value is only indicative."""


@dataclass(frozen=True, slots=True)
class Action:
    """An improvement action of the recommendations library, keyed by element and maturity band.

    ``bands`` are the ids of the element maturity bands (``not_in_place`` …
    ``leading``) in which this action is the right next step.  ``effort`` and
    ``impact`` run from 1 (days, one team / marginal) to 5 (a year or more,
    organisation-wide / transforms the customer experience).
    """

    id: str
    element_id: str
    pyramid_level_id: str
    design_activity_ids: tuple[str, ...]
    bands: tuple[str, ...]
    effort: int
    impact: int
    prerequisite_ids: tuple[str, ...]
    kpi_ids: tuple[str, ...]
    title: Text
    why: Text
    what: Text
    verify: Text


EvidenceSource = Literal["interview", "document", "metric", "observation"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """One snippet of a calibration case: what an assessor saw or heard, and where."""

    source: EvidenceSource
    text: Text


@dataclass(frozen=True, slots=True)
class CaseKpi:
    """A KPI reading quoted in a calibration case (in the case's unit, e.g. ``%`` or ``hours``)."""

    kpi: str
    value: float
    unit: str
    period: str
    source: Text
    target: float | None = None
    previous: float | None = None
    n: int | None = None


@dataclass(frozen=True, slots=True)
class KeyEntry:
    """The expert answer to one item of a case: a level (``None`` for N/A) and why."""

    level: int | None
    rationale: Text


@dataclass(frozen=True, slots=True)
class Case:
    """A fictitious organisation for training assessors, with the answer key per item code.

    ``maturity`` is for the trainer only; trainees read the narrative, the evidence and the KPIs.
    """

    id: str
    version: str
    title: Text
    sector: Text
    maturity: Text
    organisation_name: Text
    organisation_size: Text
    narrative: Text
    evidence: Mapping[str, tuple[Evidence, ...]]
    """Element id -> snippets, numbered from 1 in file order."""
    kpis: tuple[CaseKpi, ...]
    key: Mapping[str, KeyEntry]
    """Item code -> the key; covers every item of every questionnaire."""


def _no_questionnaires() -> Mapping[str, Questionnaire]:
    return MappingProxyType({})


def _no_cases() -> Mapping[str, Case]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Framework:
    """All reference data: ISO 23592, ISO/TS 24082, the pyramid, the scale and questionnaires.

    Collections are tuples in file order; look-ups by id go through the
    ``*_by_id`` helpers.
    """

    versions: Mapping[str, str]
    """Source file id -> data version, e.g. ``{"iso-23592": "2021.1"}``."""
    principles: tuple[Entry, ...]
    dimensions: tuple[Dimension, ...]
    elements: tuple[Element, ...]
    design_principles: tuple[Entry, ...]
    design_activities: tuple[Entry, ...]
    pyramid_levels: tuple[PyramidLevel, ...]
    scale: Scale
    questionnaires: Mapping[str, Questionnaire] = field(default_factory=_no_questionnaires)
    kpis: tuple[Kpi, ...] = ()
    """The KPI catalogue of the recommendations library (empty when it is absent)."""
    actions: tuple[Action, ...] = ()
    """Improvement actions in file order (empty when the recommendations library is absent)."""
    cases: Mapping[str, Case] = field(default_factory=_no_cases)
    """Calibration cases by id, in file order (empty when ``standards/cases/`` is absent)."""

    def element(self, element_id: str) -> Element:
        """Return the element with ``element_id``."""
        return _find(self.elements, element_id)

    def dimension(self, dimension_id: str) -> Dimension:
        """Return the dimension with ``dimension_id``."""
        return _find(self.dimensions, dimension_id)

    def pyramid_level(self, level_id: str) -> PyramidLevel:
        """Return the pyramid level with ``level_id``."""
        return _find(self.pyramid_levels, level_id)

    def kpi(self, kpi_id: str) -> Kpi:
        """Return the KPI with ``kpi_id``."""
        for kpi in self.kpis:
            if kpi.id == kpi_id:
                return kpi
        raise KeyError(kpi_id)

    def action(self, action_id: str) -> Action:
        """Return the improvement action with ``action_id``."""
        for action in self.actions:
            if action.id == action_id:
                return action
        raise KeyError(action_id)

    def questionnaire(self, questionnaire_id: str, version: str | None = None) -> Questionnaire:
        """Return a questionnaire by id, checking the version when one is given.

        :raise KeyError: if no such questionnaire (or version) is loaded.
        """
        found = self.questionnaires[questionnaire_id]
        if version is not None and found.version != version:
            raise KeyError(f"{questionnaire_id} version {version}")
        return found


def _find(entries: tuple[_E, ...], entry_id: str) -> _E:
    for entry in entries:
        if entry.id == entry_id:
            return entry
    raise KeyError(entry_id)


# --------------------------------------------------------------------------- maturity bands

COMPARISON_DECIMALS: int = 6
"""Scores are rounded to this many decimals before they are compared with a cut-off.

Source: our rule.  It stops floating-point noise (62.50000000000001) from moving
a roll-up across a band or threshold; it never changes a reported score.
"""


@dataclass(frozen=True, slots=True)
class Band:
    """A named score range: ``lower`` exclusive (except rank 0), ``upper`` inclusive."""

    id: str
    rank: int
    name: Text
    lower: float
    upper: float


BANDS: tuple[Band, ...] = (
    Band("not_in_place", 0, Text("Not in place", "未実施"), 0.0, 12.5),
    Band("initial", 1, Text("Initial", "初期"), 12.5, 37.5),
    Band("developing", 2, Text("Developing", "発展途上"), 37.5, 62.5),
    Band("established", 3, Text("Established", "定着"), 62.5, 87.5),
    Band("leading", 4, Text("Leading", "先進"), 87.5, 100.0),
)
"""Five bands, one per point of the 0-4 maturity scale.

Source: names from ``standards/maturity_scale.yaml``; cut-offs are our rule
(methodology §5).  Scale point k is worth k x 25 %, and each cut-off lies halfway
between two points, so a roll-up whose items all sit at level k lands in band k.
Upper bounds are inclusive, as in ISO/IEC 33020's N/P/L/F ratings (N 0-<=15 %,
P >15-<=50 %, ...): a score exactly halfway between two points gets the lower
band, because self-assessments tend to rate themselves generously.  The bands live
with the domain objects because the standards data refers to them by id.
"""


def band_for(score: float) -> Band:
    """Return the band that ``score`` (0-100 %) falls into.

    :raise ValueError: if ``score`` lies outside 0-100 %.
    """
    rounded = round(score, COMPARISON_DECIMALS)
    if not 0.0 <= rounded <= 100.0:
        raise ValueError(f"score {score} is outside 0-100 %")
    for band in BANDS:
        if rounded <= band.upper:
            return band
    raise AssertionError("unreachable: the last band ends at 100 %")  # pragma: no cover


def band_by_id(band_id: str) -> Band:
    """Return the band with ``band_id``; raise ``KeyError`` if there is none."""
    for band in BANDS:
        if band.id == band_id:
            return band
    raise KeyError(band_id)
