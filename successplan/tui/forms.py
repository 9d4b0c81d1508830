"""Modal forms over the pydantic model: inline validation, nothing saved half-way.

A form is described by a FormSpec: the fields (named by their dotted location in
the model, e.g. ``goal.time_frame.due``), the values it starts with, and the
model class that validates what was typed. Saving builds the model object; if
pydantic refuses it, each message is shown beside its field and the form stays
open. The caller receives a valid model object or None.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from pydantic import BaseModel, ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from successplan.amounts import AmountError, format_amount, parse_amount
from successplan.dates import DatePhraseError, parse_optional_date
from successplan.model import problems_of
from successplan.tui.form_spec import (
    FieldKind,
    FormField,
    FormSpec,
    field_for_location,
    initial_values,
    widget_id,
)
from successplan.tui.widgets.date_input import DateInput

# The widest a form grows on a wide terminal.
FORM_MAX_WIDTH = 130


class SaveOrDiscard(ModalScreen[str]):
    """Asked when leaving a form with unsaved changes: save, discard or keep editing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss('keep')", "Keep editing"),
        Binding("s", "dismiss('save')", "Save"),
        Binding("d", "dismiss('discard')", "Discard"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("You have unsaved changes.", classes="dialog-title")
            yield Static("Save them, discard them, or keep editing?")
            with Horizontal(classes="buttons"):
                yield Button("Save [b]s[/]", id="save", variant="primary", compact=True)
                yield Button("Discard [b]d[/]", id="discard", variant="error", compact=True)
                yield Button("Keep editing [b]esc[/]", id="keep", compact=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "keep")


class FormScreen(ModalScreen[BaseModel | None]):
    """A modal form; dismisses with the validated model object, or None if discarded."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        # (q is typed in a field; on a tick box, a choice or a button it leaves too.)
        Binding("escape,q", "leave", "Close"),
        Binding("f7", "select_all", "Select all", priority=True),
        Binding("f1", "explain_field", "What is this?", priority=True),
    ]

    def __init__(
        self,
        spec: FormSpec,
        today: date,
        *,
        typed: dict[str, str] | None = None,
        not_saved: str = "",
    ) -> None:
        """A form over `spec`; `typed`, the texts of a form whose change could not be
        saved (`not_saved` says why), to start from as they were."""
        super().__init__(classes="form-screen")
        self.spec = spec
        self.today = today
        self._initial = initial_values(spec)
        self._initial_raw: dict[str, str] | None = None
        self._typed_before = typed
        self._not_saved = not_saved
        # What was typed when the form was saved: to open it again as it was.
        self.typed: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Label(self.spec.title, classes="dialog-title")
            yield Static("", id="form-problems", classes="error")
            with VerticalScroll(classes="form-body"):
                for form_field in self.spec.fields:
                    yield from self._compose_field(form_field)
            with Horizontal(classes="buttons"):
                yield Button("Save [b]ctrl+s[/]", id="save", variant="primary", compact=True)
                yield Button("Cancel [b]esc[/]", id="cancel", compact=True)
                yield Static("  f7 selects a field's text · F1 explains it", classes="form-keys")

    def _compose_field(self, form_field: FormField) -> ComposeResult:
        value = self._initial.get(form_field.name)
        internal = form_field.kind is FieldKind.NOTES
        classes = "field -internal" if internal else "field"
        ident = widget_id(form_field.name)
        with Vertical(classes=classes, id=ident + "-field"):
            with Horizontal(classes="field-row"):
                label = form_field.label + (" *" if form_field.required else "")
                if internal:
                    label = f"🔒 {label}"
                yield Label(
                    "" if form_field.kind is FieldKind.FLAG else label, classes="field-label"
                )
                yield self._widget(form_field, value, ident)
            help_text = form_field.help
            if internal:
                help_text = "Internal: never in a customer export. " + help_text
            if help_text:
                yield Static(help_text, classes="field-help")
            yield Static("", classes="field-error error", id=ident + "-error")

    def _widget(self, form_field: FormField, value: Any, ident: str) -> Widget:
        kind = form_field.kind
        if kind is FieldKind.FLAG:
            return Checkbox(form_field.label, bool(value), id=ident, compact=True)
        if kind is FieldKind.DATE:
            deadline = self.spec.deadline if form_field.name == "due" else None
            return DateInput(value, self.today, id=ident, deadline=deadline)
        if kind in (FieldKind.TEXT, FieldKind.NOTES):
            return TextArea(value or "", id=ident, classes="text", soft_wrap=True)
        if kind is FieldKind.CHOICE:
            current = str(value) if value is not None else Select.NULL
            return Select(
                [(label, choice) for label, choice in form_field.choices],
                value=current,
                allow_blank=not form_field.required,
                prompt="(none)",
                id=ident,
                compact=True,
            )
        if kind is FieldKind.LIST:
            text = ", ".join(value or [])
        elif kind is FieldKind.NUMBER:
            text = "" if value is None else format_amount(value)
        else:
            text = value or ""
        return Input(text, id=ident, placeholder=form_field.placeholder, compact=True)

    def on_mount(self) -> None:
        # A notice of what happened before must not cover the form's fields.
        self.app.clear_notifications()
        self._fit_width()
        self._initial_raw = self._raw_texts()
        if self._typed_before is not None:
            # Open again after a save that failed: as typed, and unsaved until saved.
            self._set_raw_texts(self._typed_before)
            self.query_one("#form-problems", Static).update(self._not_saved)
        # Start on the field the CSM chose to edit, or the first, its text selected so
        # that typing replaces it (never in a field they did not mean).
        # A new object (a required field still empty) starts on the first empty field.
        raw = self._initial_raw
        fields = self.spec.fields
        names = {f.name for f in fields}
        empty = [f.name for f in fields if f.kind is not FieldKind.FLAG and not raw.get(f.name)]
        new = any(f.required and not raw.get(f.name) for f in fields)
        if self.spec.focus in names:
            first = self.spec.focus
        else:
            first = empty[0] if new and empty else fields[0].name
        widget = self.query_one("#" + widget_id(first))
        widget.focus()
        if isinstance(widget, Input | TextArea):
            widget.select_all()

    # --- reading what was typed -----------------------------------------------------------

    def on_resize(self) -> None:
        self._fit_width()

    def _fit_width(self) -> None:
        """84 columns, wider on a wide terminal (long text wraps less), never past 95%."""
        width = self.app.size.width
        self.query_one(".dialog.form").styles.width = max(
            min(84, int(width * 0.95)), min(FORM_MAX_WIDTH, int(width * 0.6))
        )

    def action_explain_field(self) -> None:
        """F1: the glossary's word on the field with focus (the form stays as it is)."""
        from successplan.knowledge.glossary import field_term
        from successplan.tui.screens.field_help import FieldHelpScreen

        # The field's own widget, or the one it is part of (a date field's input).
        around = self.focused.ancestors_with_self if self.focused is not None else []
        ids = {widget.id for widget in around}
        form_field = next((f for f in self.spec.fields if widget_id(f.name) in ids), None)
        found = field_term(self.spec.model.__name__, form_field.name) if form_field else None
        if form_field is None or found is None:
            self.notify("Move to a field first: F1 explains the field with the cursor.")
            return
        self.app.push_screen(FieldHelpScreen(form_field.label, found))

    def action_select_all(self) -> None:
        """Select the whole text of the field with focus, to replace it by typing."""
        widget = self.focused
        if isinstance(widget, Input | TextArea):
            widget.select_all()

    def _raw_texts(self) -> dict[str, str]:
        texts = {}
        for form_field in self.spec.fields:
            widget = self.query_one("#" + widget_id(form_field.name))
            if isinstance(widget, (DateInput, TextArea)):
                texts[form_field.name] = widget.text
            elif isinstance(widget, Checkbox):
                texts[form_field.name] = "yes" if widget.value else ""
            elif isinstance(widget, Select):
                texts[form_field.name] = "" if widget.is_blank() else str(widget.value)
            elif isinstance(widget, Input):
                texts[form_field.name] = widget.value
        return texts

    def _set_raw_texts(self, texts: dict[str, str]) -> None:
        for form_field in self.spec.fields:
            if form_field.name not in texts:
                continue
            text = texts[form_field.name]
            widget = self.query_one("#" + widget_id(form_field.name))
            if isinstance(widget, DateInput | TextArea):
                widget.text = text
            elif isinstance(widget, Checkbox):
                widget.value = bool(text)
            elif isinstance(widget, Select):
                widget.value = text if text else Select.NULL
            elif isinstance(widget, Input):
                widget.value = text

    @property
    def is_dirty(self) -> bool:
        if self._typed_before is not None:
            return True  # typed before, and not saved yet
        return self._initial_raw is not None and self._raw_texts() != self._initial_raw

    def _parse(self) -> tuple[dict[str, Any], dict[str, str]]:
        """Typed text to values for the model, and the problems found before the model."""
        values: dict[str, Any] = {}
        problems: dict[str, str] = {}
        texts = self._raw_texts()
        for form_field in self.spec.fields:
            text = texts[form_field.name]
            kind = form_field.kind
            if kind is FieldKind.DATE:
                try:
                    values[form_field.name] = parse_optional_date(text, self.today)
                except DatePhraseError as error:
                    problems[form_field.name] = str(error)
            elif kind is FieldKind.NUMBER:
                try:
                    values[form_field.name] = parse_amount(text)
                except AmountError as error:
                    problems[form_field.name] = str(error)
            elif kind is FieldKind.CHOICE:
                values[form_field.name] = text or None
            elif kind is FieldKind.FLAG:
                values[form_field.name] = bool(text)
            elif kind is FieldKind.LIST:
                values[form_field.name] = [part.strip() for part in text.split(",") if part.strip()]
            else:
                values[form_field.name] = text
        return values, problems

    # --- saving ---------------------------------------------------------------------------

    def _show_problems(self, problems: dict[str, str], general: list[str]) -> None:
        for form_field in self.spec.fields:
            ident = widget_id(form_field.name)
            message = problems.get(form_field.name, "")
            self.query_one(f"#{ident}-error", Static).update(message)
            self.query_one(f"#{ident}-field").set_class(bool(message), "-invalid")
        self.query_one("#form-problems", Static).update("\n".join(general))
        first = next((f for f in self.spec.fields if f.name in problems), None)
        if first is not None:
            self.query_one("#" + widget_id(first.name)).focus()
            self.query_one(f"#{widget_id(first.name)}-field").scroll_visible()

    def validate(self) -> BaseModel | None:
        """The model object, or None with every problem shown beside its field."""
        values, problems = self._parse()
        if problems:
            self._show_problems(problems, [])
            return None
        try:
            result = self.spec.build(values)
        except ValidationError as error:
            general = []
            for location, message in problems_of(error):
                name = field_for_location(self.spec.fields, location)
                if name is None:
                    general.append(f"{location}: {message}" if location else message)
                else:
                    problems.setdefault(name, message)
            self._show_problems(problems, general)
            return None
        if self.spec.check is not None:
            found = self.spec.check(result)
            if found:
                self._show_problems(dict(found), [])
                return None
        self._show_problems({}, [])
        return result

    def action_save(self) -> None:
        self.save()

    def save(self) -> bool:
        """Validate and close with the result; False (problems shown) if it is not valid."""
        result = self.validate()
        if result is None:
            return False
        self.typed = self._raw_texts()
        self.dismiss(result)
        return True

    def action_leave(self) -> None:
        if not self.is_dirty:
            self.dismiss(None)
            return

        def chosen(choice: str | None) -> None:
            if choice == "save":
                self.action_save()
            elif choice == "discard":
                self.dismiss(None)

        self.app.push_screen(SaveOrDiscard(), chosen)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_leave()

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _field_changed(
        self, event: Input.Changed | TextArea.Changed | Select.Changed | Checkbox.Changed
    ) -> None:
        """A field's message goes as soon as its value changes (it is checked again on save)."""
        self._follow_labels()
        for widget in event.control.ancestors_with_self:
            if widget.id and widget.id.endswith("-field"):
                errors = self.query(f"#{widget.id.removesuffix('-field')}-error")
                for error in errors.results(Static):
                    error.update("")
                return

    def _follow_labels(self) -> None:
        """Say again what the fields whose meaning follows another's now mean."""
        if self.spec.relabel is None or self._initial_raw is None:
            return
        values, _ = self._parse()
        for name, label in self.spec.relabel(values).items():
            ident = widget_id(name)
            widget = self.query_one("#" + ident)
            if isinstance(widget, Checkbox):
                widget.label = label
            else:
                self.query_one(f"#{ident}-field .field-label", Label).update(label)

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question, e.g. before deleting."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "dismiss(True)", "Yes"),
        Binding("n,escape,q", "dismiss(False)", "No"),
    ]

    def __init__(self, question: str, detail: str = "", *, yes: str = "Delete") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-title")
            if self.detail:
                yield Static(self.detail)
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} [b]y[/]", id="yes", variant="error", compact=True)
                yield Button("Cancel [b]n[/]", id="no", compact=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
