"""Domain errors: each carries a message a user can act on."""


class SuccessPlanError(Exception):
    """Base of every error the CLI and TUI show to the user without a traceback."""


class PlanValidationError(SuccessPlanError):
    """A plan (or part of one) breaks a rule of the model; lists every problem found."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        lines = [f"{location or '(document)'}: {message}" for location, message in problems]
        count = len(problems)
        heading = f"{count} problem{'s' if count != 1 else ''} found:"
        super().__init__("\n".join([heading, *lines]))


class NotFoundError(SuccessPlanError):
    """The customer, outcome or item asked for does not exist."""


class StoreError(SuccessPlanError):
    """The database cannot be opened, migrated or written."""


class ClockError(SuccessPlanError):
    """The day chosen for today ($SUCCESSPLAN_TODAY) is not a date."""


class ExportError(SuccessPlanError):
    """An export cannot be written."""
