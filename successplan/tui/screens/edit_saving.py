"""Saving a change made on a plan's screen: kept beside changes made elsewhere meanwhile,
and, when the same thing changed both ways, shown to the CSM to decide."""

from __future__ import annotations

from typing import TYPE_CHECKING

from successplan.plan.merge import PlanConflictError
from successplan.tui.messages import PlanEditRequested
from successplan.tui.screens.conflict import ConflictScreen

if TYPE_CHECKING:
    from collections.abc import Callable

    from successplan.model import Customer
    from successplan.tui.screens.base import PlanScreen


async def save_edit(
    screen: PlanScreen,
    customer: Customer,
    request: PlanEditRequested,
    show: Callable[[Customer], None],
) -> None:
    """Save the plan `screen` shows (with `show`) after the change `request` made to it.

    A conflict reloads the plan (the other change) and asks whether to make the change
    again over it; a failed save reloads what is stored and, for a change typed in a form,
    opens the form again as it was typed, saying why, to save once it can be.
    """
    reopen = request.reopen

    def not_saved(why: str) -> None:
        assert reopen is not None
        reopen(f"Not saved: {why} What you typed is kept here: save again (ctrl+s).")

    try:
        saved = await screen.plan_app.save_customer(
            customer,
            origin=screen,
            source=request.source,
            not_saved=not_saved if reopen is not None else None,
        )
    except PlanConflictError as conflict:
        screen.reload()

        def chosen(mine: bool | None) -> None:
            if mine:
                screen.run_worker(
                    _make_again(screen, customer.id, request, show), group="plan-load"
                )

        screen.app.push_screen(ConflictScreen(conflict), chosen)
        return
    if saved is None:
        screen.reload()
        return
    if saved.merged:
        screen.notify(saved.merge_notice())
    if request.saved:
        screen.notify(request.saved)


async def _make_again(
    screen: PlanScreen,
    customer_id: str,
    request: PlanEditRequested,
    show: Callable[[Customer], None],
) -> None:
    """Make a change again on the plan as it is now (after a conflict, by choice)."""
    app = screen.plan_app
    show(await app.db(app.store.load_customer, customer_id))
    screen.post_message(
        PlanEditRequested(request.change, saved=request.saved, source=request.source)
    )
