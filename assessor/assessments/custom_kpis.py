"""An organisation's own KPIs: defined once for the organisation, read in every one of its assessments.

Every page, report and file that reads KPI values of an organisation's assessment takes the
catalogue from :func:`framework_for`, so a custom KPI is entered, checked, shown and counted in
the watermelon and optimism checks like a catalogue KPI.  A custom KPI that has values cannot
be deleted (its values would silently vanish from reports): delete the values first.
"""

from __future__ import annotations

import sqlalchemy as sa

from assessor.domain import Framework, Kpi
from assessor.extensions import db
from assessor.history import record
from assessor.models import Assessment, CustomKpi, KpiReading, Organisation, User
from assessor.scoring.kpidefs import KpiDefinition, define, kpi_of, with_custom_kpis
from assessor.scoring.kpis import KpiInputError, Problem

__all__ = [
    "KpiDefinition",
    "add_custom_kpi",
    "custom_kpis_of",
    "delete_custom_kpi",
    "definition_of",
    "framework_for",
    "own_kpis",
]


def custom_kpis_of(organisation_id: int) -> list[CustomKpi]:
    """The organisation's own KPIs, by code."""
    query = sa.select(CustomKpi).filter_by(organisation_id=organisation_id).order_by(CustomKpi.code)
    return list(db.session.scalars(query))


def definition_of(row: CustomKpi) -> KpiDefinition:
    """A stored custom KPI as the definition it was made from."""
    return KpiDefinition(
        code=row.code,
        name=row.name,
        name_ja=row.name_ja,
        formula=row.formula,
        unit=row.unit,
        direction=row.direction,
        kind=row.kind,
        lower=row.lower,
        upper=row.upper,
        element_ids=tuple(row.elements.split()),
        pyramid_level_ids=tuple(row.pyramid_levels.split()),
        min_n=row.min_n,
    )


def own_kpis(organisation_id: int, framework: Framework) -> tuple[Kpi, ...]:
    """The organisation's own KPIs as the core's :class:`Kpi` (those whose code the catalogue has
    since taken are left out: the catalogue's KPI wins)."""
    catalogue = {k.id for k in framework.kpis}
    kpis = (kpi_of(definition_of(row)) for row in custom_kpis_of(organisation_id))
    return tuple(k for k in kpis if k.id not in catalogue)


def framework_for(organisation_id: int, framework: Framework) -> Framework:
    """``framework`` whose KPI catalogue also holds the organisation's own KPIs."""
    return with_custom_kpis(framework, own_kpis(organisation_id, framework))


def add_custom_kpi(
    organisation: Organisation, framework: Framework, definition: KpiDefinition, actor: User | None
) -> CustomKpi:
    """Store a KPI of the organisation's own and commit.

    :raise KpiInputError: the definition's problems (a bad or taken code, a missing name, an
        empty range, an unknown element...); nothing is written then.
    """
    taken = {row.code for row in custom_kpis_of(organisation.id)}
    kpi, problems = define(definition, framework, taken)
    if kpi is None:
        raise KpiInputError(*problems)
    row = CustomKpi(
        organisation_id=organisation.id,
        code=kpi.id,
        name=kpi.name.en,
        name_ja=definition.name_ja.strip(),
        formula=kpi.formula.en,
        unit=kpi.unit,
        direction=kpi.direction,
        kind=kpi.kind,
        lower=kpi.lower,
        upper=kpi.upper,
        elements=" ".join(kpi.element_ids),
        pyramid_levels=" ".join(kpi.pyramid_level_ids),
        min_n=kpi.min_n,
    )
    db.session.add(row)
    record("custom KPI defined", organisation, actor, kpi.id)
    db.session.commit()
    return row


def delete_custom_kpi(organisation: Organisation, custom_id: int, actor: User | None) -> bool:
    """Delete one of the organisation's own KPIs and commit; ``False`` when it has no such KPI.

    :raise KpiInputError: (``in_use``) when values of it are stored in any of the organisation's
        assessments; nothing is deleted then.
    """
    row = db.session.get(CustomKpi, custom_id)
    if row is None or row.organisation_id != organisation.id:
        return False
    in_use = db.session.scalar(
        sa.select(sa.func.count(KpiReading.id))
        .join(Assessment, KpiReading.assessment_id == Assessment.id)
        .where(Assessment.organisation_id == organisation.id, KpiReading.kpi_id == row.code)
    )
    if in_use:
        raise KpiInputError(
            Problem(
                "in_use",
                f"{row.code} has {in_use} stored values: delete them first",
                {"code": row.code, "count": str(in_use)},
            )
        )
    record("custom KPI deleted", organisation, actor, row.code)
    db.session.delete(row)
    db.session.commit()
    return True
