"""The customer's page over a demo book: the app, a live link, and reading its form."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from starlette.testclient import TestClient

from successplan.answers import links
from successplan.answers.page import answerable_steps
from successplan.model import Customer, Milestone
from successplan.store import Store
from successplan.web.app import create_app
from successplan.web.limits import Limits

HOST = "http://testserver"


@dataclass
class Shared:
    """A live link to Northwind's page, and what it needs."""

    store: Store
    client: TestClient
    token: str
    customer: Customer

    @property
    def path(self) -> str:
        return f"/p/{self.token}"

    def form(self) -> dict[str, str]:
        """The hidden fields of the page's form, as a browser would send them."""
        page = self.client.get(self.path).text
        return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))

    def open_milestone(self) -> Milestone:
        """A milestone of the customer's, open, that the page lets them tick."""
        plan = self.store.load_customer(self.customer.id)
        return next(
            step.step
            for step in answerable_steps(plan).values()
            if isinstance(step.step, Milestone) and not step.step.is_done
        )


def northwind(store: Store) -> Customer:
    return store.find_customer("Northwind")


def share_link(store: Store, customer: Customer) -> str:
    token = links.token_of(links.share(store, customer, base_url=HOST).url)
    assert token is not None
    return token


@pytest.fixture
def limits() -> Limits:
    return Limits()


@pytest.fixture
def shared(demo_store: Store, limits: Limits) -> Iterator[Shared]:
    customer = northwind(demo_store)
    token = share_link(demo_store, customer)
    with TestClient(create_app(demo_store, limits=limits), base_url=HOST) as client:
        yield Shared(demo_store, client, token, customer)
