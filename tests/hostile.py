"""Helpers for the hostile-input tests: a seeded workspace, URLs from the URL map, forms read from pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote

import sqlalchemy as sa
from flask import Flask
from werkzeug.routing import Rule
from werkzeug.test import TestResponse

from assessor.extensions import db
from assessor.models import (
    Action,
    Answer,
    Assessment,
    CustomKpi,
    KpiReading,
    Organisation,
    Respondent,
    User,
    Workspace,
)
from tests.factories import classroom_session

CONTROL = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f"]
"""NUL, other C0 controls, DEL and C1 controls: refused in every text."""
LINE_BREAKS = ["\n", "\r"]
"""Refused in one-line fields (and in URL tokens), accepted in multi-line ones."""
URL_VALUES = [f"{c}" for c in CONTROL] + [f"a{c}b" for c in (*CONTROL, "\t", *LINE_BREAKS)]
"""What goes into each URL argument: a control character alone and inside a plausible value."""
HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy")
_ARGUMENT = re.compile(r"<(?:(?P<converter>[^:<>]+):)?(?P<name>\w+)>")


def assert_refused(response: TestResponse, what: object) -> None:
    """A 4xx with the security headers."""
    assert 400 <= response.status_code < 500, (what, response.status_code)
    assert_headers(response, what)


def assert_headers(response: TestResponse, what: object) -> None:
    """Never a 500, and every security header present."""
    assert response.status_code < 500, (what, response.status_code)
    missing = [name for name in HEADERS if name not in response.headers]
    assert not missing, (what, response.status_code, missing)


def seed(app: Flask, workspace: str = "Workspace A") -> dict[str, object]:
    """An organisation in ``workspace`` with an opened workshop, a respondent and one answer.

    :return: a value for every URL argument of the app.
    """
    with app.app_context():
        ws = db.session.scalar(sa.select(Workspace).where(Workspace.name == workspace))
        org = Organisation(name="Client C", workspace=ws)
        assessment = Assessment(
            organisation=org,
            title="Workshop",
            questionnaire_id="mini",
            questionnaire_version="1",
            mode="workshop",
            join_code="JOINCC",
            join_token="c-join-token-1234",
        )
        respondent = Respondent(assessment=assessment, name="Aiko")
        respondent.answers.append(Answer(item_code="E1-01", level=2, is_na=False, comment="fine"))
        for element in range(
            3, 10
        ):  # (not E2: a test answers it) enough evidence for a report with recommended actions to track
            respondent.answers.append(Answer(item_code=f"E{element}-01", level=1, is_na=False))
        db.session.add(org)
        db.session.flush()
        reading = KpiReading(assessment_id=assessment.id, kpi_id="CSAT", period="2026", value=70.0, source="")
        db.session.add(reading)
        own = CustomKpi(
            organisation_id=org.id,
            code="SEEDED",
            name="Seeded",
            unit="count",
            direction="lower",
            kind="operational",
            lower=0.0,
        )
        db.session.add(own)
        action = Action(organisation_id=org.id, assessment_id=assessment.id, title="Plan", status="planned")
        db.session.add(action)
        # A classroom session with the workshop's code and link (another table, so the same values are
        # free): the classroom's join forms are crawled too. Its case is not in the mini standards.
        classroom = classroom_session(org.workspace_id, "JOINCC", "c-join-token-1234")
        db.session.add(classroom)
        db.session.commit()
        return {
            "org_id": org.id,
            "assessment_id": assessment.id,
            "element_id": "E1",
            "code": "E1-01",
            "flag": "locked",
            "move": "next",
            "scope": "queue",
            "state": "on",
            "action": "archive",
            "change": "finalise",
            "token": respondent.token,
            "respondent_id": respondent.id,
            "reading_id": reading.id,
            "custom_id": own.id,
            "action_id": action.id,
            "segment_id": assessment.segments[0].id,
            "direction": "up",
            "join_token": "c-join-token-1234",
            "questionnaire_id": "mini",
            "upload": "c-upload-token-1234",
            "kind": "csv",
            "join_code": "JOINCC",
            "lang": "en",
            "filename": "css/app.css",
            "user_id": db.session.scalar(sa.select(sa.func.max(User.id))) or 1,
            "workspace_id": org.workspace_id,
            "session_id": classroom.id,
        }


def url_for_rule(rule: Rule, values: dict[str, object], name: str | None = None, value: str = "") -> str:
    """The rule's URL with ``values``, argument ``name`` (if given) replaced by ``value``, percent-encoded."""

    def fill(match: re.Match[str]) -> str:
        arg = match.group("name")
        text = value if arg == name else str(values[arg])
        return quote(text, safe="/" if match.group("converter") == "path" and arg != name else "")

    return _ARGUMENT.sub(fill, rule.rule)


def methods(rule: Rule) -> list[str]:
    """The methods a rule answers, without HEAD and OPTIONS."""
    return sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})


# ---------------------------------------------------------------- forms in pages


@dataclass
class FormField:
    """One named control of a form: its kind (input type, ``textarea``, ``select``) and default value."""

    name: str
    kind: str
    default: str = ""
    options: list[str] = field(default_factory=list)


@dataclass
class PageForm:
    """A POST form found in a page."""

    action: str
    fields: dict[str, FormField] = field(default_factory=dict)

    def text_fields(self) -> list[FormField]:
        """The fields a hostile value can be typed into (everything but the CSRF token, buttons and file
        inputs: an upload is a file, checked by its content in tests/functional/test_branding.py)."""
        return [
            f for f in self.fields.values() if f.name != "csrf_token" and f.kind not in ("submit", "button", "file")
        ]

    @property
    def key(self) -> tuple[str, tuple[str, ...]]:
        """Forms are the same if they post the same fields to the same place."""
        return self.action, tuple(sorted(self.fields))


class FormParser(HTMLParser):
    """Collect the POST forms of a page with their fields and default values."""

    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.forms: list[PageForm] = []
        self._form: PageForm | None = None
        self._textarea: FormField | None = None
        self._select: FormField | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                self._form = PageForm(a.get("action") or self.page_url)
                self.forms.append(self._form)
            return
        if self._form is None or not a.get("name"):
            if tag == "option" and self._select is not None:
                self._option(a)
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            existing = self._form.fields.get(name)
            if kind == "radio" and existing is not None:
                existing.options.append(a.get("value", ""))
                if "checked" in a:
                    existing.default = a.get("value", "")
                return
            self._form.fields[name] = FormField(
                name, kind, a.get("value", "") if kind != "radio" or "checked" in a else "", [a.get("value", "")]
            )
        elif tag == "textarea":
            self._textarea = self._form.fields[name] = FormField(name, "textarea")
        elif tag == "select":
            self._select = self._form.fields[name] = FormField(name, "select")

    def _option(self, a: dict[str, str]) -> None:
        assert self._select is not None
        self._select.options.append(a.get("value", ""))
        if "selected" in a:
            self._select.default = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            if not self._textarea.default:  # browsers drop the line break right after <textarea>
                data = data.removeprefix("\r\n").removeprefix("\n")
            self._textarea.default += data


def forms_in(html: str, page_url: str) -> list[PageForm]:
    """The POST forms of a page."""
    parser = FormParser(page_url)
    parser.feed(html)
    return parser.forms


def clean_value(form_field: FormField, overrides: dict[str, str], serial: Iterator[int]) -> str:
    """A value the form accepts: the page's default, else a plausible one of the field's kind."""
    if form_field.name in overrides:
        return overrides[form_field.name]
    if form_field.default:
        return form_field.default
    if form_field.kind in ("radio", "select"):
        return next((o for o in form_field.options if o), "")
    return {
        "email": f"new-{next(serial)}@example.org",
        "date": "2026-11-22",
        "number": "50",
    }.get(form_field.kind, "Sample text")


def control_chars_in_database(app: Flask) -> list[str]:
    """Every stored text (any table, any string column) holding a control character other than tab and line breaks."""
    found = []
    pattern = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for column in table.columns:
                if not isinstance(column.type, sa.String):
                    continue
                for (text,) in db.session.execute(sa.select(column).where(column.is_not(None))):
                    if pattern.search(text):
                        found.append(f"{table.name}.{column.name}: {text!r}")
    return found
