"""The customer's page under load: `successplan serve`'s application in a process of its
own on 127.0.0.1, over a copy of the book.

Opening: 200 customers' pages opened at once, three rounds (the p99 of a page is what a
customer waits at worst), once the server has drawn the pages of plans with a live link
(as `serve` does from its start); and, one at a time, the first opening of 20 pages shared
after it started (drawn when opened). Answers: 50 a second, each from its own form of one of those
pages, for 10 seconds (SUCCESSPLAN_BENCH_PAGE_SECONDS for another length); afterwards
each accepted answer must be in its plan's relationship log: one that is not is lost.
Traffic goes to 127.0.0.1 only, bounded in count and time.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bench.database import BenchDatabase
from successplan.answers import links
from successplan.store import Store, page_links

PAGES = 200
FRESH = 20
ROUNDS = 3
ANSWERS_PER_SECOND = 50
ROOT = Path(__file__).resolve().parent.parent

# The server: argv = target, port. Limits high enough for one address sending it all.
SERVER = """
import secrets, sys, uvicorn
from successplan.store import Store
from successplan.web.app import create_app
from successplan.web.limits import Limit, Limits

limits = Limits(Limit(10**9, 1), Limit(10**9, 1), Limit(10**9, 1))
store = Store.open(sys.argv[1])
app = create_app(store, limits=limits, secret=secrets.token_bytes(32))
app.state.pages.draw_ahead()  # as `serve` does in the background from its start
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), access_log=False,
            log_level="warning")
"""
_HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run(database: BenchDatabase) -> dict[str, float]:
    seconds = float(os.environ.get("SUCCESSPLAN_BENCH_PAGE_SECONDS", "10"))
    with database.scratch() as copy:
        with Store.open(copy) as store:
            customers = store.customer_ids()[:PAGES]
            shared = [links.share(store, store.load_customer(c), base_url="") for c in customers]
            paths = [made.url for made in shared]
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(copy), str(port)], cwd=ROOT)
        try:
            base = f"http://127.0.0.1:{port}"
            fresh_paths = _wait_then_share(copy, base, PAGES, FRESH)
            figures = asyncio.run(_measure(base, paths, fresh_paths, seconds))
        finally:
            server.terminate()
            server.wait(30)
        with Store.open(copy) as store:
            recorded = page_links.count_answers_since(store, 0)
            logged = sum(
                sum("bench answer " in i.summary for i in store.load_customer(c).interactions)
                for c in customers
            )
    accepted = figures.pop("answers accepted")
    figures["answers accepted"] = accepted
    figures["answers lost"] = accepted - min(recorded, logged)
    return figures


def _wait_then_share(book: Path | str, base: str, skip: int, count: int) -> list[str]:
    """Once the server answers, share `count` more plans (after the first `skip`)."""
    deadline = time.monotonic() + 600
    while True:
        try:
            httpx.get(f"{base}/page.css", timeout=5)
            break
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    with Store.open(book) as store:
        customers = store.customer_ids()[skip : skip + count]
        return [links.share(store, store.load_customer(c), base_url="").url for c in customers]


class Browser:
    """One customer's browser: a keep-alive connection of its own and plain HTTP/1.1 GETs
    (httpx's pool, shared by 200 at once, would measure itself more than the server)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> tuple[int, str]:
        if self._streams is None:
            self._streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self._streams
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
        status = int(head.split(" ", 2)[1])
        length = re.search(r"(?im)^content-length:\s*(\d+)", head)
        if length is None:
            raise ValueError("a response without a length")
        body = await reader.readexactly(int(length.group(1)))
        return status, body.decode("utf-8")

    def close(self) -> None:
        if self._streams is not None:
            self._streams[1].close()


async def _measure(
    base: str, paths: list[str], fresh_paths: list[str], seconds: float
) -> dict[str, float]:
    limits = httpx.Limits(max_connections=PAGES, max_keepalive_connections=PAGES)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        errors: list[str] = []

        address = httpx.URL(base)
        browsers = {path: Browser(address.host, address.port or 80) for path in paths}

        async def opened(path: str) -> tuple[float, str]:
            browser = browsers.setdefault(path, Browser(address.host, address.port or 80))
            started = time.perf_counter()
            try:
                status, text = await browser.get(path)
            except (OSError, ValueError, asyncio.IncompleteReadError) as error:
                errors.append(f"{type(error).__name__}: {error}")
                return (time.perf_counter() - started) * 1000, ""
            if status != 200:
                errors.append(f"status {status}")
            return (time.perf_counter() - started) * 1000, text

        fresh = [(await opened(path))[0] for path in fresh_paths]

        timings: list[float] = []
        for _ in range(ROUNDS):
            results = await asyncio.gather(*(opened(path) for path in paths))
            timings.extend(timing for timing, _ in results)
        timings.sort()

        count = int(seconds * ANSWERS_PER_SECOND)
        forms: list[tuple[str, dict[str, str]]] = []
        for start in range(0, count, PAGES):
            batch = [paths[n % len(paths)] for n in range(start, min(count, start + PAGES))]
            pages = await asyncio.gather(*(opened(path) for path in batch))
            forms.extend(
                (path, dict(_HIDDEN.findall(text)))
                for path, (_, text) in zip(batch, pages, strict=True)
            )

        async def answer(number: int, path: str, form: dict[str, str]) -> tuple[bool, float]:
            fields = {**form, "name": "Bench", "comment": f"bench answer {number}"}
            started = time.perf_counter()
            try:
                response = await client.post(path, data=fields, headers={"origin": base})
            except httpx.HTTPError as error:
                errors.append(f"{type(error).__name__}: {error}")
                return False, (time.perf_counter() - started) * 1000
            return response.status_code == 303, (time.perf_counter() - started) * 1000

        pending = []
        began = time.monotonic()
        for number, (path, form) in enumerate(forms):
            await asyncio.sleep(max(0.0, began + number / ANSWERS_PER_SECOND - time.monotonic()))
            pending.append(asyncio.create_task(answer(number, path, form)))
        answered = await asyncio.gather(*pending)
        for browser in browsers.values():
            browser.close()
    answer_timings = sorted(timing for _, timing in answered)
    for error in errors[:5]:
        print(f"    an error: {error}", flush=True)
    return {
        f"{PAGES} pages opened at once x{ROUNDS}, median (ms)": statistics.median(timings),
        "page, p99 (ms)": timings[int(len(timings) * 0.99) - 1],
        "first opening of a page not drawn ahead, median (ms)": statistics.median(fresh),
        f"answers sent ({ANSWERS_PER_SECOND}/s)": float(len(answered)),
        "answer, p99 (ms)": answer_timings[int(len(answer_timings) * 0.99) - 1],
        "answers accepted": float(sum(ok for ok, _ in answered)),
        "errors": float(len(errors)),
    }
