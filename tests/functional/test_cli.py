"""The ``assessor`` console command: standards check, refusal to start on bad data, demo seed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import sqlalchemy as sa
from click.testing import CliRunner
from flask import Flask

from assessor.cli.main import cli
from tests.helpers import REAL_STANDARDS, ROOT

ASSESSOR = Path(sys.executable).parent / "assessor"


def test_standards_check_passes_on_shipped_data() -> None:
    result = CliRunner().invoke(cli, ["standards", "check", "--dir", str(REAL_STANDARDS)])
    assert result.exit_code == 0, result.output
    assert "questionnaire full v1: 72 items" in result.output
    assert "questionnaire quick v1: 18 items" in result.output
    assert "ok: iso-23592 2021.1" in result.output


def test_standards_check_fails_with_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "standards"
    shutil.copytree(REAL_STANDARDS, broken)
    e5 = broken / "items" / "E5.yaml"
    lines = e5.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if "pyramid_level" in line)
    lines[number - 1] = lines[number - 1].replace("L", "L9", 1)
    e5.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["standards", "check", "--dir", str(broken)])
    assert result.exit_code == 1
    assert f"error: standards/items/E5.yaml:{number}: item E5-01: unknown pyramid_level" in result.output


def test_console_script_exit_codes(tmp_path: Path) -> None:
    """The installed ``assessor`` command, run as a user would."""
    ok = subprocess.run([ASSESSOR, "standards", "check"], capture_output=True, text=True, cwd=ROOT, check=False)
    assert ok.returncode == 0, ok.stderr
    broken = tmp_path / "standards"
    shutil.copytree(REAL_STANDARDS, broken)
    (broken / "maturity_scale.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    bad = subprocess.run([ASSESSOR, "standards", "check", "--dir", broken], capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    assert "standards/maturity_scale.yaml:2: invalid YAML" in bad.stderr


def test_app_refuses_to_start_on_invalid_data_without_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "standards"
    shutil.copytree(REAL_STANDARDS, broken)
    quick = broken / "questionnaires" / "quick.yaml"
    quick.write_text(quick.read_text(encoding="utf-8").replace("  - E9-01\n  - E9-02\n", ""), encoding="utf-8")
    env = {**os.environ, "ASSESSOR_STANDARDS_DIR": str(broken), "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    for command in ([ASSESSOR, "routes"], [sys.executable, "-c", "import assessor.wsgi"]):
        run = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
        assert run.returncode != 0
        assert "assessor cannot start: the standards data is invalid." in run.stderr
        assert "standards/questionnaires/quick.yaml:" in run.stderr
        assert "coverage hole: element E9 has 0 item(s), at least 1 required" in run.stderr
        assert "Traceback" not in run.stderr


def test_demo_seed_creates_completed_assessments_once(real_app: Flask) -> None:
    from assessor.extensions import db
    from assessor.models import Answer, Organisation

    runner = real_app.test_cli_runner()
    first = runner.invoke(args=["demo", "seed"])
    assert first.exit_code == 0 and "demo data created" in first.output
    second = runner.invoke(args=["demo", "seed"])
    assert "demo data already present" in second.output
    with real_app.app_context():
        orgs = db.session.scalars(sa.select(Organisation).order_by(Organisation.id)).all()
        assert [(o.name, o.is_demo) for o in orgs] == [
            ("Harbourview Hotels (demo)", True),
            ("ハーバービューホテルズ（デモ）", True),
            ("Hoshimi Kotsu (demo)", True),
            ("星見交通（デモ）", True),
            ("Kirikaze Digital Services (demo)", True),
            ("霧風デジタルサービス（デモ）", True),
        ]
        english, japanese = ([a for a in org.assessments] for org in orgs[:2])
        assert (
            [a.questionnaire_id for a in english]
            == ["quick", "full", "quick"]
            == [a.questionnaire_id for a in japanese]
        )
        assert english[2].assessed_on.year == english[0].assessed_on.year - 1  # the first of three years
        assert [a.title_ja for a in japanese] == [
            f"{english[0].assessed_on.year}年 サービスエクセレンス簡易診断",
            f"{english[1].assessed_on.year}年 サービスエクセレンス総合診断",
            f"{english[2].assessed_on.year}年 サービスエクセレンス簡易診断",
        ]
        for full in (english[1], japanese[1]):
            assert full.mode == "workshop" and full.locked
            segments = Counter(r.segment for r in full.respondents)
            assert segments == {"leadership": 4, "front-line": 4, "back-office": 4}  # 12, three groups of 4
            for respondent in full.respondents:
                assert len(respondent.answers) == 72  # every item answered (a level or N/A)
        # The same numbers in both languages; the participants' words in the organisation's language.
        levels = [
            [(a.item_code, a.level) for r in full.respondents for a in r.answers] for full in (english[1], japanese[1])
        ]
        assert levels[0] == levels[1]
        reasons = {a.na_reason for r in japanese[1].respondents for a in r.answers if a.is_na}
        comments = {a.comment for r in japanese[1].respondents for a in r.answers if a.comment}
        assert reasons and comments and all(re.search("[ぁ-んァ-ン]", t) for t in reasons | comments)
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Answer).where(Answer.is_na)) > 0


def test_commands_on_an_unmigrated_database_say_what_to_do(tmp_path: Path) -> None:
    """A command on an empty database tells the operator to migrate, with no traceback."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/empty.db"}
    for command in (["demo", "reset", "--yes"], ["export", "1"]):
        run = subprocess.run([ASSESSOR, *command], capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
        assert run.returncode == 2, run.stderr
        assert "run `assessor db upgrade` first" in run.stderr
        assert "Traceback" not in run.stderr
