"""The settings file: remembered choices, and the plan checks' thresholds."""

from __future__ import annotations

import json
from pathlib import Path

from successplan.settings import CheckSettings, Settings, settings_path


def test_check_thresholds_have_sensible_defaults_without_a_file() -> None:
    assert not settings_path().exists()
    settings = CheckSettings.load()
    assert (settings.no_interaction_days, settings.stale_plan_days) == (60, 60)
    assert settings.cadence_grace == 1.5


def test_check_thresholds_are_read_from_the_settings_file() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"checks": {"no_interaction_days": 45, "cadence_grace": 2}}))
    settings = CheckSettings.load()
    assert (settings.no_interaction_days, settings.cadence_grace) == (45, 2.0)
    assert settings.plan_too_long_steps == CheckSettings().plan_too_long_steps


def test_an_unusable_threshold_keeps_its_default(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps(
            {
                "checks": {
                    "stale_plan_days": "soon",
                    "draft_outcome_days": 0,
                    "plan_too_long_steps": True,
                }
            }
        )
    )
    assert CheckSettings.load(path) == CheckSettings()
    path.write_text("{not json")
    assert CheckSettings.load(path) == CheckSettings()


def test_remembering_the_theme_keeps_the_check_thresholds() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"checks": {"stale_plan_days": 30}}))
    settings = Settings.load()
    settings.theme = "nord"
    settings.save()
    assert CheckSettings.load().stale_plan_days == 30
    assert Settings.load().theme == "nord"
