"""Text as successplan keeps it: without the invisible characters that could disguise it.

Kept apart from the pydantic models so that a migration can clean stored text with the
very rule the models apply to text coming in.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

# Invisible characters that could make text read differently from what it is (a name
# that looks like another's, a title shown backwards in an export) are removed as text
# comes in. Removing them changes nothing a reader should see:
# - explicit direction controls (embeddings, overrides, isolates): right-to-left names
#   display correctly without them, by the script's own direction;
# - zero-width spaces, word joiners and byte-order marks inside text;
# - zero-width (non-)joiners that join nothing: beside ASCII, a space, another invisible
#   character or the end. Between emoji (a family, a technologist) and in the scripts
#   that need them (Persian, Indic) they are kept, as are the direction marks.
_INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\u180e"
_SPOOFING_CHARACTERS = re.compile(
    "[\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff\u180e]"
    f"|(?<![^\\x00-\\x7f\\s{_INVISIBLE}])[\u200c\u200d]"
    f"|[\u200c\u200d](?![^\\x00-\\x7f\\s{_INVISIBLE}])"
)


# Text that may hold one of them, as an SQLite GLOB pattern (to find what to clean).
SPOOFING_GLOB = "*[\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff\u180e\u200c\u200d]*"


# C0 and C1 control characters but the tab and the line break: never text a person means.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def without_control_characters(text: str) -> str:
    """`text` without control characters (a comment pasted from a terminal, say), which
    the model refuses in every field."""
    return _CONTROL_CHARACTERS.sub("", text)


def neutralise(text: str) -> str:
    """`text` without the invisible characters that could disguise it (see above)."""
    cleaned = _SPOOFING_CHARACTERS.sub("", text)
    return cleaned.strip() if cleaned != text else text


def neutralise_json(document: str) -> str:
    """A JSON document (as the store keeps a measure or an experience) with every string
    in it neutralised."""

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return neutralise(value)
        if isinstance(value, list):
            return [clean(item) for item in value]
        if isinstance(value, dict):
            return {key: clean(item) for key, item in value.items()}
        return value

    return json.dumps(clean(json.loads(document)), ensure_ascii=False, separators=(",", ":"))


# Letters read as a Latin letter with a mark that Unicode does not take apart (ø is not
# o + a stroke), spelt as a person types them without the mark. (ß casefolds to ss.)
_UNMARKED = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d",
                           "þ": "th", "ħ": "h", "ı": "i"})  # fmt: skip


def folded(text: str) -> str:
    """`text` as a filter compares it: case folded as Python folds it, accents and other
    marks taken off ("Müller" and "MULLER" both read "muller", "Ørsted" "orsted")."""
    apart = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in apart if not unicodedata.combining(c))
    return unicodedata.normalize("NFKC", bare.translate(_UNMARKED))
