"""The join-code throttle: slows down guessing codes without locking a room out.

A venue's whole room usually reaches the site from one address (shared Wi-Fi, a reverse proxy),
so the rules are built for that:

- each address may try :data:`ADDRESS_ATTEMPTS` codes per :data:`WINDOW`; a right code resets
  its count, so a room's typos never stop the next person who types the code correctly;
- typing the same wrong code again costs nothing (a room repeating one typo is not guessing);
- once more than :data:`GLOBAL_FAILURES` wrong codes arrived from all addresses in the window
  (a distributed guess), every address is held to :data:`ATTACK_ATTEMPTS` codes instead.

Each attempt is counted before the code is looked up, atomically, so parallel guesses cannot slip
past the limit.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from assessor.accounts import throttle

log = logging.getLogger(__name__)

WINDOW = timedelta(minutes=10)
ADDRESS_ATTEMPTS = 30
"""Wrong codes an address may try per window (a success starts the count again)."""
GLOBAL_FAILURES = 300
"""Wrong codes from all addresses per window before the stricter per-address allowance applies."""
ATTACK_ATTEMPTS = 10
"""Wrong codes an address may try per window while the global limit is exceeded."""
GLOBAL_KEY = "join:all"


def _address_key(client: str) -> str:
    return f"join:client:{client}"


def begin(client: str) -> None:
    """Count an attempt from ``client`` before its code is looked up.

    :raise ThrottledError: if the client must wait; the code must then not be looked up.
    """
    everyone = throttle.hit(GLOBAL_KEY, WINDOW)
    mine = throttle.hit(_address_key(client), WINDOW)
    allowed = ATTACK_ATTEMPTS if everyone.hits > GLOBAL_FAILURES else ADDRESS_ATTEMPTS
    if mine.hits > allowed:
        throttle.refund(GLOBAL_KEY)  # the code is not looked up: not a wrong code
        log.warning("join codes throttled from %s (wait %d s)", client, mine.seconds_left)
        raise throttle.ThrottledError(mine.seconds_left)


def succeeded(client: str) -> None:
    """A right code: the address starts afresh, and the attempt does not count globally."""
    throttle.reset(_address_key(client))
    throttle.refund(GLOBAL_KEY)
    throttle.forget_expired()


def failed(client: str, code: str) -> None:
    """A wrong code: it stays counted, unless this address has typed this very code before."""
    if throttle.hit(f"join:code:{client}|{code}", WINDOW).hits > 1:
        throttle.refund(GLOBAL_KEY, _address_key(client))
    else:
        log.info("wrong join code from %s", client)
