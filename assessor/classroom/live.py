"""The polled fragments of the classroom: 304 while their version is unchanged (as on the presenter screen)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Response, request


def conditional(etag: str, render: Callable[[], str]) -> Response:
    """``render()`` with ``etag`` as its ETag, or an empty 304 when the request already has that version."""
    response = Response(status=304) if request.if_none_match.contains(etag) else Response(render())
    response.set_etag(etag)
    return response
