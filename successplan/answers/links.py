"""Private links to a customer's live page: made, found by their token, revoked.

A link is `BASE/p/TOKEN`, where TOKEN is 32 random bytes (URL-safe base64). Only the
token's SHA-256 is kept (`successplan.store.page_links`): whoever reads the book cannot
open a page. A link expires (30 days unless told otherwise) and can be revoked; the page
answers an unknown, expired or revoked link alike, so nobody can tell which it was.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from successplan import clock
from successplan.errors import NotFoundError, SuccessPlanError
from successplan.model import Customer
from successplan.settings import Settings
from successplan.store import Store, page_links
from successplan.store.page_links import PageLink

DEFAULT_BASE_URL = "http://127.0.0.1:8000"
DEFAULT_EXPIRY = timedelta(days=30)
LONGEST_EXPIRY = timedelta(days=366)
RECIPIENT_MAX = 200
PAGE_PATH = "/p/"
# A token as `new_token` writes it: what the page accepts before it looks anything up.
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")
_EXPIRY = re.compile(r"^\s*(\d{1,4})\s*([hdw])\s*$")
_UNITS = {"h": "hours", "d": "days", "w": "weeks"}


class LinkError(SuccessPlanError):
    """A link cannot be made or found as asked."""


def new_token() -> str:
    """An unguessable token (256 random bits)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What the store keeps of a token: its SHA-256, in hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def now_seconds() -> int:
    """This moment as the store keeps times (seconds since 1970, UTC)."""
    return int(clock.now().timestamp())


def expiry(text: str) -> timedelta:
    """`30d`, `12h` or `8w` as a length of time, up to a year."""
    found = _EXPIRY.match(text)
    if found is None:
        raise LinkError(f"{text!r} is not a length of time: write it as 30d, 12h or 8w.")
    length = timedelta(**{_UNITS[found.group(2)]: int(found.group(1))})
    if not timedelta(0) < length <= LONGEST_EXPIRY:
        raise LinkError(f"A link lasts from an hour to a year, not {text.strip()}.")
    return length


def configured_base_url() -> str:
    """Where links point: the base URL set once, else this computer's page."""
    return Settings.load().page_base_url or DEFAULT_BASE_URL


def shown_day(seconds: int) -> str:
    """A time the store keeps, as a day is shown (05 Dec 2026)."""
    return f"{page_links.moment(seconds):%d %b %Y}"


def page_summary(made: list[PageLink], now: int) -> str:
    """What became of a plan's private links, in a sentence: how many are live, how often
    and when the page was last opened, and the last answer sent from it."""
    if not made:
        return "No private link to the live page yet."
    live = sum(link.state(now) == "live" for link in made)
    links_said = f"{live} live link{'' if live == 1 else 's'}"
    if len(made) > live:
        links_said += f" ({len(made) - live} revoked or expired)"
    opened = sum(link.opened_count for link in made)
    last_opened = max((link.last_opened_at or 0 for link in made), default=0)
    opened_said = (
        f"opened {opened} time{'' if opened == 1 else 's'}, last on {shown_day(last_opened)}"
        if opened and last_opened
        else "never opened"
    )
    answers = sum(link.answers for link in made)
    last_answer = max((link.last_answer_at or 0 for link in made), default=0)
    answered_said = (
        f"{answers} answer{'' if answers == 1 else 's'}, the last on {shown_day(last_answer)}"
        if answers and last_answer
        else "no answer yet"
    )
    return f"Live page: {links_said}; {opened_said}; {answered_said}."


def recent_answers(
    store: Store, today: date, days: int, limit: int = 100
) -> list[page_links.PageAnswerRecord]:
    """The answers sent from customers' pages in the last `days` days up to `today`,
    newest first."""
    since = datetime.combine(today - timedelta(days=days), time()).astimezone()
    return page_links.answers_since(store, int(since.timestamp()), limit)


def page_url(base_url: str, token: str) -> str:
    """The link the customer opens."""
    return f"{base_url.rstrip('/')}{PAGE_PATH}{token}"


def checked_base_url(text: str) -> str:
    """A base URL as the links are written with it: http(s), a host, no query."""
    url = text.strip().rstrip("/")
    if not re.match(r"^https?://[^\s/?#@]+(/[^\s?#]*)?$", url):
        raise LinkError(
            f"{text!r} is not a base URL for links: write it as https://plans.example.com "
            "(where `successplan serve` is reached)."
        )
    return url


@dataclass(frozen=True)
class SharedLink:
    """A link just made: the URL to send (shown once, never stored) and its record."""

    url: str
    link: PageLink


def share(
    store: Store,
    customer: Customer,
    *,
    base_url: str,
    recipient: str = "",
    lasts: timedelta = DEFAULT_EXPIRY,
) -> SharedLink:
    """Make a private link to the customer's page."""
    recipient = " ".join(recipient.split())
    if len(recipient) > RECIPIENT_MAX:
        raise LinkError(f"Say whom the link is for in at most {RECIPIENT_MAX} characters.")
    token = new_token()
    now = now_seconds()
    link_id = secrets.token_hex(4)
    page_links.add_link(
        store,
        link_id,
        customer.id,
        token_hash(token),
        recipient,
        now,
        now + int(lasts.total_seconds()),
    )
    [made] = [link for link in page_links.links(store, customer.id) if link.id == link_id]
    return SharedLink(page_url(base_url, token), made)


def token_of(text: str) -> str | None:
    """The token in a link or given bare, or None when the text holds none."""
    candidate = text.strip().rstrip("/")
    if PAGE_PATH in candidate:
        candidate = candidate.rsplit(PAGE_PATH, 1)[1].split("?")[0].split("#")[0]
    return candidate if TOKEN_PATTERN.match(candidate) else None


def unshare(store: Store, link_or_customer: str) -> tuple[str, int]:
    """Revoke one link (given as its URL, its token or its id) or every live link of a
    customer; whose links they were, and how many were revoked."""
    token = token_of(link_or_customer)
    every = page_links.links(store)
    if token is not None:
        found = page_links.link_with_hash(store, token_hash(token))
        chosen = [found] if found is not None else []
    else:
        chosen = [link for link in every if link.id == link_or_customer.strip()]
    if not chosen and token is None:
        try:
            customer = store.find_customer(link_or_customer)
        except NotFoundError:
            raise LinkError(
                f"{link_or_customer!r} is neither a link, a link's id nor a customer: "
                "`successplan links` lists them."
            ) from None
        return customer.name, page_links.revoke(
            store, [link.id for link in every if link.customer_id == customer.id], now_seconds()
        )
    if not chosen:
        raise LinkError("This link is not one of this book's: `successplan links` lists them.")
    return chosen[0].customer_name, page_links.revoke(store, [chosen[0].id], now_seconds())
