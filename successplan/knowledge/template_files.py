"""Outcome templates as files: the ones that ship with successplan and the CSM's own.

Shipped templates are JSON files in `successplan/knowledge/templates/`; a CSM's own live in the
`templates` folder of their config folder (see `successplan.settings.config_dir`) and
add to the shipped ones, or replace one of the same name. A file that cannot be read is
reported with what is wrong in it, never with a traceback, and never hides the others.
A team's book holds the templates its managers published (`successplan.team.knowledge`):
every CSM of the book has them; a CSM's own stay drafts, theirs, until published.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from successplan.errors import NotFoundError, SuccessPlanError
from successplan.knowledge.plan_templates import TEMPLATE_SCHEMA_ID, OutcomeTemplate
from successplan.model import problems_of
from successplan.settings import config_dir

if TYPE_CHECKING:
    from successplan.store import Store

SUFFIX = ".json"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class TemplateSource(StrEnum):
    SHIPPED = "shipped"
    TEAM = "the team's"
    YOURS = "yours"


# The team's templates are kept in the book's team settings under this prefix: a manager
# publishes them (on PostgreSQL the database refuses anyone else), everyone uses them.
TEAM_TEMPLATE_PREFIX = "template:"


@dataclass(frozen=True)
class TemplateFile:
    """A template and where it comes from."""

    name: str
    template: OutcomeTemplate
    source: TemplateSource
    path: Path
    replaces_shipped: bool = False


@dataclass
class TemplateCatalog:
    """Every template that could be read, by name, and what was wrong with the others."""

    templates: dict[str, TemplateFile] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def find(self, name: str) -> TemplateFile:
        """The template of this name, or the one whose name starts so."""
        wanted = name.strip().casefold()
        if wanted in self.templates:
            return self.templates[wanted]
        starting = [n for n in self.templates if n.startswith(wanted)]
        if len(starting) == 1:
            return self.templates[starting[0]]
        broken = [p for p in self.problems if Path(p.split(":", 1)[0]).stem == wanted]
        if broken:
            raise SuccessPlanError(broken[0])
        names = ", ".join(sorted(self.templates)) or "none"
        if starting:
            raise NotFoundError(f"{name!r} matches several templates: {', '.join(starting)}.")
        raise NotFoundError(f"No template is called {name!r}; the templates are: {names}.")


def user_templates_dir() -> Path:
    """Where the CSM's own templates live."""
    return config_dir() / "templates"


def shipped_template_paths() -> list[Path]:
    """The template files that ship with successplan."""
    folder = resources.files("successplan.knowledge").joinpath("templates")
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(SUFFIX))


def read_template(path: Path) -> OutcomeTemplate:
    """Read and validate one template file; SuccessPlanError says what is wrong with it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SuccessPlanError(f"{path}: cannot be read ({error.strerror}).") from None
    except UnicodeDecodeError:
        raise SuccessPlanError(f"{path}: is not UTF-8 text.") from None
    except json.JSONDecodeError as error:
        raise SuccessPlanError(
            f"{path}: is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})."
        ) from None
    if isinstance(data, dict):
        data.pop("$schema", None)
    try:
        return OutcomeTemplate.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{where or 'the template'}: {message}" for where, message in problems_of(error)
        )
        raise SuccessPlanError(f"{path}: is not a valid template — {problems}.") from None


def load_templates(user_dir: Path | None = None, store: Store | None = None) -> TemplateCatalog:
    """The shipped templates, the team's published in `store`'s book, and the CSM's own
    drafts (the later win on a shared name: a draft stays the CSM's until published)."""
    catalog = TemplateCatalog()
    user_dir = user_dir or user_templates_dir()
    user_paths = sorted(user_dir.glob(f"*{SUFFIX}")) if user_dir.is_dir() else []
    for path in shipped_template_paths():
        _add(catalog, TemplateSource.SHIPPED, path, partial(read_template, path))
    for key, text in (team_templates(store) if store is not None else {}).items():
        path = Path(f"{key}{SUFFIX}")
        _add(catalog, TemplateSource.TEAM, path, partial(_read_published, path, text))
    for path in user_paths:
        _add(catalog, TemplateSource.YOURS, path, partial(read_template, path))
    return catalog


def _add(
    catalog: TemplateCatalog,
    source: TemplateSource,
    path: Path,
    read: Callable[[], OutcomeTemplate],
) -> None:
    name = path.stem.casefold()
    try:
        template = read()
    except SuccessPlanError as error:
        catalog.problems.append(str(error))
        return
    replaces = source is not TemplateSource.SHIPPED and name in catalog.templates
    catalog.templates[name] = TemplateFile(name, template, source, path, replaces)


def team_templates(store: Store) -> dict[str, str]:
    """The team's published templates as stored (JSON), by name."""
    from successplan.store.people import team_settings_starting

    found = team_settings_starting(store, TEAM_TEMPLATE_PREFIX)
    return {key.removeprefix(TEAM_TEMPLATE_PREFIX): text for key, text in found.items()}


def _read_published(path: Path, text: str) -> OutcomeTemplate:
    try:
        return OutcomeTemplate.model_validate(json.loads(text))
    except (ValueError, ValidationError):
        raise SuccessPlanError(f"The team's template {path.stem} cannot be read.") from None


def template_name(text: str) -> str:
    """A name for a template file from what the CSM typed: "Renewal at risk" → "renewal-at-risk"."""
    name = re.sub(r"[^a-z0-9_-]+", "-", text.strip().casefold()).strip("-")
    if not _NAME.match(name):
        raise SuccessPlanError(
            f"{text!r} cannot name a template: use letters, digits, '-' and '_' (up to 64)."
        )
    return name


def save_template(
    name: str, template: OutcomeTemplate, *, force: bool = False, user_dir: Path | None = None
) -> Path:
    """Write one of the CSM's own templates (atomically); an existing one only with `force`."""
    folder = user_dir or user_templates_dir()
    path = folder / f"{template_name(name)}{SUFFIX}"
    if path.exists() and not force:
        raise SuccessPlanError(
            f"You already have a template called {path.stem!r} ({path}); "
            "choose another name, or replace it with --force."
        )
    data = {"$schema": TEMPLATE_SCHEMA_ID}
    data.update(template.model_dump(mode="json", exclude_defaults=True))
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    temporary: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError as error:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise SuccessPlanError(f"Cannot write {path}: {error.strerror or error}.") from None
    return path
