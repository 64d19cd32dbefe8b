"""Branding from the web: logos checked by content, hostile SVG made harmless, who may change and see them,
the logos on the PDF cover and the report page, and the per-download "Prepared by" name."""

from __future__ import annotations

import base64
import http.server
import re
import struct
import threading
import zlib
from collections.abc import Iterator
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from pypdf import PdfReader

from assessor.cli.reports import report_command
from assessor.extensions import db
from assessor.models import Event, Logo, Organisation, Workspace
from tests.factories import Person, add_user, stored_assessment, workspace_named
from tests.helpers import csrf_token, login

pytestmark = pytest.mark.slow  # renders PDFs


def _image(fmt: str, size: tuple[int, int] = (240, 120), colour: str = "#0072B2") -> bytes:
    out = BytesIO()
    Image.new("RGB", size, colour).save(out, fmt)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_claiming(width: int, height: int) -> bytes:
    """A few-hundred-byte PNG whose header claims ``width`` × ``height`` pixels (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\0" * 4096))
        + _chunk(b"IEND", b"")
    )


class _Trap:
    """A local HTTP server that records every request made to it (nothing should reach it)."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        trap = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                trap.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/svg+xml")
                self.end_headers()
                self.wfile.write(b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>')

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()


@pytest.fixture
def trap() -> Iterator[_Trap]:
    server = _Trap()
    yield server
    server.server.shutdown()
    server.server.server_close()


def _hostile_svg(url: str) -> bytes:
    """Every way we know for an SVG to fetch something or run something."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="300" height="100" viewBox="0 0 300 100" onload="fetch('{url}/onload')">
  <style>@import url({url}/import.css); text {{ fill: url({url}/fill.svg#p); }}</style>
  <script>fetch('{url}/script')</script>
  <script xlink:href="{url}/script.js"/>
  <rect width="300" height="100" fill="#E69F00"/>
  <image href="{url}/href.png" width="40" height="40"/>
  <image xlink:href="{url}/xlink.png" x="50" width="40" height="40"/>
  <use href="{url}/use.svg#a"/>
  <use xlink:href="{url}/xuse.svg#a"/>
  <a href="javascript:fetch('{url}/js')"><text x="10" y="60">Hi</text></a>
  <foreignObject width="100" height="100"><body xmlns="http://www.w3.org/1999/xhtml">
    <iframe src="{url}/iframe"/><img src="{url}/img.png"/></body></foreignObject>
</svg>""".encode()


def _xxe(url: str) -> list[bytes]:
    return [
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&x;</text></svg>',
        f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "{url}/entity">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'.encode(),
        f'<?xml version="1.0"?><!DOCTYPE svg SYSTEM "{url}/external.dtd">'
        '<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>'.encode(),
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
    ]


def _seed(app: Flask) -> dict[str, int]:
    """Workspace A (consultant, viewer of its organisation) with a reportable assessment; workspace B apart."""
    add_user(app, "consultant@example.com")
    add_user(app, "rival@example.com", workspace="Workspace B")
    levels = {f"E{n}-01": 2 + n % 2 for n in range(1, 10)}
    with app.app_context():
        org = Organisation(name="Harbourview Hotels", workspace=workspace_named("Workspace A"))
        people = [Person(segment, None, levels) for segment in ("leadership", "front-line", "back-office")]
        assessment = stored_assessment(org, "Annual check", people, assessed_on=date(2026, 11, 20))
        db.session.add(org)
        db.session.commit()
        ids = {"org": org.id, "assessment": assessment.id, "workspace": org.workspace_id}
        ids["other"] = db.session.scalar(sa.select(Workspace.id).where(Workspace.name == "Workspace B"))
    add_user(app, "ceo@example.com", role="viewer", workspace=None, organisation_id=ids["org"])
    return ids


def _client(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    login(client, email)
    return client


def _token(client: FlaskClient) -> str:
    return csrf_token(client.get("/login").get_data(as_text=True))


def _upload(client: FlaskClient, url: str, data: bytes, name: str) -> tuple[int, str]:
    token = _token(client)
    response = client.post(
        url, data={"csrf_token": token, "logo": (BytesIO(data), name)}, content_type="multipart/form-data"
    )
    return response.status_code, response.get_data(as_text=True)


def _stored(app: Flask) -> list[Logo]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Logo).options(sa.orm.undefer(Logo.data)).order_by(Logo.id)))


def _verbs(app: Flask) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Event.verb).where(Event.verb.like("logo%")).order_by(Event.id)))


def test_uploads_are_judged_by_content_and_served_safely(site: Flask) -> None:
    ids = _seed(site)
    consultant = _client(site, "consultant@example.com")
    firm = f"/workspaces/{ids['workspace']}/branding/logo"
    client_logo = f"/organisations/{ids['org']}/branding/logo"
    assert _upload(consultant, firm, _image("PNG"), "firm.png")[0] == 302
    assert _upload(consultant, client_logo, _image("JPEG"), "client.jpg")[0] == 302
    firm_logo, org_logo = _stored(site)
    assert (firm_logo.mime, org_logo.mime) == ("image/png", "image/jpeg")
    assert (firm_logo.width, firm_logo.height) == (240, 120)

    served = consultant.get(f"/workspaces/{ids['workspace']}/logo?v={firm_logo.sha256[:16]}")
    assert served.status_code == 200 and served.get_data() == firm_logo.data
    assert served.headers["Content-Type"] == "image/png"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["Content-Security-Policy"] == "default-src 'none'"
    assert served.headers["Cache-Control"] == "private, max-age=31536000, immutable"
    assert consultant.get(f"/workspaces/{ids['workspace']}/logo").headers["Cache-Control"] == "private, no-cache"
    again = consultant.get(f"/workspaces/{ids['workspace']}/logo", headers={"If-None-Match": f'"{firm_logo.sha256}"'})
    assert again.status_code == 304
    assert consultant.get(f"/organisations/{ids['org']}/logo").headers["Content-Type"] == "image/jpeg"

    # The name says nothing: a PNG called .svg is a PNG; an HTML page called logo.png is refused.
    assert _upload(consultant, client_logo, _image("PNG", (50, 50)), "logo.svg")[0] == 302
    assert _stored(site)[1].mime == "image/png"
    status, page = _upload(consultant, client_logo, b"<!doctype html><script>alert(1)</script>", "logo.png")
    assert status == 400 and "not a PNG, JPEG or SVG image" in page
    status, page = _upload(consultant, client_logo, _image("PNG")[:60], "cut.png")
    assert status == 400 and "damaged or incomplete" in page
    big = _image("PNG") + b"\0" * (1024 * 1024)
    status, page = _upload(consultant, client_logo, big, "big.png")
    assert status == 400 and "larger than 1 MB" in page
    status, page = _upload(consultant, client_logo, _png_claiming(60_000, 60_000), "bomb.png")
    assert status == 400 and "too large: at most 8000 pixels a side" in page
    status, page = _upload(consultant, client_logo, _png_claiming(5000, 5000), "wide.png")
    assert status == 400 and "16 megapixels" in page
    assert _stored(site)[1].mime == "image/png"  # the refused uploads changed nothing

    # Removing: the route answers 404, the covers show none; every change is in the history.
    token = csrf_token(consultant.get(f"/organisations/{ids['org']}/branding").get_data(as_text=True))
    assert (
        consultant.post(f"/organisations/{ids['org']}/branding/logo/remove", data={"csrf_token": token}).status_code
        == 302
    )
    assert consultant.get(f"/organisations/{ids['org']}/logo").status_code == 404
    assert _verbs(site) == ["logo uploaded", "logo uploaded", "logo uploaded", "logo removed"]


def test_a_hostile_svg_fetches_nothing_and_runs_nothing(site: Flask, trap: _Trap) -> None:
    ids = _seed(site)
    consultant = _client(site, "consultant@example.com")
    hostile = _hostile_svg(trap.url)
    assert _upload(consultant, f"/workspaces/{ids['workspace']}/branding/logo", hostile, "firm.svg")[0] == 302
    assert _upload(consultant, f"/organisations/{ids['org']}/branding/logo", hostile, "client.svg")[0] == 302
    for xxe in _xxe(trap.url):
        status, page = _upload(consultant, f"/organisations/{ids['org']}/branding/logo", xxe, "xxe.svg")
        assert status in (302, 400)
        assert "root:" not in page
        if status == 400:
            assert "declares entities or external files" in page
    stored = _stored(site)
    assert [logo.mime for logo in stored] == ["image/png", "image/png"]  # only the rendering is kept
    for logo in stored:
        assert logo.data.startswith(b"\x89PNG") and b"<script" not in logo.data and b"root:" not in logo.data
    with Image.open(BytesIO(stored[0].data)) as image:  # the SVG's own drawing survives: 3:1, orange
        assert image.size == (1000, 333)
        assert image.convert("RGB").getpixel((500, 10)) == (0xE6, 0x9F, 0x00)
    served = consultant.get(f"/organisations/{ids['org']}/logo").get_data()
    assert served.startswith(b"\x89PNG") and b"script" not in served

    page = consultant.get(f"/assessments/{ids['assessment']}/report").get_data(as_text=True)
    sources = re.findall(r'<p class="report-logos">.*?</p>', page, re.S)
    assert sources, "the report page shows the logos"
    for src in re.findall(r'<img src="([^"]+)"', sources[0]):
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1]).startswith(b"\x89PNG")
    assert trap.url not in page
    pdf = consultant.get(f"/assessments/{ids['assessment']}/report.pdf?lang=en")
    assert pdf.status_code == 200
    cover = PdfReader(BytesIO(pdf.get_data())).pages[0]
    assert len(cover.images) >= 1  # an image XObject on the cover
    assert trap.requests == []


def test_who_may_change_and_see_a_logo(site: Flask) -> None:
    ids = _seed(site)
    consultant = _client(site, "consultant@example.com")
    rival = _client(site, "rival@example.com")
    viewer = _client(site, "ceo@example.com")
    ws, org = ids["workspace"], ids["org"]
    assert _upload(consultant, f"/workspaces/{ws}/branding/logo", _image("PNG"), "a.png")[0] == 302
    assert _upload(consultant, f"/organisations/{org}/branding/logo", _image("PNG"), "a.png")[0] == 302

    # Another workspace's consultant: every branding route of A is a 404, and nothing changes.
    for url in (
        f"/workspaces/{ws}/branding",
        f"/workspaces/{ws}/logo",
        f"/organisations/{org}/branding",
        f"/organisations/{org}/logo",
    ):
        assert rival.get(url).status_code == 404, url
    for url in (f"/workspaces/{ws}/branding/logo", f"/organisations/{org}/branding/logo"):
        assert _upload(rival, url, _image("JPEG"), "x.jpg")[0] == 404
    token = _token(rival)
    for url in (f"/workspaces/{ws}/branding/logo/remove", f"/organisations/{org}/branding/logo/remove"):
        assert rival.post(url, data={"csrf_token": token}).status_code == 404
    assert rival.post(f"/workspaces/{ws}/branding/name", data={"csrf_token": token, "name": "Taken"}).status_code == 404

    # The client's viewer sees both logos (they are on their report) but changes nothing.
    assert viewer.get(f"/organisations/{org}/logo").status_code == 200
    assert viewer.get(f"/workspaces/{ws}/logo").status_code == 200
    assert viewer.get(f"/workspaces/{ids['other']}/logo").status_code == 404
    assert viewer.get(f"/organisations/{org}/branding").status_code == 403
    assert _upload(viewer, f"/organisations/{org}/branding/logo", _image("JPEG"), "x.jpg")[0] == 403
    assert _upload(viewer, f"/workspaces/{ws}/branding/logo", _image("JPEG"), "x.jpg")[0] == 403

    # CSRF: without the token nothing is stored.
    no_token = consultant.post(
        f"/organisations/{org}/branding/logo",
        data={"logo": (BytesIO(_image("JPEG")), "x.jpg")},
        content_type="multipart/form-data",
    )
    assert no_token.status_code == 400
    assert consultant.post(f"/organisations/{org}/branding/logo/remove").status_code == 400
    assert [logo.mime for logo in _stored(site)] == ["image/png", "image/png"]
    assert _verbs(site) == ["logo uploaded", "logo uploaded"]
    anonymous = site.test_client()
    assert anonymous.get(f"/workspaces/{ws}/logo").status_code == 302


def test_the_firm_name_is_changed_by_its_consultants(site: Flask) -> None:
    ids = _seed(site)
    consultant = _client(site, "consultant@example.com")
    page = consultant.get(f"/workspaces/{ids['workspace']}/branding")
    token = csrf_token(page.get_data(as_text=True))
    url = f"/workspaces/{ids['workspace']}/branding/name"
    taken = consultant.post(url, data={"csrf_token": token, "name": "Workspace B"})
    assert taken.status_code == 400 and "Another workspace already has this name" in taken.get_data(as_text=True)
    assert consultant.post(url, data={"csrf_token": token, "name": "  Kaizen Partners  "}).status_code == 302
    with site.app_context():
        assert db.session.get(Workspace, ids["workspace"]).name == "Kaizen Partners"  # type: ignore[union-attr]
        renamed = db.session.scalar(sa.select(Event).where(Event.verb == "workspace renamed"))
        assert renamed is not None and renamed.detail == "Workspace A -> Kaizen Partners"
    consultant.get("/language/ja")
    japanese = consultant.get(f"/workspaces/{ids['workspace']}/branding").get_data(as_text=True)
    assert "会社名" in japanese and "ロゴ" in japanese


def test_prepared_by_is_chosen_per_download(app: Flask) -> None:
    ids = _seed(app)
    consultant = _client(app, "consultant@example.com")
    viewer = _client(app, "ceo@example.com")
    assessment = ids["assessment"]

    def cover(client: FlaskClient, query: str) -> str:
        response = client.get(f"/assessments/{assessment}/report.pdf?lang=en{query}")
        assert response.status_code == 200
        return re.sub(r"\s+", " ", PdfReader(BytesIO(response.get_data())).pages[0].extract_text())

    page = consultant.get(f"/assessments/{assessment}/report").get_data(as_text=True)
    assert 'name="prepared_by"' in page and 'value="consultant"' in page  # defaults to the signed-in name
    assert "Prepared by consultant (Workspace A)" in cover(consultant, "")
    assert "Prepared by Hanako Yamada (Workspace A)" in cover(consultant, "&prepared_by=Hanako+Yamada")
    assert "Prepared by Workspace A" in cover(consultant, "&prepared_by=")
    # A viewer prepares nothing: no name field, and a name in the URL is ignored.
    assert 'name="prepared_by"' not in viewer.get(f"/assessments/{assessment}/report").get_data(as_text=True)
    assert "Prepared by Workspace A" in cover(viewer, "&prepared_by=Hanako+Yamada")
    # Nothing was stored: the next download has the default again.
    assert "Prepared by consultant (Workspace A)" in cover(consultant, "")
    refused = consultant.get(f"/assessments/{assessment}/report.pdf?lang=en&prepared_by=a%00b")
    assert refused.status_code == 302
    assert "control character" in consultant.get(refused.headers["Location"]).get_data(as_text=True).lower()


def test_the_command_line_uses_the_stored_logos(app: Flask, tmp_path: Path) -> None:
    ids = _seed(app)
    consultant = _client(app, "consultant@example.com")
    assert _upload(consultant, f"/organisations/{ids['org']}/branding/logo", _image("JPEG"), "c.jpg")[0] == 302
    out = tmp_path / "out"
    result = app.test_cli_runner().invoke(report_command, [str(ids["assessment"]), "--out", str(out)])
    assert result.exit_code == 0, result.output
    (written,) = out.glob("*.pdf")
    assert len(PdfReader(written).pages[0].images) == 1
