"""What the page keeps in memory between requests, so that opening a page costs a lookup
rather than a query and a drawing: the live links it found, and each plan drawn at its
version (on its day).

Whatever another connection changes in the book (the CSM saves a plan, revokes a link)
changes the store's change token, and then every live link is read again in one query,
with its plan's version: a plan at a new version is drawn afresh, a revoked link is gone.
What the page itself writes (an answer) it notes at once. A link's expiry is checked on
every request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date

from successplan.answers.links import now_seconds
from successplan.store import Store, page_links
from successplan.store.page_links import OpenedLink
from successplan.web.page import DrawnPlan

# Plans kept drawn (the least recently opened go first): a page is some 50 KB.
DRAWN_MAX = 2000
# Links kept (the least recently opened go first).
LINKS_MAX = 50_000


class PageCache:
    """Live links by their token's hash, each plan's version, and plans drawn, for one
    store."""

    def __init__(self, store: Store, *, drawn_max: int = DRAWN_MAX) -> None:
        self._store = store
        self.drawn_max = drawn_max
        self._lock = threading.Lock()
        self._reading = threading.Lock()
        self._change_token: int | None = None
        self._links: OrderedDict[str, OpenedLink] = OrderedDict()
        self._versions: dict[str, int] = {}
        self._drawn: OrderedDict[str, DrawnPlan] = OrderedDict()

    def current(self) -> bool:
        """True while nothing was changed in the book elsewhere since the links were read."""
        token = self._store.data_version()
        with self._lock:
            return token == self._change_token

    def refresh(self) -> None:
        """Read every live link again, with its plan's version, when the book was changed
        elsewhere (one query, by one thread: the others wait for it)."""
        token = self._store.data_version()
        with self._reading:
            with self._lock:
                if token == self._change_token:
                    return
            found = page_links.live_links(self._store, now_seconds())[:LINKS_MAX]
            with self._lock:
                # The least recently opened first, as they leave first.
                self._links = OrderedDict(reversed(found))
                self._versions = {link.customer_id: link.version for _, link in found}
                self._change_token = token

    def known_link(self, token_hash: str, now: int) -> OpenedLink | None:
        """The live link with this hash if it is kept and the book was not changed
        elsewhere since (None: ask `link`); an expired one is forgotten."""
        if not self.current():
            return None
        with self._lock:
            link = self._links.get(token_hash)
            if link is None:
                return None
            if now >= link.expires_at:
                del self._links[token_hash]
                return None
            self._links.move_to_end(token_hash)
            return link

    def link(self, token_hash: str, now: int) -> OpenedLink | None:
        """The live link with this hash, from memory or the store (None: no live link)."""
        self.refresh()
        known = self.known_link(token_hash, now)
        if known is not None:
            return known
        link = page_links.live_link(self._store, token_hash, now)
        if link is not None:
            self.keep_link(token_hash, link)
        return link

    def customers_by_recency(self) -> list[str]:
        """The plans with a live link kept, the most recently opened first."""
        with self._lock:
            links = list(self._links.values())
        return list(dict.fromkeys(link.customer_id for link in reversed(links)))

    def keep_link(self, token_hash: str, link: OpenedLink) -> None:
        """Keep a live link as the store has just given it."""
        with self._lock:
            self._links[token_hash] = link
            self._versions[link.customer_id] = link.version
            if len(self._links) > LINKS_MAX:
                self._links.popitem(last=False)

    def drawn(self, customer_id: str, day: date) -> DrawnPlan | None:
        """The plan as drawn at its current version on `day`, if it is kept."""
        with self._lock:
            drawn = self._drawn.get(customer_id)
            version = self._versions.get(customer_id)
            if drawn is None or drawn.version != version or drawn.day != day:
                return None
            self._drawn.move_to_end(customer_id)
            return drawn

    def keep(self, drawn: DrawnPlan) -> None:
        """Keep a plan as drawn (in place of any earlier version of it), as its current
        version."""
        with self._lock:
            self._versions[drawn.customer_id] = drawn.version
            self._drawn[drawn.customer_id] = drawn
            self._drawn.move_to_end(drawn.customer_id)
            if len(self._drawn) > self.drawn_max:
                self._drawn.popitem(last=False)

    def answered(self, customer_id: str, version: int) -> None:
        """The page itself saved this version of a plan (no change token says so)."""
        with self._lock:
            self._versions[customer_id] = version
