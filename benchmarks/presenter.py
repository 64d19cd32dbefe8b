"""Benchmark of the presenter screen's poll: a 304 (nothing changed) against a 200 (re-rendered).

Run from the project root: ``.venv/bin/python benchmarks/presenter.py [--runs N]``.

For 10, 100 and 1,000 participants who answered every item of the ``full`` questionnaire
(72 items; SQLite in a temporary directory, the shipped standards) it prints the median
server time, in process through the Flask test client, of

* **304**: ``GET …/workshop/present/live`` with the current ``If-None-Match`` (three aggregate
  queries, nothing scored or rendered) — what every poll costs while nothing changes;
* **200**: the same request without it (scoring and rendering the discussion view) — what a poll
  costs once after each change.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from assessor import create_app  # noqa: E402
from assessor.accounts.users import create_user  # noqa: E402
from assessor.extensions import db  # noqa: E402
from assessor.models import Answer, Assessment, Organisation, Respondent, Role, Workspace  # noqa: E402
from assessor.standards import get_framework  # noqa: E402

PASSWORD = "bench-password-1234"


def seed(participants: int) -> int:
    """A revealed workshop with ``participants`` who answered every item; return its id."""
    items = [item.code for item in get_framework().questionnaire("full").items]
    workspace = Workspace(name="Bench")
    create_user("bench@example.com", "Bench", PASSWORD, Role.CONSULTANT, workspace=workspace)
    org = Organisation(name="Bench hotel", workspace=workspace)
    assessment = Assessment(
        organisation=org,
        title="Bench",
        questionnaire_id="full",
        questionnaire_version=get_framework().questionnaire("full").version,
        mode="workshop",
        join_code="BENCH2",
        join_token="bench-token",
        revealed=True,
    )
    db.session.add(org)
    db.session.flush()
    rng = random.Random(participants)
    for n in range(participants):
        respondent = Respondent(assessment_id=assessment.id, name=f"Person {n}")
        db.session.add(respondent)
        db.session.flush()
        db.session.execute(
            sa.insert(Answer),
            [{"respondent_id": respondent.id, "item_code": code, "level": rng.randint(0, 4)} for code in items],
        )
    db.session.commit()
    return int(assessment.id)


def median_ms(call: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(participants: int, runs: int) -> tuple[float, float]:
    """Median milliseconds of a 304 poll and of a 200 poll for ``participants``."""
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "TESTING": True,
                "WTF_CSRF_ENABLED": False,
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite",
                "STANDARDS_DIR": ROOT / "standards",
                "SECRET_KEY": "bench",
            }
        )
        with app.app_context():
            upgrade()
            assessment_id = seed(participants)
        client = app.test_client()
        client.post("/login", data={"email": "bench@example.com", "password": PASSWORD})
        url = f"/assessments/{assessment_id}/workshop/present/live"
        first = client.get(url)
        assert first.status_code == 200, first.status_code
        etag = first.headers["ETag"]

        def unchanged() -> None:
            assert client.get(url, headers={"If-None-Match": etag}).status_code == 304

        def changed() -> None:
            assert client.get(url).status_code == 200

        result = median_ms(unchanged, runs), median_ms(changed, max(3, runs // 3))
        with app.app_context():
            db.engine.dispose()
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(f"{'participants':>12}  {'304 (ms)':>9}  {'200 (ms)':>9}")
    for participants in (10, 100, 1000):
        not_modified, rendered = measure(participants, args.runs)
        print(f"{participants:>12}  {not_modified:>9.1f}  {rendered:>9.1f}")


if __name__ == "__main__":
    main()
