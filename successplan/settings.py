"""Remembered choices (theme, dashboard window, export folder) in a small JSON file.

The file lives in the platform's user config folder, or in $SUCCESSPLAN_CONFIG_DIR
when set (tests point it at a temporary folder so they never touch the real one).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs

from successplan.errors import SuccessPlanError

CONFIG_DIR_VARIABLE = "SUCCESSPLAN_CONFIG_DIR"
# Where exports are written unless the command or the app is told otherwise.
DEFAULT_EXPORT_DIR = Path("exports")
DEFAULT_DASHBOARD_DAYS = 14


def settings_path() -> Path:
    """Where the settings file is (not created until something is saved)."""
    folder = os.environ.get(CONFIG_DIR_VARIABLE) or platformdirs.user_config_dir("successplan")
    return Path(folder) / "settings.json"


@dataclass
class Settings:
    theme: str | None = None
    dashboard_days: int = DEFAULT_DASHBOARD_DAYS
    # Where exports go, set once (the command line's --out and the app follow it).
    export_dir: str | None = None

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
        return settings

    def save(self, path: Path | None = None, *, quiet: bool = True) -> None:
        """Write the settings; failing to remember a theme is not worth stopping for, but
        with `quiet=False` a failure is a `SuccessPlanError` (a folder the user chose)."""
        path = path or settings_path()
        known = {f.name for f in fields(self)}
        data = {key: value for key, value in asdict(self).items() if key in known}
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
