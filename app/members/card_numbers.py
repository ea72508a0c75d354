"""The one rule for showing a card number to anyone but its holder: screens, slips, logs, errors.

A shown card keeps its last four characters at most, and never more than half of them, behind a
fixed ``****`` that says nothing of the number's length: ``6222021234567890 -> ****7890``,
``1234 -> ****34``. A swiped bank card, a short store card and a phone typed into the card field
are all shown the same way, so none of them reaches a screen, a slip or a log line whole.

Showing a card is the only reason to slice or star one: everything that does lives here, and a
test (tests/members/test_card_numbers.py) looks for card slicing anywhere else in ``app/``.
"""

from __future__ import annotations

#: What stands for the hidden part, whatever its length.
MASK = "****"
#: At most this many trailing characters are ever shown.
MAX_SHOWN = 4


def card_tail(card_no: str) -> str:
    """The characters of a card that may be shown: the last four at most, never more than half,
    so a short number is never shown whole (``88000123 -> 0123``, ``1234 -> 34``)."""
    text = "".join(card_no.split())
    return text[len(text) - min(MAX_SHOWN, len(text) // 2) :]


def mask_card(card_no: str) -> str:
    """``88000123 -> ****0123``: a card number fit for screens, slips and logs.

    A number that holds a ``*`` was masked already: what follows its last ``*`` is kept, four
    characters at most, so masking twice changes nothing and a half-masked number is not trusted.
    """
    text = "".join(card_no.split())
    if "*" in text:
        return MASK + text.rsplit("*", 1)[1][-MAX_SHOWN:]
    return MASK + card_tail(text)
