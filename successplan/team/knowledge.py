"""What the team shares: the templates a manager publishes for every CSM of the book (the
coverage models and the team's settings are a manager's to change too: on PostgreSQL the
database refuses anyone else)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from successplan.errors import NotFoundError, SuccessPlanError
from successplan.knowledge.template_files import (
    TEAM_TEMPLATE_PREFIX,
    TemplateFile,
    TemplateSource,
    load_templates,
    template_name,
)
from successplan.store.people import remove_team_setting, set_team_setting
from successplan.team.people import must_manage

if TYPE_CHECKING:
    from successplan.store import Store


def publish_template(store: Store, name: str, user_dir: Path | None = None) -> TemplateFile:
    """Publish one of your own templates to the team (a manager's; the book keeps it)."""
    must_manage(store, "publish templates")
    found = load_templates(user_dir).find(name)
    if found.source is not TemplateSource.YOURS:
        raise SuccessPlanError(
            f"{found.name} is a shipped template: every CSM has it already; publish one of "
            "your own (`successplan save-template`)."
        )
    text = json.dumps(found.template.model_dump(mode="json", exclude_defaults=True))
    set_team_setting(store, f"{TEAM_TEMPLATE_PREFIX}{found.name}", text)
    return found


def unpublish_template(store: Store, name: str) -> None:
    """Take a template back from the team (a manager's); drafts stay where they are."""
    must_manage(store, "unpublish templates")
    if not remove_team_setting(store, f"{TEAM_TEMPLATE_PREFIX}{template_name(name)}"):
        raise NotFoundError(f"The team has no published template called {name!r}.")


def set_check_threshold(store: Store, name: str, value: float) -> None:
    """Set one of the plan checks' thresholds for the whole team (a manager's); it wins
    over what a CSM's own settings file says."""
    from dataclasses import fields

    from successplan.knowledge.checks.book import CHECK_SETTING_PREFIX
    from successplan.settings import CheckSettings

    must_manage(store, "set the checks' thresholds")
    known = {setting.name: setting.type for setting in fields(CheckSettings)}
    if name not in known:
        raise SuccessPlanError(f"{name} is not a check threshold: {', '.join(known)}.")
    whole, value = known[name] == "int", float(value)
    if (whole and not (value.is_integer() and 1 <= value <= 3650)) or (
        not whole and not 1.0 <= value <= 10.0
    ):
        allowed = "a whole number of days, 1 to 3650" if whole else "a factor from 1 to 10"
        raise SuccessPlanError(f"{name} must be {allowed}.")
    shown = str(int(value)) if whole else str(value)
    set_team_setting(store, f"{CHECK_SETTING_PREFIX}{name}", shown)
