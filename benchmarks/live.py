"""Benchmark of the live views at scale: server time against the pure scoring core on the same data.

Run from the project root:
``.venv/bin/python benchmarks/live.py [--runs N] [--sizes 10,100,1000,5000] [--postgres URL]``.

For N participants who answered every item of the ``full`` questionnaire (72 items, three
segments; SQLite in a temporary directory, the shipped standards) it prints the median server
time, in process through the Flask test client, of

* **live/a**, **pres/a**: the live panel and the presenter screen while people answer (distributions
  hidden: progress only, nothing scored);
* **live**: the facilitator's live panel (``…/workshop/live``, rendered: no ``If-None-Match``) after the reveal;
* **pres/1**: the presenter screen's changing part (``…/workshop/present/live``) rendered for the
  first time in its version (the view cache emptied before each request);
* **present**: the same for every further projector (read from the view cache);
* **survey**: a survey page's counts (``…/survey/live``, rendered: respondents, finished and the
  count per segment with the minimum group size applied; nothing scored);
* **results**: the results page;
* **pdf**: the PDF report (compared with its time at 30 participants);
* **304**: a live-panel poll with the current ``If-None-Match`` (nothing scored or rendered);

beside **core**: :func:`assessor.scoring.score` on the same answers already in memory (the
floor: what the maths costs without the database), and each view's ratio to it; and **old**,
the per-answer path (every answer loaded as an object, ``score_assessment_answers``) for scale.
Targets at 1,000 participants: live and presenter < 50 ms and results < 150 ms, each within 3x
core; the PDF within 1.3x its time at 30; a 304 < 5 ms.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from assessor import create_app  # noqa: E402
from assessor.accounts.users import create_user  # noqa: E402
from assessor.assessments import questionnaire_of, score_assessment_answers, scoring_input  # noqa: E402
from assessor.extensions import db  # noqa: E402
from assessor.models import Answer, Assessment, Organisation, Respondent, Role, ViewCache, Workspace  # noqa: E402
from assessor.reports.pdf import warm_up  # noqa: E402
from assessor.scoring import score  # noqa: E402
from assessor.standards import get_framework  # noqa: E402

PASSWORD = "bench-password-1234"
SEGMENTS = ("leadership", "front-line", "back-office")
TARGETS = {"live": 50.0, "present first": 50.0, "present": 50.0, "results": 150.0}
PDF_BASE = 30
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


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
        join_code="BENCH3",
        join_token="bench-token",
        revealed=True,
    )
    db.session.add(org)
    db.session.flush()
    rng = random.Random(participants)
    db.session.execute(
        sa.insert(Respondent),
        [
            {
                "assessment_id": assessment.id,
                "name": f"Person {n}",
                "segment": SEGMENTS[n % 3],
                "token": f"bench-phone-{n:05d}",
            }
            for n in range(participants)
        ],
    )
    ids = db.session.scalars(sa.select(Respondent.id).where(Respondent.assessment_id == assessment.id)).all()
    rows = [{"respondent_id": rid, "item_code": code, "level": rng.randint(0, 4)} for rid in ids for code in items]
    for start in range(0, len(rows), 20000):
        db.session.execute(sa.insert(Answer), rows[start : start + 20000])
    db.session.commit()
    return int(assessment.id)


def median_ms(call: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


@contextmanager
def database(participants: int, postgres: str) -> Iterator[str]:
    """A fresh database for one size: a SQLite file in a temporary directory, or (with ``postgres``,
    a server URL such as ``postgresql+psycopg:///postgres``) a PostgreSQL database made and dropped here."""
    if not postgres:
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{tmp}/bench.sqlite"
        return
    name = f"assessor_bench_{participants}"
    server = sa.create_engine(postgres, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name}"))
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    try:
        yield sa.make_url(postgres).set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as conn:
            conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        server.dispose()


def measure(participants: int, runs: int, pdf: bool, postgres: str = "") -> dict[str, float]:
    """Median milliseconds of every view, the core and the old path for ``participants``."""
    with database(participants, postgres) as url:
        app = create_app(
            {
                "TESTING": True,
                "SQLALCHEMY_DATABASE_URI": url,
                "STANDARDS_DIR": ROOT / "standards",
                "SECRET_KEY": "bench",
            }
        )
        with app.app_context():
            upgrade()
            assessment_id = seed(participants)
        client = app.test_client()
        token = CSRF.search(client.get("/login").get_data(as_text=True))
        assert token is not None
        client.post("/login", data={"email": "bench@example.com", "password": PASSWORD, "csrf_token": token[1]})
        base = f"/assessments/{assessment_id}"
        urls = {
            "live": f"{base}/workshop/live",
            "present": f"{base}/workshop/present/live",
            "survey": f"{base}/survey/live",
            "results": f"{base}/results",
        }
        if pdf:
            urls["pdf"] = f"{base}/report.pdf"
        found: dict[str, float] = {}
        with app.app_context():  # the answering phase: distributions hidden, progress only
            db.session.execute(sa.update(Assessment).values(revealed=False))
            db.session.commit()
        for name in ("live", "present"):

            def hidden(url: str = urls[name]) -> None:
                assert client.get(url).status_code == 200

            hidden()
            found[f"{name} answering"] = median_ms(hidden, runs)
        with app.app_context():
            db.session.execute(sa.update(Assessment).values(revealed=True))
            db.session.commit()
        for name, url in urls.items():
            first = client.get(url)
            assert first.status_code == 200, (url, first.status_code)

            def get(url: str = url) -> None:
                assert client.get(url).status_code == 200

            found[name] = median_ms(get, 3 if name == "pdf" else runs)
        times = []  # the presenter's first rendering of a version (the view cache emptied before each)
        for _ in range(runs):
            with app.app_context():
                db.session.execute(sa.delete(ViewCache))
                db.session.commit()
            start = time.perf_counter()
            assert client.get(urls["present"]).status_code == 200
            times.append((time.perf_counter() - start) * 1000)
        found["present first"] = statistics.median(times)
        etag = client.get(urls["live"]).headers["ETag"]

        def unchanged() -> None:
            assert client.get(urls["live"], headers={"If-None-Match": etag}).status_code == 304

        found["304"] = median_ms(unchanged, runs * 2)
        with app.app_context():
            assessment = db.session.get(Assessment, assessment_id)
            assert assessment is not None
            questionnaire = questionnaire_of(assessment)
            answers = scoring_input(assessment)
            framework = get_framework()
            found["core"] = median_ms(lambda: score(framework, questionnaire, answers), runs)
            found["old"] = median_ms(lambda: score_assessment_answers(assessment), max(3, runs // 3))
            db.session.remove()
            db.engine.dispose()
        return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--sizes", default="10,100,1000,5000")
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument(
        "--postgres", default="", help="measure on PostgreSQL: a server URL, e.g. postgresql+psycopg:///postgres"
    )
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    pdf = not args.no_pdf
    if pdf:
        warm_up()
        sizes = sorted(set(sizes) | {PDF_BASE})
    print(f"Database: {'PostgreSQL' if args.postgres else 'SQLite'}")
    heading = f"{'N':>5}  {'core':>6}  {'old':>7}  {'live/a':>6}  {'pres/a':>6}  "
    heading += f"{'live':>6} {'x':>5}  {'pres/1':>6} {'x':>5}  {'present':>7}  {'survey':>6}  "
    print(heading + f"{'results':>7} {'x':>5}  {'pdf':>7} {'xN30':>5}  {'304':>5}   (ms, median)")
    pdf_base: float | None = None
    for participants in sizes:
        started = time.perf_counter()
        t = measure(participants, args.runs, pdf, args.postgres)
        core = t["core"]
        if participants == PDF_BASE:
            pdf_base = t.get("pdf")
        pdf_cell = f"{t['pdf']:>7.0f} {t['pdf'] / pdf_base:>5.2f}" if pdf and pdf_base else f"{'-':>7} {'-':>5}"
        print(
            f"{participants:>5}  {core:>6.1f}  {t['old']:>7.1f}  "
            f"{t['live answering']:>6.1f}  {t['present answering']:>6.1f}  "
            f"{t['live']:>6.1f} {t['live'] / core:>5.1f}  "
            f"{t['present first']:>6.1f} {t['present first'] / core:>5.1f}  "
            f"{t['present']:>7.1f}  "
            f"{t['survey']:>6.1f}  "
            f"{t['results']:>7.1f} {t['results'] / core:>5.1f}  {pdf_cell}  {t['304']:>5.1f}"
            f"   [{time.perf_counter() - started:.0f} s]",
            flush=True,
        )
        if participants == 1000:
            verdicts = [
                f"{name} while answering {t[name + ' answering']:.1f} ms (< 50: "
                f"{'ok' if t[name + ' answering'] < 50 else 'MISSED'})"
                for name in ("live", "present")
            ]
            verdicts += [
                f"{name} {t[name]:.1f} ms (< {limit:.0f}: {'ok' if t[name] < limit else 'MISSED'}; "
                f"{t[name] / core:.1f}x core, <= 3: {'ok' if t[name] <= 3 * core else 'MISSED'})"
                for name, limit in TARGETS.items()
            ]
            if pdf and pdf_base:
                ratio = t["pdf"] / pdf_base
                verdicts.append(f"pdf {ratio:.2f}x its time at 30 (<= 1.3: {'ok' if ratio <= 1.3 else 'MISSED'})")
            verdicts.append(f"304 {t['304']:.1f} ms (< 5: {'ok' if t['304'] < 5 else 'MISSED'})")
            print("      targets at 1,000: " + "; ".join(verdicts), flush=True)


if __name__ == "__main__":
    main()
