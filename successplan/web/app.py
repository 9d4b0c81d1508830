"""The customer's page as an ASGI application (Starlette): `GET /p/TOKEN` shows the plan,
`POST /p/TOKEN` records the customer's answers.

It is on the open internet, so every request is hostile until checked:
- a link that is unknown, expired or revoked gets one and the same page (404);
- a post must come from the page itself: not from another site's origin, and carrying
  the form's own token (an HMAC of the link, the form and the version it shows), and a
  form answers once (the store refuses a replay);
- posts are capped in size, and requests limited per address and answers per link;
- every answer is validated as any input (length, control and direction characters);
- every response carries a strict Content-Security-Policy, no framing, no referrer,
  nosniff and no caching; tokens are never logged and compared in constant time.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import logging
import re
import secrets
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from successplan import clock
from successplan.answers.links import TOKEN_PATTERN, now_seconds, token_hash
from successplan.answers.page import (
    COMMENT_MAX,
    GOAL_SENTENCE_MAX,
    NAME_MAX,
    PLAN_COMMENT_MAX,
    GoalWord,
    PageAnswer,
    PageAnswerError,
    apply_page_answer,
    checked_text,
)
from successplan.errors import NotFoundError, SuccessPlanError
from successplan.plan.merge import PlanConflictError
from successplan.store import Store, page_links
from successplan.store.page_links import AnswerAlreadyRecordedError, OpenedLink
from successplan.web.cache import PageCache
from successplan.web.limits import Limits, RateLimiter
from successplan.web.page import (
    CONTENT_SECURITY_POLICY,
    INVALID_LINK,
    PAGE_SCRIPT,
    PAGE_STYLE,
    DrawnPlan,
    draw_plan,
    message_page,
    plan_page,
)
from successplan.web.secret import page_secret

log = logging.getLogger("successplan.web")

SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}
# The page is never kept by a cache (it holds a form's token); its style and script are.
_ENCODED_HEADERS = [(b"cache-control", b"no-store")] + [
    (name.encode(), value.encode())
    for name, value in SECURITY_HEADERS.items()
    if name != "cache-control"
]
STATIC_CACHING = {"cache-control": "public, max-age=3600"}
_STEP_KEY = re.compile(r"^(milestone|item):([A-Za-z0-9_-]{1,64})$")
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_FORM_ID = re.compile(r"^[A-Za-z0-9_-]{22}$")
_FIELDS_MAX = 2000


class Refused(Exception):
    """A request refused: its status and the sentence the page says."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Openings:
    """Openings of links, counted in memory and written together about once a second (a
    write per page view would make every view wait for the others)."""

    def __init__(self) -> None:
        self._pending: list[tuple[str, int]] = []
        self._lock = threading.Lock()

    def add(self, link_id: str, when: int) -> None:
        with self._lock:
            self._pending.append((link_id, when))

    def flush(self, store: Store) -> None:
        with self._lock:
            pending, self._pending = self._pending, []
        try:
            page_links.record_openings(store, pending)
        except SuccessPlanError:
            log.warning("could not record %d openings of links", len(pending))


class _Headers:
    """Adds the security headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict[str, object]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))  # type: ignore[call-overload]
                cached = any(name == b"cache-control" for name, _ in headers)
                headers.extend(_ENCODED_HEADERS[1:] if cached else _ENCODED_HEADERS)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)  # type: ignore[arg-type]


class PageApp:
    """The page's routes over one store."""

    def __init__(self, store: Store, limits: Limits, secret: bytes) -> None:
        self.store = store
        self.limits = limits
        self._secret = secret
        self.openings = Openings()
        self.cache = PageCache(store)
        self._by_address = RateLimiter(limits.requests_per_address)
        self._answers_by_address = RateLimiter(limits.answers_per_address)
        self._answers_by_link = RateLimiter(limits.answers_per_link)

    def csrf(self, link_id: str, form_id: str, version: int) -> str:
        message = f"{link_id}:{form_id}:{version}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def _link(self, token: str) -> OpenedLink | None:
        if not TOKEN_PATTERN.match(token):
            return None
        return self.cache.link(token_hash(token), now_seconds())

    def _page(self, token: str, link: OpenedLink, drawn: DrawnPlan, notice: str) -> Response:
        self.openings.add(link.id, now_seconds())
        form_id = secrets.token_urlsafe(16)
        page = plan_page(
            drawn,
            action=f"/p/{token}",
            form_id=form_id,
            csrf=self.csrf(link.id, form_id, drawn.version),
            notice=notice,
        )
        return HTMLResponse(page)

    def kept_page(self, token: str, notice: str) -> Response | None:
        """The page from memory alone, if the link and its plan's drawing are kept there
        (None: `show` it)."""
        if not TOKEN_PATTERN.match(token):
            return None
        link = self.cache.known_link(token_hash(token), now_seconds())
        drawn = None if link is None else self.cache.drawn(link.customer_id, clock.today())
        if link is None or drawn is None:
            return None
        return self._page(token, link, drawn, notice)

    def _draw(self, customer_id: str, today: date) -> DrawnPlan:
        plan = self.store.load_customer(customer_id)
        drawn = draw_plan(plan, plan.stored_version or 0, today=today)
        self.cache.keep(drawn)
        return drawn

    def draw_ahead(self, stop: threading.Event | None = None) -> int:
        """Read the live links and draw their plans' pages, the most recently opened
        first, so that a customer opening one need not wait for its drawing; how many
        plans were drawn."""
        self.cache.refresh()
        today = clock.today()
        drawn = 0
        for customer_id in self.cache.customers_by_recency()[: self.cache.drawn_max]:
            if stop is not None and stop.is_set():
                break
            try:
                self._draw(customer_id, today)
            except SuccessPlanError:  # a plan that cannot be read is said when opened
                continue
            drawn += 1
        return drawn

    def show(self, token: str, notice: str) -> Response:
        link = self._link(token)
        if link is None:
            return HTMLResponse(INVALID_LINK, status_code=404)
        today = clock.today()
        drawn = self.cache.drawn(link.customer_id, today)
        if drawn is None:
            try:
                drawn = self._draw(link.customer_id, today)
            except NotFoundError:
                return HTMLResponse(INVALID_LINK, status_code=404)
        return self._page(token, link, drawn, notice)

    def answer(self, token: str, fields: list[tuple[str, str]], address: str) -> Response:
        # Asked of the store, not memory: a link revoked a moment ago answers nothing.
        link = None
        if TOKEN_PATTERN.match(token):
            link = page_links.live_link(self.store, token_hash(token), now_seconds())
        if link is None:
            return HTMLResponse(INVALID_LINK, status_code=404)
        if not self._answers_by_link.allow(link.id):
            raise Refused(429, "Too many answers were sent from this link: try again later.")
        answer, form_id = self._read(link, fields)
        plan = self.store.load_customer(link.customer_id)
        applied = apply_page_answer(self.store, plan, answer)
        try:
            saved = page_links.save_page_answer(
                self.store,
                applied.plan,
                plan.stored_version or 0,
                applied.summary,
                link_id=link.id,
                form_id=form_id,
                name=answer.name,
                answered_at=now_seconds(),
            )
        except AnswerAlreadyRecordedError:
            raise Refused(409, "These answers were recorded already.") from None
        self.cache.answered(link.customer_id, saved.version)
        log.info("answer recorded from link %s (%s)", link.id, address)
        return RedirectResponse(f"/p/{token}?sent=1", status_code=303)

    def _read(self, link: OpenedLink, fields: list[tuple[str, str]]) -> tuple[PageAnswer, str]:
        """The answer a form sent, checked field by field; `Refused` for anything the
        page's form could not have sent."""
        single: dict[str, str] = {}
        done: set[tuple[str, str]] = set()
        comments: dict[tuple[str, str], str] = {}
        goals: dict[str, GoalWord] = {}
        sentences: dict[str, str] = {}
        seen: set[str] = set()
        for name, value in fields:
            if name == "done":
                step = _STEP_KEY.match(value)
                if step is None:
                    raise Refused(400, "This answer is not one the page sends.")
                done.add((step.group(1), step.group(2)))
                continue
            if name in seen:  # every other field is sent once
                raise Refused(400, "This answer is not one the page sends.")
            seen.add(name)
            kind, _, rest = name.partition(":")
            if name in ("version", "form", "csrf", "name", "comment"):
                single[name] = value
            elif kind == "comment" and (step := _STEP_KEY.match(rest)):
                text = checked_text(value, "A comment on a step", COMMENT_MAX)
                if text:
                    comments[(step.group(1), step.group(2))] = text
            elif kind == "goal" and _ID.match(rest):
                try:
                    goals[rest] = GoalWord(value)
                except ValueError:
                    raise Refused(400, "This answer is not one the page sends.") from None
            elif kind == "goal-sentence" and _ID.match(rest):
                sentences[rest] = checked_text(
                    value, "A sentence on a goal", GOAL_SENTENCE_MAX, one_line=True
                )
            else:
                raise Refused(400, "This answer is not one the page sends.")
        form_id, csrf, version_text = (single.get(key, "") for key in ("form", "csrf", "version"))
        if not (_FORM_ID.match(form_id) and version_text.isdigit() and len(version_text) < 10):
            raise Refused(403, "This answer did not come from the page: open the link again.")
        version = int(version_text)
        if not hmac.compare_digest(csrf, self.csrf(link.id, form_id, version)):
            raise Refused(403, "This answer did not come from the page: open the link again.")
        name = checked_text(single.get("name", ""), "Your name", NAME_MAX, one_line=True)
        if not name:
            raise Refused(400, "Say who you are: your name is needed with your answers.")
        for outcome_id in sentences:
            if outcome_id not in goals and sentences[outcome_id]:
                raise Refused(400, "Say whether the goal is still right or has changed.")
        if any(goals[o] is GoalWord.CHANGED and not sentences.get(o) for o in goals):
            raise Refused(400, "Say in a sentence how the goal has changed.")
        answer = PageAnswer(
            version=version,
            name=name,
            done=frozenset(done),
            step_comments=comments,
            comment=checked_text(single.get("comment", ""), "Your comment", PLAN_COMMENT_MAX),
            goals={o: (word, sentences.get(o, "")) for o, word in goals.items()},
        )
        return answer, form_id

    def allow(self, address: str) -> bool:
        return self._by_address.allow(address)

    def allow_answer(self, address: str) -> bool:
        return self._answers_by_address.allow(address)


def _refusal(status: int, message: str) -> HTMLResponse:
    return HTMLResponse(message_page("Your answers were not recorded", message), status_code=status)


def _same_origin(request: Request) -> bool:
    """False for a post another site's page made. A browser says where a request comes
    from (Sec-Fetch-Site); an older one only by its Origin, which a page without a
    referrer sends as "null" even to itself, so the Origin decides only without it."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site == "same-origin"
    origin = request.headers.get("origin")
    if origin is None:
        return True
    host = request.headers.get("host", "")
    return origin in (f"{request.url.scheme}://{host}", f"https://{host}", f"http://{host}")


async def _form_fields(request: Request, largest: int) -> list[tuple[str, str]]:
    """The fields of a posted form, refused when too large or not a plain form."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise Refused(415, "This answer is not one the page sends.")
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > largest):
        raise Refused(413, "This answer is too long to be one the page sends.")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > largest:
            raise Refused(413, "This answer is too long to be one the page sends.")
    try:
        return parse_qsl(
            body.decode("utf-8"),
            keep_blank_values=True,
            strict_parsing=bool(body),
            max_num_fields=_FIELDS_MAX,
            errors="strict",
        )
    except (UnicodeDecodeError, ValueError):
        raise Refused(400, "This answer is not one the page sends.") from None


def create_app(
    store: Store,
    *,
    limits: Limits | None = None,
    secret: bytes | None = None,
    flush_every: float = 1.0,
    draw_ahead: bool = False,
) -> Starlette:
    """The page's ASGI application over `store` (with `draw_ahead`, it draws the pages
    of plans with a live link in the background from the start)."""
    pages = PageApp(store, limits or Limits(), secret or page_secret())

    def _address(request: Request) -> str:
        return request.client.host if request.client else "unknown"

    async def guarded(
        request: Request, work: Callable[[], Awaitable[Response]], *, answering: bool = False
    ) -> Response:
        address = _address(request)
        if not pages.allow(address) or (answering and not pages.allow_answer(address)):
            return _refusal(429, "Too many requests from your address: try again in a minute.")
        try:
            return await work()
        except Refused as refused:
            return _refusal(refused.status, refused.message)
        except PageAnswerError as error:
            return _refusal(400, str(error))
        except PlanConflictError:
            return _refusal(
                409, "The plan changed while you answered: open the link again and resend."
            )

    async def page(request: Request) -> Response:
        token = request.path_params["token"]
        sent = request.query_params.get("sent") == "1"
        notice = "Thank you: your answers were recorded." if sent else ""

        async def work() -> Response:
            # A page kept in memory costs microseconds: served at once, not in a thread.
            kept = pages.kept_page(token, notice)
            if kept is not None:
                return kept
            return await run_in_threadpool(pages.show, token, notice)

        return await guarded(request, work)

    async def answer(request: Request) -> Response:
        token = request.path_params["token"]

        async def work() -> Response:
            if not _same_origin(request):
                raise Refused(403, "This answer did not come from the page: open the link again.")
            fields = await _form_fields(request, pages.limits.largest_answer_bytes)
            return await run_in_threadpool(pages.answer, token, fields, _address(request))

        return await guarded(request, work, answering=True)

    async def style(request: Request) -> Response:
        return Response(PAGE_STYLE, media_type="text/css", headers=STATIC_CACHING)

    async def script(request: Request) -> Response:
        return Response(PAGE_SCRIPT, media_type="text/javascript", headers=STATIC_CACHING)

    async def not_found(request: Request, error: Exception) -> Response:
        return HTMLResponse(INVALID_LINK, status_code=404)

    async def not_allowed(request: Request, error: Exception) -> Response:
        return _refusal(405, "This address takes no such request.")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async def keep_counting() -> None:
            while True:
                await asyncio.sleep(flush_every)
                await run_in_threadpool(pages.openings.flush, store)

        counting = asyncio.create_task(keep_counting())
        stop = threading.Event()
        drawing = threading.Thread(target=pages.draw_ahead, args=(stop,), daemon=True)
        if draw_ahead:
            drawing.start()
        try:
            yield
        finally:
            stop.set()
            counting.cancel()
            if draw_ahead:
                await run_in_threadpool(drawing.join)
            await run_in_threadpool(pages.openings.flush, store)

    app = Starlette(
        routes=[
            Route("/p/{token}", page, methods=["GET"]),
            Route("/p/{token}", answer, methods=["POST"]),
            Route("/page.css", style, methods=["GET"]),
            Route("/page.js", script, methods=["GET"]),
        ],
        middleware=[Middleware(_Headers)],
        exception_handlers={404: not_found, 405: not_allowed},
        lifespan=lifespan,
    )
    app.state.pages = pages
    return app
