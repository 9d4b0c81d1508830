"""Every key of the app, and the words of the model it teaches."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Markdown

HELP = """\
### Everywhere
| Key | Does |
|---|---|
| `?` / `F1` | this help |
| `ctrl+p` | command palette: new customer, jump to an account, export, review, themes |
| `u` | undo the last delete (until you quit) |
| `r` | the review across all accounts |
| `esc` | back / close |
| `ctrl+q` | quit |

### Accounts
| Key | Does |
|---|---|
| `/` | filter as you type (name, segment, owner, vector) |
| `f` | search the text of every plan |
| `s` | sort by the next column (or click a column header) |
| `enter` | open the account |
| `n` | new customer |
| `d` | delete the account (asks first) |

### An account
| Key | Does |
|---|---|
| `↑` `↓` in the outcome list | move between desired outcomes (history at the bottom) |
| `1`…`6` | Goal, Experience, Milestones, Accountability, Gaps & notes, Relationship |
| `a` | add to the group under the cursor |
| `e` / `enter` | edit the row under the cursor |
| `d` | delete it (asks first; `u` undoes) |
| `space` | milestone or accountability item done / not done; expectation pending → met → missed |
| `n` | new desired outcome |
| `E` | evolve the goal: a new outcome supersedes this one, keeping what you choose |
| `o` | edit the outcome (objective, measure, time frame, status) |
| `c` | edit the customer (name, segment, owner, renewal) |
| `p` | preview the customer-facing plan |
| `x` | export it as Markdown to `exports/` |

### Forms
| Key | Does |
|---|---|
| `tab` / `shift+tab` | next / previous field |
| `ctrl+s` | save (problems show beside their field) |
| `esc` | close; asks to save or discard if you changed something |

Dates take ISO (`2026-12-31`) or phrases: `today`, `tomorrow`, `next friday`,
`in 90 days`, `end of month`, `end of Q4`, `Q1 2027`, `march 15`.

### The model
A **desired outcome** is a **goal** (objective + conditions + time frame) and the
**appropriate experience** (content, channels, cadence). **Progress milestones**
are functional, operational, tactical or strategic. **Joint accountability** has
four parts — the customer's own work outside the product is the usual blind spot.
The **success vector** compares progress with the time elapsed.
"""


class HelpScreen(ModalScreen[None]):
    """Keys of every screen, in one place."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "dismiss", "Close")
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Label("Help — esc to close", classes="dialog-title")
            with VerticalScroll():
                yield Markdown(HELP)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
