"""The key that signs the page's forms outlives the server: a form opened before a
restart (or from another worker) is still accepted, and the key is its owner's alone."""

from __future__ import annotations

import stat

import pytest
from starlette.testclient import TestClient

from successplan.errors import SuccessPlanError
from successplan.web.app import create_app
from successplan.web.secret import page_secret, page_secret_path

from .conftest import HOST, Shared


def test_a_form_opened_before_a_restart_is_accepted_after_it(shared: Shared) -> None:
    milestone = shared.open_milestone()
    form = {**shared.form(), "done": f"milestone:{milestone.id}", "name": "Priya"}
    with TestClient(create_app(shared.store), base_url=HOST) as restarted:
        sent = restarted.post(shared.path, data=form, follow_redirects=False)
    assert sent.status_code == 303, sent.text
    plan = shared.store.load_customer(shared.customer.id)
    assert next(m for m in plan.outcomes[0].milestones if m.id == milestone.id).is_done


def test_the_key_is_made_once_and_readable_by_its_owner_only(shared: Shared) -> None:
    path = page_secret_path()
    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert page_secret() == page_secret()


def test_a_key_others_can_read_is_refused_in_a_sentence(shared: Shared) -> None:
    path = page_secret_path()
    path.chmod(0o644)
    with pytest.raises(SuccessPlanError, match="chmod 600"):
        page_secret()
