"""successplan: draft, share and track customer success plans from the terminal."""

__version__ = "0.1.0"
