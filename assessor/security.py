"""Security headers on every response.

The Content-Security-Policy allows scripts only from this site (no inline scripts: chart
data travels in ``<script type="application/json">`` blocks that browsers do not run).
Inline *styles* are allowed because plotly.js sets them on the elements it draws.
"""

from __future__ import annotations

from typing import TypeVar

from flask import Flask
from werkzeug.wrappers import Response

R = TypeVar("R", bound=Response)

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # Join and answer links carry secret tokens: never send them to another site.
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def add_headers(response: R) -> R:
    """Set the security headers a response does not have yet (every response; the error pages call it too)."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if response.mimetype == "text/html":
        # Pages show personal answers: do not keep them in shared caches.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def init_app(app: Flask) -> None:
    """Add the security headers to every response."""
    app.after_request(add_headers)
