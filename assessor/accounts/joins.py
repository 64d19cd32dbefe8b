"""Join codes: drawing them, and the throttle that slows down guessing codes without locking a room out.

A venue's whole room usually reaches the site from one address (shared Wi-Fi, a reverse proxy),
so the rules are built for that:

- each address may type :data:`ADDRESS_ATTEMPTS` wrong codes per :data:`WINDOW`; a right code
  resets its count, so a room's typos never stop the next person who types the code correctly;
- right codes are never counted, so a whole room joining at the same moment gets in;
- typing the same wrong code again costs nothing (a room repeating one typo is not guessing);
- once more than :data:`GLOBAL_FAILURES` wrong codes arrived from all addresses in the window
  (a distributed guess), every address is held to :data:`ATTACK_ATTEMPTS` wrong codes instead.

Wrong codes are counted atomically, and an address over its allowance gets the same 429 for a
right code as for a wrong one: of any number of parallel guesses, exactly the allowance are
answered, and a throttled guesser learns nothing.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from assessor.accounts import throttle

log = logging.getLogger(__name__)

WINDOW = timedelta(minutes=10)
ADDRESS_ATTEMPTS = 30
"""Wrong codes an address may type per window (a right code starts the count again)."""
GLOBAL_FAILURES = 300
"""Wrong codes from all addresses per window before the stricter per-address allowance applies."""
ATTACK_ATTEMPTS = 10
"""Wrong codes an address may type per window while the global limit is exceeded."""
GLOBAL_KEY = "join:all"
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Letters and digits that cannot be mistaken for one another when read off a projector."""
CODE_LENGTH = 6
"""31**6 ≈ 8.9 × 10⁸ codes; guessing is also slowed by this throttle."""


JOIN_CODE_SHAPE = re.compile(r"[A-Z0-9]{4,12}")
"""What a typed code must look like once spaces are dropped and letters raised; anything else is not queried."""


def new_join_code() -> str:
    """Return a random short code, e.g. ``K7QX2M`` (workshops and classroom sessions alike)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """A code as typed, without spaces and in capitals (``k7q x2m`` -> ``K7QX2M``)."""
    return "".join(typed.split()).upper()


_Joinable = TypeVar("_Joinable")


def look_up(client: str, typed: str, find: Callable[[str], _Joinable | None]) -> _Joinable | None:
    """What the code ``typed`` by ``client`` opens (``find`` of the normalised code gives it, or None
    for a wrong or closed code), counted by the throttle.

    :raise ThrottledError: if the client must wait (whether or not the code was right).
    """
    code = normalise_code(typed)
    found = find(code)
    check(client, code, right=found is not None)
    return found


def _address_key(client: str) -> str:
    return f"join:client:{client}"


def _allowance() -> int:
    return ATTACK_ATTEMPTS if throttle.current(GLOBAL_KEY).hits > GLOBAL_FAILURES else ADDRESS_ATTEMPTS


def check(client: str, code: str, *, right: bool) -> None:
    """Count the attempt of ``client`` with ``code`` (``right`` if it names an open workshop).

    :raise ThrottledError: if the client must wait; it then learns nothing about the code (the
        refusal does the same work and gives the same answer for right and wrong codes).
    """
    key = _address_key(client)
    allowed = _allowance()
    mine = throttle.current(key)
    if mine.hits >= allowed:
        _throttled(client, mine)
    if right:
        throttle.reset(key)
        throttle.forget_expired()
        return
    if throttle.hit(f"join:code:{client}|{code}", WINDOW).hits > 1:
        return  # the same typo again
    mine = throttle.hit(key, WINDOW)
    if mine.hits > allowed:  # parallel guesses that all passed the first look
        _throttled(client, mine)
    throttle.hit(GLOBAL_KEY, WINDOW)
    log.info("wrong join code from %s", client)


def _throttled(client: str, count: throttle.Count) -> None:
    log.warning("join codes throttled from %s (wait %d s)", client, count.seconds_left)
    raise throttle.ThrottledError(count.seconds_left)
