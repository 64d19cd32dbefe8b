"""``assessor standards check``: validate the framework data and print the coverage matrices."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from assessor.config import ROOT
from assessor.domain import Framework
from assessor.standards import COVERAGE_AXES, StandardsError, action_matrix, coverage_matrix, load_framework


@click.group("standards")
def standards_cli() -> None:
    """Framework data: validation and coverage."""


@standards_cli.command("check")
@click.option(
    "--dir",
    "standards_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Standards directory (default: ASSESSOR_STANDARDS_DIR or ./standards).",
)
def standards_check(standards_dir: Path | None) -> None:
    """Validate the standards data and print each questionnaire's coverage matrix."""
    directory = standards_dir or Path(os.environ.get("ASSESSOR_STANDARDS_DIR", ROOT / "standards"))
    try:
        framework = load_framework(directory)
    except StandardsError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        click.echo(f"{len(exc.problems)} problem(s) in {directory}", err=True)
        sys.exit(1)
    for questionnaire in framework.questionnaires.values():
        click.echo(f"questionnaire {questionnaire.id} v{questionnaire.version}: {len(questionnaire.items)} items")
        matrix = coverage_matrix(framework, questionnaire)
        for axis in COVERAGE_AXES:
            cells = "  ".join(f"{key}={count}" for key, count in matrix[axis].items())
            click.echo(f"  {axis:<17} {cells}")
    _echo_actions(framework)
    versions = ", ".join(f"{k} {v}" for k, v in framework.versions.items())
    click.echo(f"ok: {versions}")


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
