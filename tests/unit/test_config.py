"""Settings from the environment: a wrong value stops the app with a message naming the setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor.config import defaults


def test_the_time_zone_is_an_iana_name(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SECRET_KEY", "x")
    monkeypatch.setenv("ASSESSOR_TIMEZONE", "Asia/Tokyo")
    assert defaults(tmp_path)["TIMEZONE"] == "Asia/Tokyo"
    monkeypatch.delenv("ASSESSOR_TIMEZONE")
    assert defaults(tmp_path)["TIMEZONE"] == "UTC"
    for wrong in ("Tokyo/Asia", "../../etc/passwd", "JST+9"):
        monkeypatch.setenv("ASSESSOR_TIMEZONE", wrong)
        with pytest.raises(RuntimeError, match="ASSESSOR_TIMEZONE must name an IANA time zone"):
            defaults(tmp_path)
