"""Rate limits for the page: so many requests in a window, per key (an address, a link).

Kept in memory, per process: a flood from one address or against one link is refused
before it reaches the store. Windows slide in whole seconds.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limit:
    """At most `count` requests in `seconds`."""

    count: int
    seconds: float


@dataclass(frozen=True)
class Limits:
    """The page's limits: any request per address; answers per address and per link."""

    requests_per_address: Limit = Limit(120, 60)
    answers_per_address: Limit = Limit(30, 60)
    answers_per_link: Limit = Limit(10, 60)
    largest_answer_bytes: int = 64 * 1024


@dataclass
class RateLimiter:
    """Counts requests per key within a sliding window."""

    limit: Limit
    _seen: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def allow(self, key: str) -> bool:
        """Count one request for `key`; False when it is over the limit (then not counted)."""
        now = time.monotonic()
        with self._lock:
            seen = self._seen.setdefault(key, deque())
            while seen and seen[0] <= now - self.limit.seconds:
                seen.popleft()
            if len(seen) >= self.limit.count:
                return False
            seen.append(now)
            if len(self._seen) > 100_000:  # forget the quiet ones rather than grow
                self._seen = {k: v for k, v in self._seen.items() if v}
            return True
