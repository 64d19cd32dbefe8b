"""Simulated workshop participants over real HTTP (used by the concurrency test and the benchmark)."""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@dataclass
class Participant:
    """One browser-like client: its own cookies, CSRF token and respondent token."""

    base_url: str
    opener: urllib.request.OpenerDirector = field(init=False)
    csrf: str = ""
    token: str = ""
    acknowledged: dict[str, int] = field(default_factory=dict)
    """Item code -> level the server confirmed as saved."""
    latencies: list[float] = field(default_factory=list)
    errors: int = 0

    def __post_init__(self) -> None:
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def _open(self, path: str, data: dict[str, str] | None = None, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body, headers=headers or {})
        return self.opener.open(request, timeout=30)

    def join(self, join_token: str, language: str = "en") -> None:
        """Open the join link, pick a language and land on the first page."""
        with self._open(f"/w/{join_token}") as response:
            self.csrf = _CSRF.search(response.read().decode()).group(1)  # type: ignore[union-attr]
        with self._open(f"/w/{join_token}", {"csrf_token": self.csrf, "language": language}) as response:
            final = response.geturl()
            page = response.read().decode()
        self.token = final.split("/respond/")[1].split("/")[0]
        self.csrf = _CSRF.search(page).group(1)  # type: ignore[union-attr]

    def save(self, code: str, level: int) -> bool:
        """Autosave one answer; remember it only if the server said it was saved."""
        key = "i_" + code.replace("-", "_")
        started = time.perf_counter()
        try:
            with self._open(
                f"/respond/{self.token}/items/{code}",
                {f"{key}-level": str(level)},
                {"X-CSRFToken": self.csrf, "Accept": "application/json"},
            ) as response:
                reply = json.loads(response.read())
        except (urllib.error.URLError, http.client.HTTPException, json.JSONDecodeError, OSError):
            self.errors += 1
            return False
        self.latencies.append(time.perf_counter() - started)
        if reply.get("saved"):
            self.acknowledged[code] = level
            return True
        self.errors += 1
        return False


def seed_workshop(database: Path, join_token: str, join_code: str) -> list[str]:
    """Migrate a fresh SQLite database and open one workshop on the full questionnaire in it.

    :return: the questionnaire's item codes, in order.
    """
    from assessor.extensions import db
    from assessor.models import Assessment, Organisation, Workspace
    from tests.helpers import REAL_STANDARDS, make_app

    app = make_app(f"sqlite:///{database}", standards=REAL_STANDARDS)
    with app.app_context():
        org = Organisation(name="Load Co", workspace=Workspace(name="Load"))
        db.session.add(
            Assessment(
                organisation=org,
                title="Workshop",
                questionnaire_id="full",
                questionnaire_version="1",
                mode="workshop",
                join_code=join_code,
                join_token=join_token,
            )
        )
        db.session.commit()
        codes = list(app.extensions["assessor.framework"].questionnaire("full").codes)
        db.engine.dispose()
    return codes
