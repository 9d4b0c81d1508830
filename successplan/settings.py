"""Remembered choices (theme, dashboard window, export folder) and the plan checks'
thresholds, in a small JSON file.

The file lives in the platform's user config folder, or in $SUCCESSPLAN_CONFIG_DIR
when set (tests point it at a temporary folder so they never touch the real one).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import platformdirs

from successplan.errors import SuccessPlanError

CONFIG_DIR_VARIABLE = "SUCCESSPLAN_CONFIG_DIR"
# Where exports are written unless the command or the app is told otherwise.
DEFAULT_EXPORT_DIR = Path("exports")
DEFAULT_DASHBOARD_DAYS = 14


def config_dir() -> Path:
    """The user's successplan config folder (settings, their own plan templates)."""
    return Path(os.environ.get(CONFIG_DIR_VARIABLE) or platformdirs.user_config_dir("successplan"))


def settings_path() -> Path:
    """Where the settings file is (not created until something is saved)."""
    return config_dir() / "settings.json"


@dataclass
class Settings:
    theme: str | None = None
    dashboard_days: int = DEFAULT_DASHBOARD_DAYS
    # Where exports go, set once (the command line's --out and the app follow it).
    export_dir: str | None = None
    # Where `successplan serve` is reached from the customers' side: the start of every
    # link `successplan share` prints.
    page_base_url: str | None = None

    @property
    def export_folder(self) -> Path:
        """The folder exports are written to: the one set, else `exports/` here."""
        return Path(self.export_dir).expanduser() if self.export_dir else DEFAULT_EXPORT_DIR

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """The saved settings; defaults when there is no file or it cannot be read."""
        path = path or settings_path()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        settings = cls()
        if isinstance(data.get("theme"), str):
            settings.theme = data["theme"]
        # (Earlier versions called the dashboard's window "review_days".)
        days = data.get("dashboard_days", data.get("review_days"))
        if isinstance(days, int) and not isinstance(days, bool) and 1 <= days <= 365:
            settings.dashboard_days = days
        if isinstance(data.get("export_dir"), str) and data["export_dir"].strip():
            settings.export_dir = data["export_dir"]
        if isinstance(data.get("page_base_url"), str) and data["page_base_url"].strip():
            settings.page_base_url = data["page_base_url"]
        return settings

    def save(self, path: Path | None = None, *, quiet: bool = True) -> None:
        """Write the settings; failing to remember a theme is not worth stopping for, but
        with `quiet=False` a failure is a `SuccessPlanError` (a folder the user chose)."""
        path = path or settings_path()
        known = {f.name for f in fields(self)}
        # Keys this class does not own (the checks' thresholds) are kept as they were.
        data = {**_read_object(path), **{k: v for k, v in asdict(self).items() if k in known}}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        except OSError as error:
            if not quiet:
                raise SuccessPlanError(
                    f"cannot save the settings in {path}: {error.strerror or error}"
                ) from None


def export_folder() -> Path:
    """Where exports are written unless told otherwise: the folder set in the settings."""
    return Settings.load().export_folder


def read_settings_object() -> dict[str, Any]:
    """The whole settings file as a JSON object (empty when there is none)."""
    return _read_object(settings_path())


def _read_object(path: Path) -> dict[str, Any]:
    """The JSON object in `path`; empty when there is none or it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@dataclass(frozen=True)
class CheckSettings:
    """The plan checks' thresholds, in days unless said otherwise.

    A CSM or team changes them under "checks" in the settings file, e.g.
    `{"checks": {"no_interaction_days": 45}}`; a missing or unusable value keeps its default.
    """

    # A cadence is not kept when the gap since the last interaction we started exceeds
    # the cadence times this factor ("monthly" and nothing in 45 days).
    cadence_grace: float = 1.5
    # No interaction at all logged for this long, whatever the cadence.
    no_interaction_days: int = 60
    # More open steps than this in one outcome.
    plan_too_long_steps: int = 15
    # Neither changed nor shared with the customer for this long.
    stale_plan_days: int = 60
    # A draft outcome not agreed with the customer after this long.
    draft_outcome_days: int = 21
    # An executive sponsor not contacted for this long.
    sponsor_contact_days: int = 90

    @classmethod
    def load(cls, path: Path | None = None, team: dict[str, float] | None = None) -> CheckSettings:
        """The thresholds in the settings file, defaults for what it does not set; the
        team's (`team`, kept in its book by a manager) win over both."""
        given = _read_object(path or settings_path()).get("checks")
        if not isinstance(given, dict):
            given = {}
        given = {**given, **(team or {})}
        chosen: dict[str, Any] = {}
        for setting in fields(cls):
            value = given.get(setting.name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue
            if setting.type == "int" and isinstance(value, int) and 1 <= value <= 3650:
                chosen[setting.name] = value
            elif setting.type == "float" and 1.0 <= value <= 10.0:
                chosen[setting.name] = float(value)
        return cls(**chosen)
