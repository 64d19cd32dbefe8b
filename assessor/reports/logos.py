"""Logos on the report: identified by their content and embedded as ``data:`` URIs (pure)."""

from __future__ import annotations

import base64

PNG = "image/png"
JPEG = "image/jpeg"
SVG = "image/svg+xml"


def logo_mime(data: bytes) -> str:
    """The type of a logo judged by its first bytes (never by a file name or a declared type).

    :raise ValueError: for anything but a PNG, JPEG or SVG image.
    """
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"<svg") or (head.startswith((b"<?xml", b"<!--", b"<!DOCTYPE svg")) and b"<svg" in head):
        return SVG
    raise ValueError("a logo must be a PNG, JPEG or SVG image")


def logo_data_uri(data: bytes) -> str:
    """Return a ``data:`` URI for a PNG, JPEG or SVG logo.

    :raise ValueError: for any other content (the report embeds nothing it cannot identify).
    """
    return f"data:{logo_mime(data)};base64," + base64.b64encode(data).decode("ascii")
