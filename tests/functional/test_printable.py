"""The printable questionnaire: every item, its guidance and level descriptions on the page and in the PDF
(read back with poppler), N/A boxes only where the item allows N/A, login required, the PDF cache, the CLI."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from assessor.domain import Item, Questionnaire, Scale
from assessor.extensions import db
from assessor.models import Organisation
from assessor.reports import printable
from assessor.standards import get_framework
from tests.factories import add_user, stored_assessment, workspace_named
from tests.helpers import REAL_STANDARDS, login, make_app
from tests.pdf_layout import bad_line_starts, flat, overlapping_words, read_pages, split_katakana_words

CASES = [(q, lang) for q in ("quick", "full") for lang in ("en", "ja")]
NA_ROW = {"en": "Not applicable to our organisation. Reason:", "ja": "自組織には当てはまらない。理由："}


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, FlaskClient]]:
    """The shipped standards on SQLite, with a consultant signed in (one app for the module: PDFs take seconds)."""
    folder = tmp_path_factory.mktemp("printable")
    app = make_app(f"sqlite:///{folder / 'real.sqlite'}", standards=REAL_STANDARDS)
    add_user(app, "consultant@example.com")
    client = app.test_client()
    login(client, "consultant@example.com")
    yield app, client
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def pdfs(real: tuple[Flask, FlaskClient], tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Each questionnaire's PDF in each language, downloaded as a user does and written to a file."""
    _app, client = real
    folder = tmp_path_factory.mktemp("pdfs")
    found = {}
    for qid, lang in CASES:
        response = client.get(f"/questionnaires/{qid}/print.pdf?lang={lang}")
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        assert response.data.startswith(b"%PDF")
        assert f"{qid}-v1-questionnaire-{lang}.pdf" in response.headers["Content-Disposition"]
        found[(qid, lang)] = folder / f"{qid}-{lang}.pdf"
        found[(qid, lang)].write_bytes(response.data)
    return found


def _questionnaire(app: Flask, qid: str) -> Questionnaire:
    with app.app_context():
        return get_framework().questionnaires[qid]


def _levels(item: Item, scale: Scale, lang: str) -> list[str]:
    """The item's own description of every level of the scale."""
    return [item.level_descriptions[level.value].get(lang) for level in scale.levels]


@pytest.mark.parametrize(("qid", "lang"), CASES)
def test_page_has_every_item_its_guidance_and_level_descriptions(
    real: tuple[Flask, FlaskClient], qid: str, lang: str
) -> None:
    app, client = real
    response = client.get(f"/questionnaires/{qid}/print?lang={lang}")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in page
    questionnaire = _questionnaire(app, qid)
    with app.app_context():
        scale = get_framework().scale
        for element in {i.element_id for i in questionnaire.items}:
            assert str(escape(get_framework().element(element).description.get(lang))) in page
    articles = re.findall(r'<article class="item" id="item-([^"]+)".*?</article>', page, re.S)
    assert articles == list(questionnaire.codes)  # every item, in questionnaire order
    for item in questionnaire.items:
        block = re.search(rf'<article class="item" id="item-{item.code}".*?</article>', page, re.S).group()  # type: ignore[union-attr]
        assert str(escape(item.question.get(lang))) in block
        assert str(escape(item.guidance.get(lang))) in block
        for text in _levels(item, scale, lang):
            assert str(escape(text)) in block
        assert block.count('class="box"') == len(scale.levels) + item.allow_na
        assert ('<tr class="na">' in block) is item.allow_na
        assert 'class="comment"' in block


@pytest.mark.slow
@pytest.mark.parametrize(("qid", "lang"), CASES)
def test_pdf_has_every_item_and_every_level_description(
    real: tuple[Flask, FlaskClient], pdfs: dict[tuple[str, str], Path], qid: str, lang: str
) -> None:
    app, _client = real
    pages = read_pages(pdfs[(qid, lang)])
    text = flat("\n".join(page.text() for page in pages))
    questionnaire = _questionnaire(app, qid)
    with app.app_context():
        scale = get_framework().scale
    for item in questionnaire.items:
        assert item.code in text
        assert flat(item.question.get(lang)) in text, item.code
        for description in _levels(item, scale, lang):
            assert flat(description) in text, (item.code, description)
    # One N/A row per item that allows N/A, none elsewhere (the quick questionnaire has none).
    assert text.count(flat(NA_ROW[lang])) == sum(item.allow_na for item in questionnaire.items)
    # Nothing drawn over anything, and Japanese lines break where Japanese allows.
    for page in pages:
        assert overlapping_words(page) == [], page.number
        if lang == "ja":
            assert bad_line_starts(page) == [] and split_katakana_words(page) == [], page.number


def test_pdf_is_cached_per_questionnaire_version_and_language(
    real: tuple[Flask, FlaskClient], pdfs: dict[tuple[str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, client = real
    cache = Path(app.config["PRINTOUTS_DIR"])
    assert not cache.is_relative_to(app.instance_path)  # the tests never write to the project's instance folder
    assert sorted(p.name.rsplit("-", 1)[0] for p in cache.glob("*.pdf")) == [
        "full-1-en",
        "full-1-ja",
        "quick-1-en",
        "quick-1-ja",
    ]
    rendered: list[str] = []
    monkeypatch.setattr(printable, "render_pdf", lambda html: rendered.append(html) or b"%PDF-new")
    again = client.get("/questionnaires/quick/print.pdf?lang=ja")
    assert again.data == pdfs[("quick", "ja")].read_bytes() and rendered == []  # served from the cache
    # A change of what the form says (here the promised minimum group size) makes a new file, never a stale one.
    app.config["MIN_GROUP_SIZE"] = 5
    try:
        changed = client.get("/questionnaires/quick/print.pdf?lang=ja")
    finally:
        app.config["MIN_GROUP_SIZE"] = 3
    assert changed.data == b"%PDF-new" and len(rendered) == 1 and "5名以上" in rendered[0]
    assert len(list(cache.glob("quick-1-ja-*.pdf"))) == 1  # the older file is gone


def test_printable_needs_a_login_and_a_known_questionnaire(site: Flask) -> None:
    anonymous = site.test_client()
    for url in ("/questionnaires/mini/print", "/questionnaires/mini/print.pdf?lang=ja"):
        response = anonymous.get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    with site.app_context():
        org = Organisation(name="Client", workspace=workspace_named("Workspace A"))
        db.session.add(org)
        db.session.commit()
        org_id = org.id
    add_user(site, "viewer@example.com", role="viewer", workspace=None, organisation_id=org_id)
    viewer = site.test_client()
    login(viewer, "viewer@example.com")  # no client data on it: any signed-in user may print it
    page = viewer.get("/questionnaires/mini/print?lang=xx")  # an unknown language falls back to the page's
    assert page.status_code == 200 and '<html lang="en">' in page.get_data(as_text=True)
    assert viewer.get("/questionnaires/mini/print.pdf").data.startswith(b"%PDF")
    assert viewer.get("/questionnaires/nope/print").status_code == 404
    assert viewer.get("/questionnaires/nope/print.pdf").status_code == 404


def test_reference_assessment_and_paper_form_pages_link_the_printable(
    app: Flask, consultant_client: FlaskClient
) -> None:
    reference = consultant_client.get("/reference").get_data(as_text=True)
    assert 'href="/questionnaires/mini/print?lang=ja"' in reference
    assert 'href="/questionnaires/mini/print.pdf?lang=en"' in reference
    with app.app_context():
        org = Organisation(name="Client", workspace=workspace_named("Workspace A"))
        assessment = stored_assessment(org, "Workshop", mode="workshop")
        db.session.add(org)
        db.session.commit()
        assessment_id = assessment.id
    for url in (f"/assessments/{assessment_id}", f"/assessments/{assessment_id}/paper-form"):
        assert 'href="/questionnaires/mini/print"' in consultant_client.get(url).get_data(as_text=True), url


def test_cli_writes_the_printable_pdf(real: tuple[Flask, FlaskClient], tmp_path: Path) -> None:
    app, _client = real
    target = tmp_path / "quick-ja.pdf"
    result = app.test_cli_runner().invoke(
        args=["questionnaire", "print", "quick", "--lang", "ja", "--out", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert f"wrote {target}" in result.output
    text = flat("\n".join(page.text() for page in read_pages(target)))
    assert "E9-02" in text and flat("サービスエクセレンス簡易診断") in text
    unknown = app.test_cli_runner().invoke(args=["questionnaire", "print", "nope"])
    assert unknown.exit_code != 0 and "no questionnaire 'nope'; installed: full, quick" in unknown.output
