"""``assessor standards check``: validate the framework data and print the coverage matrices;
``assessor standards cases``: the same check, then each calibration case's key profile."""

from __future__ import annotations

import os
import sys
from collections.abc import Collection
from pathlib import Path

import click

from assessor.config import ROOT
from assessor.domain import Case, Framework
from assessor.standards import COVERAGE_AXES, StandardsError, action_matrix, coverage_matrix, load_framework


@click.group("standards")
def standards_cli() -> None:
    """Framework data: validation and coverage."""


DIR_OPTION = click.option(
    "--dir",
    "standards_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Standards directory (default: ASSESSOR_STANDARDS_DIR or ./standards).",
)


@standards_cli.command("check")
@DIR_OPTION
def standards_check(standards_dir: Path | None) -> None:
    """Validate the standards data and print each questionnaire's coverage matrix."""
    framework = _load(standards_dir)
    for questionnaire in framework.questionnaires.values():
        click.echo(f"questionnaire {questionnaire.id} v{questionnaire.version}: {len(questionnaire.items)} items")
        matrix = coverage_matrix(framework, questionnaire)
        for axis in COVERAGE_AXES:
            cells = "  ".join(f"{key}={count}" for key, count in matrix[axis].items())
            click.echo(f"  {axis:<17} {cells}")
    _echo_actions(framework)
    click.echo(f"cases: {len(framework.cases)} ({', '.join(framework.cases) or 'no standards/cases folder'})")
    versions = ", ".join(f"{k} {v}" for k, v in framework.versions.items())
    click.echo(f"ok: {versions}")


def _load(standards_dir: Path | None) -> Framework:
    """The framework, or every problem as file:line: message and exit status 1."""
    directory = standards_dir or Path(os.environ.get("ASSESSOR_STANDARDS_DIR", ROOT / "standards"))
    try:
        return load_framework(directory)
    except StandardsError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        click.echo(f"{len(exc.problems)} problem(s) in {directory}", err=True)
        sys.exit(1)


@standards_cli.command("cases")
@DIR_OPTION
def standards_cases(standards_dir: Path | None) -> None:
    """Validate the standards data, then print the calibration cases' key profiles side by side:
    the mean key level overall, per questionnaire, per pyramid level and per element, and the
    histogram of key levels, so a trainer can see that the cases lie apart."""
    framework = _load(standards_dir)
    cases = list(framework.cases.values())
    if not cases:
        click.echo("no calibration cases (no standards/cases folder)")
        return
    items = {item.code: item for q in framework.questionnaires.values() for item in q.items}
    rows: list[tuple[str, list[str]]] = [("mean", [_mean(c, items) for c in cases])]
    rows += [
        (f"{q.id} ({len(q.items)})", [_mean(c, {i.code: i for i in q.items}) for c in cases])
        for q in framework.questionnaires.values()
    ]
    for attr, ids in (
        ("pyramid_level_id", [p.id for p in framework.pyramid_levels]),
        ("element_id", [e.id for e in framework.elements]),
    ):
        rows += [(i, [_mean(c, {k: v for k, v in items.items() if getattr(v, attr) == i}) for c in cases]) for i in ids]
    levels: list[int | None] = [lvl.value for lvl in framework.scale.levels]
    for level in [*levels, None]:
        label = "N/A" if level is None else f"level {level}"
        rows.append((label, [str(sum(1 for e in c.key.values() if e.level == level)) for c in cases]))
    width = max(12, *(len(c.id) + 2 for c in cases))
    click.echo("".ljust(16) + "".join(c.id.rjust(width) for c in cases))
    for label, cells in rows:
        click.echo(label.ljust(16) + "".join(cell.rjust(width) for cell in cells))
    click.echo(f"ok: {len(cases)} case(s)")


def _mean(case: Case, items: Collection[str]) -> str:
    """The mean key level over ``items`` (N/A left out), two decimals, or a dash."""
    rated = [entry.level for code, entry in case.key.items() if code in items and entry.level is not None]
    return f"{sum(rated) / len(rated):.2f}" if rated else "-"


def _echo_actions(framework: Framework) -> None:
    """Print the recommendations library: actions per element and maturity band."""
    if not framework.actions:
        click.echo("recommendations: none (no standards/recommendations folder)")
        return
    click.echo(f"recommendations: {len(framework.actions)} actions, {len(framework.kpis)} KPIs; actions per band:")
    matrix = action_matrix(framework)
    bands = list(next(iter(matrix.values())))
    click.echo("  element  " + "  ".join(f"{band:>12}" for band in bands) + "  actions")
    for element_id, counts in matrix.items():
        total = sum(1 for a in framework.actions if a.element_id == element_id)
        cells = "  ".join(f"{counts[band]:>12}" for band in bands)
        click.echo(f"  {element_id:<7}  {cells}  {total:>7}")
