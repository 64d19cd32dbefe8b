"""Hostile input on SQLite and PostgreSQL: control characters in every URL token, query value and form
field of every route (routes read from the URL map, forms read from the pages), digit-like levels,
invalid e-mail addresses, and a failed flush. Never a 500, always the security headers, nothing stored."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from assessor.extensions import db
from assessor.models import Answer, Organisation, User
from tests.factories import add_user
from tests.helpers import PASSWORD, csrf_token, login, make_app
from tests.hostile import (
    CONTROL,
    HEADERS,
    LINE_BREAKS,
    URL_VALUES,
    PageForm,
    assert_headers,
    assert_refused,
    clean_value,
    control_chars_in_database,
    forms_in,
    methods,
    seed,
    url_for_rule,
)

CONSULTANT = "consultant@example.com"
SPARE = "spare-admin@example.com"
FIELDLESS_POSTS = {
    "auth.logout",
    "workshops.open_workshop",
    "workshops.toggle",
    "workshops.move_item",
    "workshops.open_round",
    "workshops.close_round",
    "questionnaires.still_true",  # a button (formaction) of the answer form, shown when there is a baseline
    "branding.remove_logo",  # a button, shown when there is a logo
    "classroom.reveal",
    "classroom.show_key",
    "questionnaires.confirm_import",  # the button of an import's dry run, shown after an upload (test_offline_import)
}
"""POST routes whose forms carry only the CSRF token (a button): nothing to type into (the CSRF test
in test_security.py covers them; the seeded workshop is open, so its "open" button is not shown)."""
NO_BASELINE = {"auth.change_password", "organisations.delete_organisation", "questionnaires.import_file"}
"""Forms whose clean submission is not tried: a new password would end the session the crawl runs in,
deleting the organisation would take away what the rest of the crawl posts to (test_deletions
covers the accepted deletion), and a file upload cannot be posted as text (test_offline_import
covers accepted uploads)."""
CHOICE_ONLY_POSTS = {"reports.set_baseline", "questionnaires.round2", "classroom.index", "classroom.rate"}
"""POST routes whose form holds only a choice, shown only when there is something to choose (the seeded
organisation has one assessment; the seeded workshop has no second vote open); nothing to type into but
the N/A reason, checked by the same rules as every answer (tests/functional/test_baseline.py and
test_rounds.py cover them). The classroom's start form (a case and a questionnaire) and rating form
(levels only) need the shipped cases, which the mini standards lack (tests/functional/test_classroom.py)."""
API_POSTS = {"questionnaires.save_item"}
"""POST routes that JavaScript calls (tested field by field below)."""
DIGIT_LIKE = ["²", "①", "٣", "３", "9" * 5000, "-1", "+1", "01", " 1", "1.0", "5", "1\x00", "NA", ""]
"""Levels that are not ASCII digits of the scale (or ``na``); ``""`` with a comment is refused too."""


@dataclass
class World:
    app: Flask
    client: FlaskClient
    values: dict[str, object]


@pytest.fixture
def world(database_url: str) -> Iterator[World]:
    """An app on each database with a logged-in consultant owning a workshop with one respondent."""
    app = make_app(database_url)
    add_user(app, CONSULTANT)
    values = seed(app)
    client = app.test_client()
    login(client, CONSULTANT)
    yield World(app, client, values)
    with app.app_context():
        db.engine.dispose()


def test_control_characters_in_url_tokens_answer_4xx(world: World) -> None:
    app, values = world.app, world.values
    anonymous = app.test_client()
    token = csrf_token(world.client.get("/").get_data(as_text=True))
    routes = arguments = requests = 0
    for rule in app.url_map.iter_rules():
        routes += 1
        for name in sorted(rule.arguments):
            arguments += 1
            for value, method, client in itertools.product(URL_VALUES, methods(rule), (world.client, anonymous)):
                url = url_for_rule(rule, values, name, value)
                response = client.open(url, method=method, data={"csrf_token": token})
                requests += 1
                assert_refused(response, (rule.endpoint, name, repr(value), method))
    assert routes >= 30 and arguments >= 28, (routes, arguments)
    print(f"url tokens: {routes} routes, {arguments} arguments, {requests} requests")
    assert control_chars_in_database(app) == []


def test_control_characters_in_query_values_are_harmless(world: World) -> None:
    app, values = world.app, world.values
    checked = 0
    for rule in app.url_map.iter_rules():
        if "GET" not in methods(rule):
            continue
        for value in ("\x00", "a\x01b", "/\x00", "/\r\nX-Evil: 1", "\x85"):
            encoded = quote(value, safe="")
            url = f"{url_for_rule(rule, values)}?next={encoded}&lang={encoded}"
            response = world.client.get(url)
            checked += 1
            assert_headers(response, (rule.endpoint, repr(value)))
            location = response.headers.get("Location", "")
            assert not any(c in location for c in (*CONTROL, *LINE_BREAKS)), (rule.endpoint, location)
            assert "X-Evil" not in response.headers
    assert checked >= 18 * 5


def _crawl(world: World, client: FlaskClient | None = None, prefix: str = "") -> list[PageForm]:
    """Every distinct POST form on every page ``client`` (default: the consultant) can open (GET routes
    from the URL map whose endpoint starts with ``prefix``)."""
    found: dict[tuple[str, tuple[str, ...]], PageForm] = {}
    for rule in world.app.url_map.iter_rules():
        if "GET" not in methods(rule) or rule.endpoint == "static" or not rule.endpoint.startswith(prefix):
            continue
        url = url_for_rule(rule, world.values)
        response = (client or world.client).get(url)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        for form in forms_in(response.get_data(as_text=True), url):
            found.setdefault(form.key, form)
    return list(found.values())


def test_control_characters_in_every_form_field_are_refused(world: World) -> None:
    app, values = world.app, world.values
    serial = itertools.count()
    adapter = app.url_map.bind("localhost")
    # A read-only login of the organisation (its revoke and reset buttons), an admin for the admin pages,
    # a deactivated account (its reactivate button) and a spare admin, member of no workspace, to add.
    add_user(app, "viewer@example.com", role="viewer", workspace=None, organisation_id=values["org_id"])
    add_user(app, "admin@example.com", role="admin", workspace=None)
    add_user(app, SPARE, role="admin", workspace=None)
    gone = add_user(app, "gone@example.com", workspace="Workspace A")
    with app.app_context():
        db.session.execute(sa.update(User).where(User.id == gone).values(active=False))
        db.session.commit()
    admin = app.test_client()
    login(admin, "admin@example.com")
    # The KPI form takes a value or responses per answer, not both, and CSAT has no variant.
    # An own KPI's code is in capitals and its range not empty.
    overrides = {"code": str(values["join_code"]), "counts": "", "variant": "", "kpi_code": "OWN_KPI", "upper": "100"}
    overrides |= {"closes_at": "2099-01-31T17:00"}  # a survey's closing time must lie in the future
    covered: set[str] = set()
    fields_tested = submissions = 0
    crawled = [(form, world.client) for form in _crawl(world)]
    crawled += [(form, admin) for form in _crawl(world, admin, "admin.")]
    for form, client in crawled:
        endpoint = adapter.match(urlsplit(form.action).path, method="POST")[0]
        covered.add(endpoint)
        fields = form.text_fields()
        if not fields:
            continue
        own = overrides | ({"email": CONSULTANT, "password": PASSWORD} if endpoint == "auth.login" else {})
        if endpoint == "admin.add_workspace_member":  # an account that is a member of no workspace yet
            own = own | {f.name: SPARE for f in fields}
        clean = {f.name: clean_value(f, own, serial) for f in fields}
        for target in fields:
            fields_tested += 1
            hostile = CONTROL + ([] if target.kind == "textarea" else LINE_BREAKS)
            for char in hostile:
                token = csrf_token(client.get("/login").get_data(as_text=True))
                text = clean[target.name] or "x"
                data = clean | {target.name: text[:1] + char + text[1:], "csrf_token": token}
                response = client.post(form.action, data=data)
                submissions += 1
                assert_refused(response, (endpoint, target.name, repr(char)))
                if target.kind in ("text", "textarea", "email", "password"):
                    body = response.get_data(as_text=True)
                    assert f"U+{ord(char):04X}" in body, (endpoint, target.name, repr(char))
        if endpoint in NO_BASELINE:
            continue
        # The same form with clean values is accepted: the control character alone was refused.
        token = csrf_token(client.get("/login").get_data(as_text=True))
        accepted = client.post(form.action, data=clean | {"csrf_token": token})
        assert accepted.status_code < 400, (endpoint, accepted.status_code, clean)
    post_endpoints = {r.endpoint for r in app.url_map.iter_rules() if "POST" in methods(r)}
    missing = post_endpoints - covered - API_POSTS - FIELDLESS_POSTS - CHOICE_ONLY_POSTS
    assert missing == set(), "a POST form the crawl did not find"
    print(f"forms: {len(covered)} endpoints, {fields_tested} fields, {submissions} hostile submissions")
    assert fields_tested >= 20
    assert control_chars_in_database(app) == []


def test_control_characters_in_the_autosave_api_are_refused(world: World) -> None:
    client, token = world.client, world.values["token"]
    page = client.get(f"/respond/{token}/E1").get_data(as_text=True)
    csrf = csrf_token(page)
    fields = {"level": "2", "na_reason": "Not here", "comment": "Some\nlines\r\n\tindented"}
    ok = client.post(
        f"/respond/{token}/items/E1-01",
        data={f"i_E1_01-{k}": v for k, v in fields.items()},
        headers={"X-CSRFToken": csrf, "Accept": "application/json"},
    )
    assert ok.status_code == 200 and ok.get_json()["saved"], ok.get_data(as_text=True)  # tab and line breaks pass
    for name, char in itertools.product(fields, CONTROL + LINE_BREAKS):
        if name == "comment" and char in LINE_BREAKS:
            continue
        data = {f"i_E1_01-{k}": v for k, v in fields.items()} | {f"i_E1_01-{name}": f"x{char}y"}
        response = client.post(
            f"/respond/{token}/items/E1-01", data=data, headers={"X-CSRFToken": csrf, "Accept": "application/json"}
        )
        assert_refused(response, (name, repr(char)))
        reply = response.get_json()
        assert reply["saved"] is False and reply["errors"], reply
        if name != "level":
            assert any(f"U+{ord(char):04X}" in e for e in reply["errors"]), reply
    assert control_chars_in_database(world.app) == []


@pytest.mark.parametrize("level", DIGIT_LIKE, ids=lambda v: repr(v[:6]) + (f"x{len(v)}" if len(v) > 6 else ""))
def test_digit_like_levels_answer_400_on_autosave_and_the_page_form(world: World, level: str) -> None:
    client, token = world.client, world.values["token"]
    csrf = csrf_token(client.get(f"/respond/{token}/E1").get_data(as_text=True))
    fields = {"i_E2_01-level": level, "i_E2_01-comment": "note"}
    saved = client.post(
        f"/respond/{token}/items/E2-01", data=fields, headers={"X-CSRFToken": csrf, "Accept": "application/json"}
    )
    assert saved.status_code == 400 and saved.get_json()["saved"] is False
    assert_headers(saved, level[:10])
    posted = client.post(f"/respond/{token}/E2", data=fields | {"csrf_token": csrf})
    assert posted.status_code == 400
    assert_headers(posted, level[:10])
    with world.app.app_context():
        assert db.session.scalar(sa.select(Answer).where(Answer.item_code == "E2-01")) is None


@pytest.mark.parametrize(
    "email", ["<b>ceo</b>@client.example", "ceo\x00@client.example", "ceo@client", "ceo", "ceo@@client.example"]
)
def test_an_account_with_an_invalid_email_is_refused(world: World, email: str) -> None:
    org_id = world.values["org_id"]
    csrf = csrf_token(world.client.get(f"/organisations/{org_id}").get_data(as_text=True))
    response = world.client.post(
        f"/organisations/{org_id}/viewers", data={"csrf_token": csrf, "name": "CEO", "email": email}
    )
    assert response.status_code == 400
    assert "Enter a valid e-mail address" in response.get_data(as_text=True)
    result = world.app.test_cli_runner().invoke(
        args=["users", "create", email, "--role", "viewer", "--organisation", str(org_id)],
        env={"ASSESSOR_PASSWORD": "long enough password"},
    )
    assert result.exit_code != 0
    assert "e-mail address" in result.output, result.output
    with world.app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1  # the consultant only


def test_a_failed_flush_gives_the_error_page_with_headers(database_url: str) -> None:
    app = make_app(database_url, PROPAGATE_EXCEPTIONS=False)
    add_user(app, CONSULTANT)

    def duplicate() -> str:
        db.session.add(User(email=CONSULTANT, name="again", password_hash="x", role="consultant"))  # taken: fails
        db.session.flush()
        return "unreachable"

    app.add_url_rule("/test-duplicate", view_func=duplicate)
    client = app.test_client()
    login(client, CONSULTANT)
    response = client.get("/test-duplicate")
    assert response.status_code == 500
    assert [h for h in HEADERS if h not in response.headers] == []
    body = response.get_data(as_text=True)
    assert "Something went wrong" in body and "consultant" in body  # the page, with the signed-in user read again
    with app.app_context():  # the session is usable again and nothing was written
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Organisation)) == 0
        assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1
        db.engine.dispose()
