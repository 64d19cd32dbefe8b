"""Logos on the report: identified by their content and embedded as ``data:`` URIs (pure)."""

from __future__ import annotations

import base64


def logo_data_uri(data: bytes) -> str:
    """Return a ``data:`` URI for a PNG, JPEG or SVG logo.

    :raise ValueError: for any other content (the report embeds nothing it cannot identify).
    """
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        mime = "image/png"
    elif data.startswith(b"\xff\xd8\xff"):
        mime = "image/jpeg"
    elif head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head):
        mime = "image/svg+xml"
    else:
        raise ValueError("a logo must be a PNG, JPEG or SVG image")
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")
