"""The demo organisations carry last year's actions in four states, so trainers can show the action
plan and the report's "actions since the last assessment" at once."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Flask

from assessor.demo import DEMO_NAME, DEMO_NAME_JA
from assessor.extensions import db
from assessor.models import Organisation
from tests.helpers import login


def test_the_demo_shows_done_under_way_overdue_and_dropped_actions(real_app: Flask, tmp_path: Path) -> None:
    runner = real_app.test_cli_runner()
    login_file = tmp_path / "login.txt"
    assert runner.invoke(args=["demo", "seed", "--login-file", str(login_file)]).exit_code == 0
    email, password = (line.split(": ", 1)[1] for line in login_file.read_text().splitlines()[:2])
    with real_app.app_context():
        found = {}
        for name in (DEMO_NAME, DEMO_NAME_JA):
            org = db.session.query(Organisation).filter_by(name=name).one()
            found[name] = (org.id, max(org.assessments, key=lambda a: a.assessed_on).id)
    client = real_app.test_client()
    login(client, email, password)
    org_id, current_id = found[DEMO_NAME]
    plan = client.get(f"/organisations/{org_id}/actions").get_data(as_text=True)
    assert plan.count("✘ Overdue") == 1
    page = client.get(f"/assessments/{current_id}/report").get_data(as_text=True)
    section = page.split('id="since-h"', 1)[1].split("</section>", 1)[0]
    states = re.findall(r'<th scope="row"><a [^>]*>[^<]+</a></th>\s*<td>([^<]+)</td>', section)
    assert sorted(states) == sorted(["Done", "Under way", "✘ Overdue", "Dropped (won't do)"]), section
    client.get("/language/ja")
    org_id, current_id = found[DEMO_NAME_JA]
    japanese = client.get(f"/assessments/{current_id}/report").get_data(as_text=True)
    assert "前回の評価以降の施策" in japanese and "<td>✘ 期限超過</td>" in japanese
