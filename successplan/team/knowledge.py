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
