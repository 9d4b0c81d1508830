"""The page attacked: forged, replayed, oversized and malformed posts, script in every
field, another customer's steps, revoked links, a flood. Each gets a clean refusal and
changes nothing in the book."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from successplan.answers import links
from successplan.store import Store, page_links, records
from successplan.web.limits import Limit, Limits

from .conftest import Shared, share_link

SCRIPT = "<script>document.title='pwned'</script>"


def _book(store: Store, customer_id: str) -> tuple[object, ...]:
    """What an attack must not change: the plan, its versions, the answers recorded."""
    return (
        store.stored_plan_data(customer_id),
        len(records.versions(store, customer_id)),
        len(page_links.answers_since(store, 0)),
    )


def _refused(shared: Shared, send: Callable[[], httpx.Response], status: int) -> httpx.Response:
    before = _book(shared.store, shared.customer.id)
    response = send()
    assert response.status_code == status, response.text
    assert _book(shared.store, shared.customer.id) == before
    assert SCRIPT not in response.text
    return response


def _answer(shared: Shared, **fields: str) -> dict[str, str]:
    return {**shared.form(), "name": "Priya", **fields}


def test_a_post_without_the_pages_token_is_refused(shared: Shared) -> None:
    fields = _answer(shared)
    del fields["csrf"]
    _refused(shared, lambda: shared.client.post(shared.path, data=fields), 403)


def test_a_forged_token_is_refused(shared: Shared) -> None:
    fields = _answer(shared, csrf="0" * 64)
    _refused(shared, lambda: shared.client.post(shared.path, data=fields), 403)


def test_a_form_of_another_customers_link_is_refused(shared: Shared) -> None:
    other = next(c for c in shared.store.load_all_customers() if c.id != shared.customer.id)
    other_path = f"/p/{share_link(shared.store, other)}"
    fields = _answer(shared)  # Northwind's form, sent to the other customer's link
    _refused(shared, lambda: shared.client.post(other_path, data=fields), 403)


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "https://evil.example"},
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site", "origin": "null"},
        {"origin": "null"},
    ],
)
def test_a_post_from_another_sites_page_is_refused(shared: Shared, headers: dict[str, str]) -> None:
    fields = _answer(shared)
    _refused(shared, lambda: shared.client.post(shared.path, data=fields, headers=headers), 403)


def test_a_replayed_form_is_refused(shared: Shared) -> None:
    milestone = shared.open_milestone()
    fields = _answer(shared, done=f"milestone:{milestone.id}")
    assert shared.client.post(shared.path, data=fields).status_code == 200
    _refused(shared, lambda: shared.client.post(shared.path, data=fields), 409)


def test_an_oversized_post_is_refused(shared: Shared) -> None:
    fields = _answer(shared, comment="x" * 70_000)
    _refused(shared, lambda: shared.client.post(shared.path, data=fields), 413)


def test_a_post_that_is_not_the_pages_form_is_refused(shared: Shared) -> None:
    fields = _answer(shared)
    _refused(shared, lambda: shared.client.post(shared.path, json=fields), 415)
    _refused(
        shared,
        lambda: shared.client.post(
            shared.path,
            content=b"name=\xff\xfe&comment=%zz",
            headers={"content-type": "application/x-www-form-urlencoded"},
        ),
        400,
    )


@pytest.mark.parametrize(
    "extra",
    [
        {"admin": "1"},
        {"done": "milestone:../../etc"},
        {"goal:xyz": "deleted"},
        {"version": "-1"},
        {"comment:outcome:abc": "hello"},
    ],
)
def test_a_field_the_page_never_sends_is_refused(shared: Shared, extra: dict[str, str]) -> None:
    fields = _answer(shared, **extra)
    status = 403 if "version" in extra else 400
    _refused(shared, lambda: shared.client.post(shared.path, data=fields), status)


def test_a_tick_on_our_own_step_or_another_customers_is_refused(shared: Shared) -> None:
    plan = shared.store.load_customer(shared.customer.id)
    ours = next(m for m in plan.outcomes[0].milestones if m.owner_side == "vendor")
    other = next(c for c in shared.store.load_all_customers() if c.id != shared.customer.id)
    theirs = other.outcomes[0].milestones[0]
    for step in (ours, theirs):
        fields = _answer(shared, done=f"milestone:{step.id}")
        _refused(shared, lambda fields=fields: shared.client.post(shared.path, data=fields), 400)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", ""),
        ("name", "x" * 101),
        ("name", "Priya\u202eevil"),
        ("name", "Pri\x07ya"),
        ("comment", "y" * 4001),
        ("comment", "hidden \u2066direction\u2069"),
    ],
)
def test_an_answer_that_breaks_the_rules_of_input_is_refused(
    shared: Shared, field: str, value: str
) -> None:
    fields = _answer(shared, **{field: value})
    _refused(shared, lambda: shared.client.post(shared.path, data=fields), 400)


def test_script_in_every_field_is_kept_as_text_and_never_shown_as_markup(shared: Shared) -> None:
    milestone = shared.open_milestone()
    outcome = shared.customer.outcomes[0]
    fields = _answer(
        shared,
        name=SCRIPT,
        comment=SCRIPT,
        **{
            f"comment:milestone:{milestone.id}": SCRIPT,
            f"goal:{outcome.id}": "changed",
            f"goal-sentence:{outcome.id}": SCRIPT,
        },
    )
    response = shared.client.post(shared.path, data=fields)
    assert response.status_code == 200
    assert SCRIPT not in response.text  # the page after it: no markup of theirs
    plan = shared.store.load_customer(shared.customer.id)
    assert any(SCRIPT in interaction.summary for interaction in plan.interactions)


def test_a_post_to_a_revoked_link_gets_the_invalid_link_page(shared: Shared) -> None:
    fields = _answer(shared)
    links.unshare(shared.store, shared.path)
    response = _refused(shared, lambda: shared.client.post(shared.path, data=fields), 404)
    assert "This link is not valid" in response.text


@pytest.mark.parametrize(
    "limits",
    [Limits(requests_per_address=Limit(5, 3600), answers_per_link=Limit(2, 3600))],
)
def test_a_flood_is_refused_once_over_the_limits(shared: Shared) -> None:
    statuses = [shared.client.get(shared.path).status_code for _ in range(5)]
    assert statuses == [200] * 5
    _refused(shared, lambda: shared.client.get(shared.path), 429)


@pytest.mark.parametrize(
    "limits",
    [Limits(answers_per_link=Limit(1, 3600))],
)
def test_answers_are_limited_per_link(shared: Shared) -> None:
    milestone = shared.open_milestone()
    first = _answer(shared, done=f"milestone:{milestone.id}")
    second = _answer(shared, comment="again")
    assert shared.client.post(shared.path, data=first).status_code == 200
    _refused(shared, lambda: shared.client.post(shared.path, data=second), 429)


def test_the_token_is_never_in_the_servers_log(shared: Shared, caplog) -> None:
    with caplog.at_level("DEBUG"):
        shared.client.get(shared.path)
        shared.client.post(shared.path, data=_answer(shared, comment="hi"))
    server_side = [
        record.getMessage()
        for record in caplog.records
        if record.name.startswith(("successplan", "uvicorn", "starlette"))
    ]
    assert server_side  # the answer was logged, by its link's id
    assert not [line for line in server_side if shared.token in line]
