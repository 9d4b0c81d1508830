"""`successplan serve`: the customers' live pages, over this book."""

from __future__ import annotations

import logging

import click

from successplan.cli.session import store_of


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Serve the customers' live pages (the links `successplan share` prints).

    On SQLite, for one CSM (this computer, or behind your own proxy); on PostgreSQL,
    log in as a member of the page's role, which reads plans and records only answers.
    """
    import uvicorn

    from successplan.web.app import create_app

    store = store_of(ctx)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    click.echo(f"Serving the customers' pages on http://{host}:{port}/ (ctrl+c stops).")
    # No access log: a page's address holds its link's token.
    app = create_app(store, draw_ahead=True)
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning")
