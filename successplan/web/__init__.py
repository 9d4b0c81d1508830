"""The customer's live page: `successplan serve` (an ASGI application over the store)."""
