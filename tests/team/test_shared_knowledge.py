"""The team's knowledge: a manager publishes a template of their own to the book and every
CSM uses it; a CSM's own templates stay drafts, theirs, and a CSM cannot publish (on
PostgreSQL the database refuses them even in plain SQL)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from successplan.enums import Role
from successplan.errors import SuccessPlanError
from successplan.knowledge.plan_templates import OutcomeTemplate
from successplan.knowledge.template_files import TemplateSource, load_templates, save_template
from successplan.store import Store
from successplan.team import people
from successplan.team.knowledge import publish_template, unpublish_template
from tests.conftest import PostgresBooks

PARTNER_ONBOARDING = OutcomeTemplate(
    title="Partner onboarding", objective="First partner deal registered within 60 days"
)


def test_a_managers_template_is_the_teams_once_published(tmp_path: Path) -> None:
    drafts = {"dana": tmp_path / "dana", "priya": tmp_path / "priya"}
    with Store.open(tmp_path / "plans.db") as store:
        dana = people.add(store, "Dana Park", "dana@example.com", Role.MANAGER)
        store.acting_as = dana.id
        priya = people.add(store, "Priya Shah", "priya@example.com", Role.CSM)
        save_template("partner-onboarding", PARTNER_ONBOARDING, user_dir=drafts["dana"])
        save_template("priyas-draft", PARTNER_ONBOARDING, user_dir=drafts["priya"])
        # A draft is its writer's alone.
        assert "partner-onboarding" not in load_templates(drafts["priya"], store).templates
        publish_template(store, "partner-onboarding", drafts["dana"])
        store.acting_as = priya.id
        seen = load_templates(drafts["priya"], store).templates
        assert seen["partner-onboarding"].source is TemplateSource.TEAM
        assert seen["partner-onboarding"].template.title == "Partner onboarding"
        assert seen["priyas-draft"].source is TemplateSource.YOURS
        with pytest.raises(SuccessPlanError, match=r"^Priya Shah may not publish templates: only"):
            publish_template(store, "priyas-draft", drafts["priya"])
        with pytest.raises(SuccessPlanError, match=r"^Priya Shah may not unpublish templates"):
            unpublish_template(store, "partner-onboarding")
        store.acting_as = dana.id
        unpublish_template(store, "partner-onboarding")
        assert "partner-onboarding" not in load_templates(drafts["priya"], store).templates


def test_on_postgresql_only_a_manager_publishes_even_in_plain_sql(
    postgres_url: str, tmp_path: Path
) -> None:
    owner_url = PostgresBooks.owner_url(postgres_url)
    with Store.open(owner_url) as owner:
        people.add(owner, "Dana Park", "dana@example.com", Role.MANAGER)
        people.add(owner, "Priya Shah", "priya@example.com", Role.CSM)
    as_ = lambda login: postgres_url.replace(f"{PostgresBooks.MEMBER}@", f"{login}@", 1)  # noqa: E731
    save_template("partner-onboarding", PARTNER_ONBOARDING, user_dir=tmp_path)
    with (
        Store.open(as_("priya")) as priya,
        pytest.raises(SuccessPlanError, match=r"^Priya Shah may not publish templates"),
    ):
        publish_template(priya, "partner-onboarding", tmp_path)
    with psycopg.connect(as_("priya")) as raw, pytest.raises(psycopg.Error):
        raw.execute("INSERT INTO team_settings (key, value) VALUES ('template:mine', '{}')")
    with Store.open(as_("dana")) as dana:
        publish_template(dana, "partner-onboarding", tmp_path)
    with Store.open(as_("priya")) as priya:
        found = load_templates(tmp_path / "none", priya).templates["partner-onboarding"]
        assert found.source is TemplateSource.TEAM


def test_the_teams_check_thresholds_win_over_a_csms_own_and_only_a_manager_sets_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from successplan.knowledge.checks.book import check_context
    from successplan.team.knowledge import set_check_threshold
    from tests.samples import SAMPLE_TODAY

    monkeypatch.setenv("SUCCESSPLAN_CONFIG_DIR", str(tmp_path / "config"))
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.json").write_text(
        json.dumps({"checks": {"no_interaction_days": 90, "plan_too_long_steps": 20}})
    )
    with Store.open(tmp_path / "plans.db") as store:
        dana = people.add(store, "Dana Park", "dana@example.com", Role.MANAGER)
        store.acting_as = dana.id
        priya = people.add(store, "Priya Shah", "priya@example.com", Role.CSM)
        assert check_context(store, SAMPLE_TODAY).settings.no_interaction_days == 90
        set_check_threshold(store, "no_interaction_days", 45)
        store.acting_as = priya.id
        settings = check_context(store, SAMPLE_TODAY).settings
        assert (settings.no_interaction_days, settings.plan_too_long_steps) == (45, 20)
        with pytest.raises(SuccessPlanError, match=r"^Priya Shah may not set the checks'"):
            set_check_threshold(store, "no_interaction_days", 120)
        store.acting_as = dana.id
        with pytest.raises(SuccessPlanError, match="must be a whole number of days"):
            set_check_threshold(store, "no_interaction_days", 0)
    assert check_context(None, SAMPLE_TODAY).settings.no_interaction_days == 90
