"""The habits of the project, kept by tests: no import circle, modules and classes of one
job, every key in the in-app help, every command and option in the README."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "successplan"
README = (ROOT / "README.md").read_text(encoding="utf-8")


# --- imports ----------------------------------------------------------------------------


def _module_names() -> dict[str, Path]:
    names = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


MODULES = _module_names()


def _imported(name: str, path: Path) -> set[str]:
    """The package's modules a module imports: at the top, inside functions (imported
    later, to keep the start quick) and for type checking alike. An import inside a
    function is still one module depending on another, and a circle of type-only imports
    still ties the modules of the circle together."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {module for module in found if module in MODULES and module != name}


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return circles


def test_no_modules_of_the_package_import_each_other_in_a_circle() -> None:
    graph = {name: _imported(name, path) for name, path in MODULES.items()}
    assert _circles(graph) == []


def test_a_circle_of_imports_is_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _circles(graph) == [["a", "b", "c"]]


# --- one job each -----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_longer_than_500_lines_but_the_demo_data(name: str) -> None:
    if name == "successplan.demo":
        return
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= 500, f"{name} has {lines} lines: does it have two jobs?"


def test_no_class_has_more_than_30_methods() -> None:
    crowded = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                methods = [
                    item
                    for item in node.body
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                ]
                if len(methods) > 30:
                    crowded.append(f"{name}.{node.name}: {len(methods)}")
    assert crowded == []


# --- SQL only in the store ---------------------------------------------------------------

STORE = PACKAGE / "store"
_DRIVERS = {"sqlite3", "sqlite_utils", "psycopg"}
# What SQL text starts with, as the store writes it (in capitals: prose says "select").
_SQL = re.compile(
    r"\bSELECT\b.*?\bFROM\b|\bINSERT\s+(?:OR\s+\w+\s+)?INTO\b|\bUPDATE\s+[\w.{}]+\s+SET\b"
    r"|\bDELETE\s+FROM\b|\bCREATE\s+(?:TABLE|INDEX)\b",
    re.DOTALL,
)
# The store's ways to run SQL that left its public surface, and the engine behind it.
_RAW_STORE_CALLS = {"query", "snapshot", "writing"}


def _store_internals_used(path: Path) -> list[str]:
    """Where a module reaches past the store's questions: it imports a database driver,
    holds SQL text in a string (an f-string's fields read as {}), runs raw SQL through a
    store (`store.query(…)`, `self._store.writing()`, `db(store.query, …)`), or touches a
    store's engine."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found += [
                f"{node.lineno}: imports {name}" for name in names if name.split(".")[0] in _DRIVERS
            ]
        elif isinstance(node, ast.Constant | ast.JoinedStr):
            if isinstance(node, ast.JoinedStr):
                text = "".join(
                    part.value if isinstance(part, ast.Constant) else "{}" for part in node.values
                )
            else:
                text = node.value if isinstance(node.value, str) else ""
            if _SQL.search(text):
                found.append(f"{node.lineno}: SQL {text.strip()[:40]!r}")
        elif isinstance(node, ast.Attribute) and node.attr == "_engine":
            found.append(f"{node.lineno}: a store's engine")
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in _RAW_STORE_CALLS
            and "store" in ast.unparse(node.value).casefold()
        ):
            found.append(f"{node.lineno}: {ast.unparse(node)}")
    return sorted(found, key=lambda finding: int(finding.split(":")[0]))


def test_sql_and_the_database_drivers_stay_inside_the_store() -> None:
    outside = {
        f"{path.relative_to(ROOT)}:{finding}"
        for path in MODULES.values()
        if STORE not in path.parents
        for finding in _store_internals_used(path)
    }
    assert outside == set(), "ask the store (successplan/store/) a question of its own"


def test_each_way_of_reaching_past_the_store_is_found(tmp_path: Path) -> None:
    module = tmp_path / "reacher.py"
    module.write_text(
        "import sqlite3\n"
        "from psycopg import sql\n"
        "import sqlite_utils.db\n"
        'a = store.query("SELECT id, name FROM customers")\n'
        "with self._store.writing() as connection:\n"
        '    connection.execute(f"UPDATE {table} SET live = 1")\n'
        'b = """\n  DELETE FROM plan_shares\n"""\n'
        "c = app.store._engine\n"
        'd = "Select a customer from the list."\n'
        'e = self.query("#filter")\n'
        "f = await self.db(store.snapshot)\n",
        encoding="utf-8",
    )
    assert [finding.split(":")[0] for finding in _store_internals_used(module)] == [
        "1", "2", "3", "4", "4", "5", "6", "7", "10", "13",
    ]  # fmt: skip


# --- one clock ----------------------------------------------------------------------------

# Ways to read the computer's day or time, which only successplan/clock.py may use: the
# model, the app and the command line take today from it, so that one setting moves all.
_COMPUTER_CLOCK = {("date", "today"), ("datetime", "today"), ("datetime", "now"),
                   ("datetime", "utcnow")}  # fmt: skip


def _reads_of_the_computers_clock(path: Path) -> list[int]:
    """The lines of a module that read the computer's clock (`date.today()`, a bare
    `date.today` handed as a default, `datetime.now(UTC)`, `datetime.datetime.now()`)."""
    return sorted(
        node.lineno
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name | ast.Attribute)
        and (getattr(node.value, "id", None) or getattr(node.value, "attr", None), node.attr)
        in _COMPUTER_CLOCK
    )


def test_only_the_clock_reads_the_computers_day_and_time() -> None:
    tests = sorted((ROOT / "tests").rglob("*.py"))
    readers = {
        f"{path.relative_to(ROOT)}:{line}"
        for path in [*MODULES.values(), *tests]
        if path != PACKAGE / "clock.py"
        for line in _reads_of_the_computers_clock(path)
    }
    assert readers == set(), "use successplan.clock.today() or now() (tests: the today fixture)"


def test_each_way_of_reading_the_computers_clock_is_found(tmp_path: Path) -> None:
    module = tmp_path / "reader.py"
    module.write_text(
        "import datetime\n"
        "from datetime import date\n"
        "a = date.today()\n"
        "b = datetime.datetime.now()\n"
        "c = Field(default_factory=date.today)\n"
        "d = datetime.date.today()\n"
        "e = clock.today()\n"
        "f = date(2026, 11, 23)\n",
        encoding="utf-8",
    )
    assert _reads_of_the_computers_clock(module) == [3, 4, 5, 6]


# --- every key in the help --------------------------------------------------------------

# How the help writes a key that Textual names otherwise.
KEY_NAMES = {
    "question_mark": "?",
    "f1": "F1",
    "escape": "esc",
    "slash": "/",
    "plus": "+",
    "equals_sign": "=",
    "minus": "-",
    "up": "↑",
    "down": "↓",
    "pageup": "pgup",
    "pagedown": "pgdn",
}


def _help_keys(keys: str) -> set[str]:
    """The keys an entry of the help names: "d delete" → d, delete; "1 … 6" → 1 to 6."""
    found = set(keys.split())
    for first, last in re.findall(r"(\d) … (\d)", keys):
        found.update(str(n) for n in range(int(first), int(last) + 1))
    return found


def _screens() -> Iterator[type]:
    from textual.screen import Screen

    for module in pkgutil.walk_packages([str(PACKAGE / "tui")], "successplan.tui."):
        importlib.import_module(module.name)
    pending = list(Screen.__subclasses__())
    while pending:
        screen = pending.pop()
        pending.extend(screen.__subclasses__())
        if screen.__module__.startswith("successplan."):
            yield screen


def _help_sections() -> dict[type, str]:
    from successplan.tui.app import SuccessPlanApp
    from successplan.tui.forms import ConfirmScreen, FormScreen, SaveOrDiscard
    from successplan.tui.screens.assign import AssignScreen
    from successplan.tui.screens.base import PlanScreen
    from successplan.tui.screens.conflict import ConflictScreen
    from successplan.tui.screens.customer import CustomerScreen
    from successplan.tui.screens.customers import CustomersScreen
    from successplan.tui.screens.dashboard import DashboardScreen
    from successplan.tui.screens.export_choice import ExportChoiceScreen
    from successplan.tui.screens.export_folder import ExportFolderScreen
    from successplan.tui.screens.field_help import FieldHelpScreen
    from successplan.tui.screens.glossary import GlossaryScreen
    from successplan.tui.screens.help import HelpScreen
    from successplan.tui.screens.history import HistoryScreen
    from successplan.tui.screens.password import PasswordScreen
    from successplan.tui.screens.preview import PreviewScreen
    from successplan.tui.screens.returned import ReturnedChangesScreen, ReturnedPlanScreen
    from successplan.tui.screens.search import SearchScreen
    from successplan.tui.screens.team_dashboard import TeamDashboardScreen
    from successplan.tui.screens.templates import TemplateChoiceScreen, TemplateNameScreen

    return {
        SuccessPlanApp: "Everywhere",
        PlanScreen: "Everywhere",
        CustomersScreen: "Customers",
        CustomerScreen: "A customer's plan",
        DashboardScreen: "Dashboard",
        PreviewScreen: "Preview",
        ExportChoiceScreen: "Export choice",
        ReturnedPlanScreen: "Returned plan",
        ReturnedChangesScreen: "Returned plan",
        SearchScreen: "Search",
        FormScreen: "Forms",
        ConfirmScreen: "Questions",
        SaveOrDiscard: "Questions",
        HelpScreen: "This help",
        HistoryScreen: "History",
        ConflictScreen: "Changed both ways",
        FieldHelpScreen: "What a field means",
        GlossaryScreen: "Glossary",
        ExportFolderScreen: "Export folder",
        TemplateChoiceScreen: "Templates",
        TemplateNameScreen: "Templates",
        PasswordScreen: "A server's password",
        TeamDashboardScreen: "Team",
        AssignScreen: "Assign",
    }


def test_the_help_has_a_section_for_every_screen() -> None:
    from successplan.tui.screens.help import KEYS

    sections = _help_sections()
    assert set(_screens()) <= set(sections), "a new screen: give its keys a section of the help"
    assert set(sections.values()) <= set(KEYS)


def test_every_key_of_every_screen_is_in_the_help() -> None:
    from textual.binding import Binding

    from successplan.tui.screens.help import KEYS

    missing = []
    for screen, section in _help_sections().items():
        listed = set().union(*(_help_keys(keys) for keys, _ in KEYS[section]))
        listed |= set().union(*(_help_keys(keys) for keys, _ in KEYS["Everywhere"]))
        for binding in vars(screen).get("BINDINGS", []):
            assert isinstance(binding, Binding)
            for key in binding.key.split(","):
                if KEY_NAMES.get(key.strip(), key.strip()) not in listed:
                    missing.append(f"{screen.__name__}: {key} ({binding.action})")
    assert missing == []


# --- every command in the README ----------------------------------------------------------


def _commands() -> dict[str, click.Command]:
    from successplan.cli import main

    context = click.Context(main)
    found = {}
    for name in main.list_commands(context):
        command = main.get_command(context, name)
        assert command is not None
        found[name] = command
    return found


COMMANDS = _commands()


def _mentioned(option: str) -> bool:
    """Whether the README names this option (--customer is not named by --customer-view)."""
    return re.search(rf"{re.escape(option)}(?![\w-])", README) is not None


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_in_the_readme(name: str) -> None:
    assert re.search(rf"`successplan {re.escape(name)}\b", README), f"successplan {name}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_of_every_command_is_in_the_readme(name: str) -> None:
    options = [
        option
        for parameter in COMMANDS[name].params
        if isinstance(parameter, click.Option)
        for option in parameter.opts
        if option.startswith("--")
    ]
    assert [option for option in options if not _mentioned(option)] == []


def test_every_option_of_the_app_itself_is_in_the_readme() -> None:
    from successplan.cli import main

    options = [option for parameter in main.params for option in parameter.opts]
    assert [o for o in options if o.startswith("--") and not _mentioned(o)] == []


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_says_what_it_does(name: str) -> None:
    assert (COMMANDS[name].help or "").strip()


# --- the tools that judge the code are pinned ------------------------------------------------


def _requirement_name(requirement: str) -> str:
    """The distribution a requirement names, normalised as pip compares them."""
    name = re.split(r"[\s\[<>=!~;]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_dependency_is_pinned_in_the_constraints() -> None:
    """A dependency added to pyproject.toml without running .ci/lock would install whatever
    release is newest on the day, and a new mypy or click could turn main red unnoticed."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_requirement_name(r) for r in project["dependencies"]}
    wanted |= {_requirement_name(r) for r in project["optional-dependencies"]["test"]}
    pinned = {
        _requirement_name(line): line.split("==", 1)[1].strip()
        for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert sorted(wanted - pinned.keys()) == []
    assert all(re.fullmatch(r"[\w.+!-]+", version) for version in pinned.values())


def test_both_readme_commands_and_ci_install_through_the_constraints() -> None:
    installs = re.findall(r"python3 -m pip install [^&\n]*", README)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    installs += re.findall(r"python3 -m pip install [^&\n]*", ci)
    assert len(installs) >= 4
    assert [command for command in installs if "-c constraints.txt" not in command] == []
