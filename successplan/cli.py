"""The command line: the app by default, plus headless verbs over the same core."""

import click


@click.group()
def main() -> None:
    """Draft, share and track customer success plans."""
