"""Sharing the plan a screen shows: the preview, exports, and plans the customer sent back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from successplan.enums import VersionSource
from successplan.errors import SuccessPlanError
from successplan.sharing import (
    CUSTOMER_MARKDOWN,
    PRIVATE_LINK,
    ExportChoice,
    changes_the_customer_sees,
    downloads_folder,
    export_plan,
    newest_returned_file,
    read_returned_plan,
    shown_path,
)
from successplan.tui.messages import Edited, PlanEditRequested

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from successplan.answers.returns import ReturnReport
    from successplan.model import Customer
    from successplan.plan.changes import PlanChange
    from successplan.store import Store
    from successplan.tui.plan_app import PlanApp
    from successplan.tui.screens.base import PlanScreen
    from successplan.tui.screens.preview import AfterPreview
    from successplan.tui.screens.returned import ReturnedPlan


def _page_summary(store: Store, customer_id: str) -> str:
    from successplan.answers.links import now_seconds, page_summary
    from successplan.store import page_links

    return page_summary(page_links.links(store, customer_id), now_seconds())


class PlanSharing:
    """Preview a customer's plan, export it, and read back the plan the customer returned.

    Completions from a returned plan are applied by the screen that shows the plan: they
    go to it as a `PlanEditRequested`.
    """

    def __init__(self, screen: PlanScreen) -> None:
        self.screen = screen

    @property
    def app(self) -> PlanApp:
        return self.screen.plan_app

    def preview(self, customer: Customer) -> None:
        """Show what the customer will read; x or X there exports it."""
        from successplan.tui.screens.preview import AfterPreview, PreviewScreen

        def closed(after: AfterPreview | None) -> None:
            if after is not None:
                then = {
                    AfterPreview.EXPORT: lambda: self.export(customer, CUSTOMER_MARKDOWN),
                    AfterPreview.CHOOSE_EXPORT: lambda: self.choose_export(customer),
                }
                then[after]()

        self.app.push_screen(PreviewScreen(customer, self.app.today), closed)

    def choose_export(self, customer: Customer) -> None:
        """Ask which export to write, then write it."""

        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                self.export(customer, choice)

        self.app.run_worker(self._choose_export(customer, chosen), group="export")

    async def _choose_export(
        self, customer: Customer, chosen: Callable[[ExportChoice | None], None]
    ) -> None:
        from successplan.plan.history import last_share
        from successplan.tui.screens.export_choice import ExportChoiceScreen

        app = self.app
        changes: list[PlanChange] | None
        try:
            share, changes = await app.db(changes_the_customer_sees, app.store, customer.id)
        except SuccessPlanError:
            # (An old version that no longer reads as a plan: the choice is still offered.)
            share, changes = await app.db(last_share, app.store, customer.id), None
        page = await app.db(_page_summary, app.store, customer.id)
        screen = ExportChoiceScreen(
            customer.name, app.export_dir, share=share, changes=changes, page=page
        )
        app.push_screen(screen, chosen)

    def export(self, customer: Customer, choice: ExportChoice) -> None:
        """Write the plan in one format to the export folder, and name the file written
        (or, for the private link, make one and copy it)."""
        if choice is PRIVATE_LINK:
            self.app.run_worker(self._share_link(customer), group="export")
            return
        self.app.run_worker(self._export(customer, choice), group="export")

    async def _share_link(self, customer: Customer) -> None:
        from successplan.answers import links

        app = self.app
        try:
            made = await app.db(
                lambda: links.share(app.store, customer, base_url=links.configured_base_url())
            )
        except SuccessPlanError as error:
            app.notify(f"Cannot make a link: {error}", severity="error", timeout=10)
            return
        app.copy_to_clipboard(made.url)
        lasts = links.shown_day(made.link.expires_at)
        app.notify(
            f"{made.url}\nCopied to the clipboard where the terminal allows it. It works "
            f"until {lasts}; `successplan unshare` revokes it, `successplan serve` shows it.",
            title=f"Private link for {customer.name}",
            timeout=30,
        )

    async def _export(self, customer: Customer, choice: ExportChoice) -> None:
        app = self.app
        try:
            exported = await app.db(
                export_plan, customer, choice, app.today, app.export_dir, app.store
            )
        except (OSError, SuccessPlanError) as error:
            app.notify(f"Cannot write the export: {error}", severity="error", timeout=10)
            return
        verb = "Already there, unchanged:" if exported.unchanged else "Wrote"
        said = f"{verb} {shown_path(exported.path)}"
        if exported.not_remembered is not None:
            said += f"\nNot remembered in the plans' history: {exported.not_remembered}."
        if choice.internal:
            app.notify(
                f"{said}\nInternal: it has your notes, keep it away from the customer.",
                title="Exported (internal)",
                severity="warning",
            )
        else:
            app.notify(
                said,
                title="Exported",
                severity="information" if exported.not_remembered is None else "warning",
            )

    def read_returned(self, customer: Customer) -> None:
        """Ask for the file the customer sent back, show what it changes, apply if confirmed."""
        self.app.run_worker(self._read_returned(customer), group="returned", exclusive=True)

    async def _read_returned(self, customer: Customer) -> None:
        from successplan.tui.screens.returned import ReturnedChangesScreen, ReturnedPlanScreen

        app = self.app
        # What the customer sent lands in the downloads folder: the newest file of this
        # plan there, or the folder itself to start typing in.
        downloads = downloads_folder()
        found = await app.db(newest_returned_file, customer, downloads)
        suggested = found or downloads

        async def read(path: Path) -> ReturnReport:
            return await app.db(read_returned_plan, customer, path, app.store)

        def confirmed(returned: ReturnedPlan | None) -> None:
            if returned is not None:
                self._apply(returned)

        def chosen(returned: ReturnedPlan | None) -> None:
            if returned is not None:
                app.push_screen(ReturnedChangesScreen(returned), confirmed)

        app.push_screen(ReturnedPlanScreen(customer.name, suggested, read), chosen)

    def _apply(self, returned: ReturnedPlan) -> None:
        from successplan.answers.returns import with_return_applied

        report, today, matched = returned.report, self.app.today, returned.confirm_matched
        count = len(report.completions) + (len(report.matched) if matched else 0)
        comments = len(report.comments)
        done = f"{count} completion{'' if count == 1 else 's'}"
        if comments:
            done += f" and {comments} comment{'' if comments == 1 else 's'}"
        self.screen.post_message(
            PlanEditRequested(
                lambda customer: Edited(
                    with_return_applied(customer, report, today=today, matched=matched)
                ),
                saved=f"Applied {done} from {returned.path.name}",
                source=VersionSource.RETURNED_PLAN,
            )
        )
