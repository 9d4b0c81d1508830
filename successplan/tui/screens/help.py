"""Every key of the app, and the words of the model it teaches."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from successplan.enums import DEFAULT_INTERACTION_DIRECTION
from successplan.labels import INTERACTION_DIRECTION_LABELS
from successplan.sharing import EXPORT_CHOICES
from successplan.tui.widgets.tabs import PLAN_VIEWS

TABS = ", ".join(view.TITLE for view in PLAN_VIEWS.values())

# The keys of each screen, by the section that lists them (a test keeps them complete).
KEYS: dict[str, list[tuple[str, str]]] = {
    "Everywhere": [
        ("? F1", "this help"),
        ("ctrl+p", "command palette: new customer, jump to a customer, export, dashboard, theme"),
        ("G", "the glossary: every term of the model, with an example"),
        ("u", "undo the last delete (until you quit)"),
        ("q esc", "back to the screen before (on the customers screen q quits)"),
        ("ctrl+q", "quit from anywhere (asks first if a form has unsaved changes)"),
    ],
    "Customers": [
        ("/", "filter as you type: name, segment, owner, vector"),
        ("f", "search the text of every plan"),
        ("s", "sort by the next column (or click a column header)"),
        ("enter", "open the customer's plan"),
        ("end", "the last customer (the table reads a page at a time as you scroll)"),
        ("n", "new customer"),
        ("D", "the dashboard of the accounts shown: yours, or the team's after m"),
        ("m", "your accounts (owned or co-owned) or the whole team's: it opens on yours"),
        ("d delete", "delete the customer and its plan (asks first)"),
        ("q", "quit"),
    ],
    "A customer's plan": [
        ("↑ ↓", "in the outcome list: move between desired outcomes (history below)"),
        (f"1 … {len(PLAN_VIEWS)}", TABS),
        ("0", "back to the outcome list (the pane with focus shows the strong cursor)"),
        ("a", "add to the group under the cursor"),
        ("a (Health tab)", "on Health or Signals: enter an NPS or CSAT answer or a usage figure"),
        ("e enter", "edit the row under the cursor"),
        ("d delete", "delete it (asks first; u undoes)"),
        ("space", "milestone or item done / not done; expectation pending → met → missed"),
        ("n", "new desired outcome"),
        ("T", "new desired outcome from a template (onboarding, renewal at risk… or yours)"),
        ("E", "evolve the goal: a new outcome supersedes this one, keeping what you choose"),
        ("o", "edit the outcome: objective, time frame, measure, status"),
        ("c", "edit the customer: name, segment, owner, renewal"),
        ("p", "preview the customer-facing plan"),
        ("x", "export it as Markdown for the customer, to the export folder"),
        ("X", "export as: Markdown, answerable HTML page, PDF, email draft, calendar, JSON…"),
        ("R", "read a plan the customer sent back: ticked boxes are applied once you confirm"),
        ("h", "the plan's history: versions, who changed what, what changed since one, restore"),
        ("A", "assign: hand the account to another person, with a note and their checklist"),
        ("D", "the dashboard"),
    ],
    "History": [
        ("↑ ↓", "a version: what changed since it shows below"),
        ("r", "bring the plan back to it, as a new version"),
        ("esc", "close"),
    ],
    "Changed both ways": [
        ("m", "make your change again, over the one made elsewhere"),
        ("esc k", "keep the plan as it is now (q too)"),
    ],
    "Dashboard": [
        ("enter", "open the item in its customer's plan"),
        ("+ = -", "widen or narrow the 'due soon' window by a week"),
        ("g", "read the dashboard again"),
        ("t", "the team: per person, accounts, ARR, risks, stale plans; ARR at risk by quarter"),
    ],
    "Team": [
        ("enter", "the person's accounts; Enter there opens a plan"),
        ("g", "read the figures again"),
    ],
    "Assign": [
        ("↑ ↓ enter", "choose the person, then type a note (optional) and press Enter"),
        ("esc", "cancel: nothing changes"),
    ],
    "Preview": [
        ("q esc p", "back to the plan"),
        ("x", "export the plan as Markdown for the customer"),
        ("X", "choose the format to export"),
    ],
    "Export choice": [
        (f"1 … {len(EXPORT_CHOICES)} enter", "write the export chosen"),
        ("l", "make a private link to the plan's live page, and copy it"),
        ("esc", "cancel"),
    ],
    "Returned plan": [
        ("enter", "read the file named"),
        ("↑ ↓ pgup pgdn", "scroll the list of changes"),
        ("ctrl+s", "apply the ticked boxes as completions"),
        ("m", "also record the steps matched by their text (a file without its markers)"),
        ("esc", "cancel: nothing is recorded"),
    ],
    "Search": [
        ("enter", "go to the hits, then open the plan at the hit"),
        ("esc", "close"),
    ],
    "Forms": [
        ("tab", "next field (shift+tab: previous)"),
        ("f7", "select the whole text of the field, to type over it"),
        ("F1", "what the field means in the model, with an example"),
        ("ctrl+s", "save; problems show beside their field and nothing is saved"),
        ("esc", "close; asks to save or discard if you changed something"),
        ("q", "the same, from a tick box, a choice or a button (in a text field q is typed)"),
    ],
    "Glossary": [
        ("↑ ↓", "a term (type to find one)"),
        ("esc", "close"),
    ],
    "Templates": [
        ("↑ ↓ enter", "choose the template; the new outcome is a draft dated from today"),
        ("esc", "cancel"),
    ],
    "Export folder": [
        ("enter", "keep the folder typed (→ completes a path)"),
        ("esc", "cancel"),
    ],
    "A server's password": [
        ("enter", "connect with the password typed (it is never shown or kept)"),
        ("esc", "give up: the app closes"),
    ],
    "What a field means": [
        ("esc F1 q", "back to the form, as you left it"),
    ],
    "Questions": [
        ("y n", "yes (delete, restore…) or no (q and esc too)"),
        ("s d esc", "unsaved changes: save, discard, or keep editing"),
    ],
    "This help": [
        ("esc q", "close"),
    ],
}

DATES = (
    "Dates take ISO (2026-12-31) or what you would say: today, tomorrow, next friday, "
    "in 90 days, end of month, end of Q4, Q1 2027, march 15. The day it means shows "
    "as you type."
)

MODEL = (
    "A desired outcome is a goal (objective + conditions + time frame) and the "
    "appropriate experience (content, channels, cadence). Progress milestones are "
    "functional, operational, tactical or strategic. Joint accountability has four "
    "parts; the customer's own work outside the product is the usual blind spot. "
    "The success vector compares progress with the share of the time frame elapsed. "
    "An interaction's direction says who started it: "
    + "; ".join(INTERACTION_DIRECTION_LABELS.values())
    + f" (a new one starts as '{INTERACTION_DIRECTION_LABELS[DEFAULT_INTERACTION_DIRECTION]}')."
)


def help_text() -> Text:
    """The keys, screen by screen, then how dates are read and the model in brief."""
    text = Text()
    for section, keys in KEYS.items():
        text.append(f"{section}\n", style="bold")
        for key, does in keys:
            text.append(f"  {key:<14}", style="bold cyan")
            text.append(f"{does}\n")
        text.append("\n")
    text.append("Dates\n", style="bold")
    text.append(f"{DATES}\n\n")
    text.append("The model\n", style="bold")
    text.append(MODEL)
    return text


class HelpScreen(ModalScreen[None]):
    """Keys of every screen, in one place."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "dismiss", "Close")
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Label("Help — esc to close", classes="dialog-title")
            with VerticalScroll():
                yield Static(help_text(), id="help-text")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
