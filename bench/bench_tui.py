"""Terminal app figures: first frame, opening an account, switching outcomes, filtering;
and the same on a book whose every customer has a recorded health, the table sorted by it.

First frame: each app runs headless in a fresh interpreter (imports included) and
exits right after the first frame that shows its content. The accounts screen starts
the way a person starts it, through `successplan --db PATH`; its figures are the first
frame (the table, rows still loading) and the first frame with the rows in the table.
The bare Textual app showing one line is measured in the same run, so the ratios
compare like with like on this machine. The other figures are measured in one running
app on the benchmark data set.
"""

from __future__ import annotations

import asyncio
import gc
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from textual import events
from textual.widgets import Input

from bench.database import BenchDatabase
from successplan import clock
from successplan.store import Store
from successplan.store.customer_table import CustomerOrder
from successplan.store.health import HealthRecord, record_health
from successplan.store.queries import customer_summaries
from successplan.tui.app import SuccessPlanApp
from successplan.tui.screens.customer import CustomerScreen
from successplan.tui.screens.customers import CustomersScreen

ROOT = Path(__file__).resolve().parent.parent
SIZE = (120, 40)

# Each child prints the wall-clock time of its first frame; interpreter teardown,
# which differs with what was imported, is not part of the figure.
BARE_APP = """
import time
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("successplan")

    def on_mount(self):
        self.call_after_refresh(self.painted)

    def painted(self):
        print(time.time())
        self.exit()

Bare().run(headless=True, size=(120, 40))
"""

# The command line as a person runs it, with the hooks that make it headless and report
# the frame asked for. The modules imported here are the ones the command imports
# before its first frame anyway.
COMMAND_LINE = """
import sys
import time
from successplan.tui.app import SuccessPlanApp
from successplan.tui.screens.customers import CustomersScreen

run = SuccessPlanApp.run

def run_headless(self, *args, **kwargs):
    return run(self, *args, headless=True, size=(120, 40), **kwargs)

def painted(app):
    print(time.time())
    app.exit()

SuccessPlanApp.run = run_headless
{hook}
from successplan.cli import main

main(["--db", sys.argv[1]], standalone_mode=False)
"""

# The first frame of the accounts screen: its table, the rows still loading.
FIRST_FRAME_HOOK = """
mounted = CustomersScreen.on_mount

def on_mount_then_exit(self):
    mounted(self)
    self.call_after_refresh(painted, self.app)

CustomersScreen.on_mount = on_mount_then_exit
"""

# The first frame with the accounts in the table.
WITH_ROWS_HOOK = """
shown = CustomersScreen.show_rows

def show_rows_then_exit(self, **kwargs):
    shown(self, **kwargs)
    if self.rows:
        self.call_after_refresh(painted, self.app)

CustomersScreen.show_rows = show_rows_then_exit
"""


# Seconds between one key and the next of a quick typist (eight keys a second).
TYPING_INTERVAL = 0.125
# Keys of the characters a customer's name may hold that are not their own key names.
KEY_NAMES = {" ": "space", "&": "ampersand", "-": "minus", ".": "full_stop", "'": "apostrophe"}


def _wall_ms(script: str, *args: str, repeat: int) -> float:
    """Median time from starting a fresh interpreter to the first frame it reports."""
    environment = dict(os.environ)
    environment["PYTHONPATH"] = str(ROOT)
    # An installed successplan runs from bytecode (pip compiles it on install), as
    # Textual does here: compiling the source tree at every start is no user's cost.
    # The first, uncounted run writes what is missing of its bytecode cache.
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    timings = []
    for run in range(repeat + 1):
        started = time.time()
        finished = subprocess.run(
            [sys.executable, "-c", script, *args],
            check=True,
            env=environment,
            capture_output=True,
            text=True,
        )
        painted = float(finished.stdout.strip().splitlines()[-1])
        if run > 0:
            timings.append((painted - started) * 1000)
    return statistics.median(timings)


async def _until(condition: object, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0)


async def _painted(app: SuccessPlanApp) -> None:
    """Wait for the next frame to be drawn (what the CSM sees, not only what is loaded)."""
    drawn = asyncio.Event()
    app.call_after_refresh(drawn.set)
    await drawn.wait()


def _record_health(target: Path | str) -> int:
    """Give every customer a recorded health (a score spread over 0-100 by its id, as a
    book's would be): what the table's health column shows and sorts by."""
    today = clock.today()
    with Store.open(target) as store:
        records = []
        for customer_id in store.customer_ids():
            score = hashlib.sha256(customer_id.encode()).digest()[0] * 100 // 255
            band = "good" if score >= 70 else "poor" if score < 40 else "fair"
            records.append(HealthRecord(customer_id, today, score, band, []))
        return record_health(store, records)


async def _sort_by_health(app: SuccessPlanApp, accounts: CustomersScreen) -> float:
    """Press s until the table is sorted by health, as a person does; the last key's time
    to the frame with the rows in that order (ms)."""
    elapsed = 0.0
    accounts.query_one("#customers").focus()
    while accounts.order is not CustomerOrder.HEALTH:
        shown = accounts._generation
        started = time.perf_counter()
        app.post_message(events.Key("s", "s"))
        await _until(lambda before=shown: accounts._generation != before)
        await _painted(app)
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed


async def _in_app(target: Path | str, *, by_health: bool = False) -> dict[str, float]:
    store = Store.open(target)
    # The accounts with the most outcomes are the heaviest to open. They are found before
    # the app starts: the bench's own summaries of every account (600,000 objects at
    # 100,000 accounts) are no part of the app's heap, which the garbage collector walks,
    # and their garbage is collected here rather than while the first account opens.
    summaries = customer_summaries(store)
    heaviest = [
        summary.id for summary in sorted(summaries, key=lambda s: len(s.outcomes), reverse=True)[:7]
    ]
    del summaries
    gc.collect()
    app = SuccessPlanApp(store)
    figures: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        await _until(lambda: isinstance(app.screen, CustomersScreen) and app.screen.rows)
        accounts = app.screen
        assert isinstance(accounts, CustomersScreen)
        await pilot.pause()
        if by_health:
            figures["sort by health, key to its frame (ms)"] = await _sort_by_health(app, accounts)
            await pilot.pause()

        # A person reads the list before opening an account: the app's work after its
        # first frame (the palette's names, the checks, the customer screen made ahead)
        # is done by then.
        await _until(lambda: not any(worker.is_running for worker in app.workers))
        await pilot.pause()
        opening, switching = [], []
        for customer_id in heaviest:
            started = time.perf_counter()
            app.open_customer(customer_id)
            await _until(lambda: isinstance(app.screen, CustomerScreen) and app.screen.customer)
            await _painted(app)  # until the plan is on the screen, not only loaded
            opening.append((time.perf_counter() - started) * 1000)
            screen = app.screen
            assert isinstance(screen, CustomerScreen) and screen.customer is not None
            await pilot.pause()
            # As the arrow keys do: highlight the next outcome in the list, and wait
            # until the plan of that outcome is on the screen's widgets.
            outcome_list = screen.outcome_list.options
            for outcome in screen.customer.outcomes:
                if outcome.id == screen.outcome_id:
                    continue
                started = time.perf_counter()
                outcome_list.highlighted = outcome_list.get_option_index(outcome.id)
                await _until(lambda s=screen, wanted=outcome.id: s.outcome_id == wanted)
                await _painted(app)
                switching.append((time.perf_counter() - started) * 1000)
            app.pop_screen()
            await pilot.pause()
        figures["open an account, median (ms)"] = statistics.median(opening)
        figures["open an account, slowest (ms)"] = max(opening)
        figures["switch outcome, median (ms)"] = statistics.median(switching)
        figures["switch outcome, slowest (ms)"] = max(switching)

        # Type a name's first letters one at a time, then delete them again, with the
        # keys a person presses: what a keystroke costs is from the key to the matching
        # rows (a page of them, read from the database) in the table, and to the frame
        # that shows them. (Posted as the terminal's driver posts them: the pilot's own
        # presses wait for the whole process to be idle, no part of what a person
        # waits for.)
        name = accounts.rows[len(accounts.rows) // 2].name
        keys = [*((KEY_NAMES.get(c, c), c) for c in name[:6]), *[("backspace", None)] * 6]
        accounts.query_one("#filter", Input).focus()
        await pilot.pause()
        filtering, drawing = [], []
        for key, character in keys[: len(name[:6]) * 2]:
            shown = accounts._generation  # (moves each time the rows are shown)
            started = time.perf_counter()
            app.post_message(events.Key(key, character))
            await _until(lambda before=shown: accounts._generation != before)
            filtering.append((time.perf_counter() - started) * 1000)
            await _painted(app)
            drawing.append((time.perf_counter() - started) * 1000)
            # The next key comes as a quick typist's would (a slower app makes it wait).
            await asyncio.sleep(max(0.0, started + TYPING_INTERVAL - time.perf_counter()))
        figures["filter keystroke, median (ms)"] = statistics.median(filtering)
        figures["filter keystroke, slowest (ms)"] = max(filtering)
        figures["filter keystroke to its frame, median (ms)"] = statistics.median(drawing)
        figures["filter keystroke to its frame, slowest (ms)"] = max(drawing)
    store.close()
    return figures


def run(database: BenchDatabase) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="successplan-bench-") as config_dir:
        # Remembered settings (the theme) stay out of the user's own config folder; the
        # children inherit the variable.
        os.environ["SUCCESSPLAN_CONFIG_DIR"] = config_dir
        bare = _wall_ms(BARE_APP, repeat=7)
        painted = _wall_ms(
            COMMAND_LINE.format(hook=FIRST_FRAME_HOOK), str(database.target), repeat=7
        )
        with_rows = _wall_ms(
            COMMAND_LINE.format(hook=WITH_ROWS_HOOK), str(database.target), repeat=7
        )
        figures = {
            "bare Textual app, first frame (ms)": bare,
            "accounts screen, first frame (ms)": painted,
            "accounts first frame / bare app (ratio)": painted / bare,
            "accounts screen, first frame with rows (ms)": with_rows,
            "accounts first frame with rows / bare app (ratio)": with_rows / bare,
        }
        figures.update(asyncio.run(_in_app(database.target)))
        # Every customer with a recorded health, the table sorted by it: the same figures.
        with database.scratch() as book:
            _record_health(book)
            with_health = _wall_ms(COMMAND_LINE.format(hook=WITH_ROWS_HOOK), str(book), repeat=7)
            figures["with health: accounts first frame with rows (ms)"] = with_health
            figures["with health: first frame with rows / bare app (ratio)"] = with_health / bare
            by_health = asyncio.run(_in_app(book, by_health=True))
            figures.update(
                {f"sorted by health: {name}": value for name, value in by_health.items()}
            )
    del os.environ["SUCCESSPLAN_CONFIG_DIR"]
    return figures


if __name__ == "__main__":
    from bench.generate import generate

    for figure, value in run(generate()).items():
        print(f"{figure:<48} {value:10.1f}")
