"""Member tags (VIP, 老客户, 团购): typed freely, kept clean, and found again through an index.

Tags are typed separated by spaces or commas (``VIP, 老客户 团购``); each is trimmed, a leading
``#`` dropped, full-width letters made plain (NFKC), and a repeat (in any letter case) kept once,
in the spelling typed first. ``MemberRow.tags`` keeps them as shown, comma-separated;
``member_tags`` holds one row per tag folded for matching (``vip``), which the search reads
through its primary key: ``#VIP`` typed in a member search finds every member tagged ``vip``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from sqlalchemy import delete, select, union
from sqlalchemy.orm import Session

from app.members.errors import MemberError
from app.storage.member_models import MemberAutoTagRow, MemberRow, MemberTagRow

#: What separates tags as typed: spaces, commas (half and full width), 顿号 and semicolons.
SEPARATORS = re.compile(r"[\s,，、;；]+")
#: What a search starts with to look for a tag instead of a card, phone or name.
TAG_MARK = "#"
MAX_TAG_LENGTH = 20
MAX_TAGS = 20


def tag_key(tag: str) -> str:
    """What a tag is matched by: ``'VIP'`` and ``'ｖｉｐ'`` are both ``'vip'``."""
    return unicodedata.normalize("NFKC", tag).strip().lstrip(TAG_MARK).strip().casefold()


def clean_tags(typed: str | Iterable[str], *, field: str = "tags") -> tuple[str, ...]:
    """The tags of ``typed`` (one text, or several), trimmed and each kept once.

    A tag longer than ``MAX_TAG_LENGTH`` or more than ``MAX_TAGS`` tags are refused, naming
    ``field`` so a form shows the sentence next to the tags.
    """
    texts = [typed] if isinstance(typed, str) else list(typed)
    found: dict[str, str] = {}
    for text in texts:
        for word in SEPARATORS.split(unicodedata.normalize("NFKC", text)):
            tag = word.strip().lstrip(TAG_MARK).strip()
            if not tag:
                continue
            if len(tag) > MAX_TAG_LENGTH:
                raise MemberError("标签最多 %1 个字：%2", MAX_TAG_LENGTH, tag, field=field)
            found.setdefault(tag.casefold(), tag)
    if len(found) > MAX_TAGS:
        raise MemberError("一位会员最多 %1 个标签", MAX_TAGS, field=field)
    return tuple(found.values())


def set_tags(session: Session, member: MemberRow, tags: Iterable[str]) -> tuple[str, ...]:
    """Give ``member`` exactly these tags (cleaned), in the profile and in the search index."""
    cleaned = clean_tags(tags)
    member.tags = ",".join(cleaned)
    session.flush()  # a new member's row goes before its tags, for the foreign key
    session.execute(delete(MemberTagRow).where(MemberTagRow.member_id == member.id))
    session.add_all(MemberTagRow(tag_key=tag.casefold(), member_id=member.id) for tag in cleaned)
    return cleaned


def tag_searched(text: str) -> str | None:
    """The tag a search asks for (``'#VIP'`` → ``'vip'``), or None for a card, phone or name."""
    typed = unicodedata.normalize("NFKC", text).strip()
    if not typed.startswith(TAG_MARK):
        return None
    return tag_key(typed)


def members_tagged(session: Session, key: str, limit: int) -> list[MemberRow]:
    """Up to ``limit`` members carrying the tag folded as ``key`` (set by hand or by an automatic
    tag rule), shown by card number.

    The first ``limit`` are taken in the index's order and then sorted, so a tag ten thousand
    members carry costs no more than a rare one (the list asks for a narrower search anyway).
    """
    by_hand = select(MemberTagRow.member_id).where(MemberTagRow.tag_key == key)
    by_rule = select(MemberAutoTagRow.member_id).where(MemberAutoTagRow.tag_key == key)
    chosen = union(by_hand, by_rule).limit(limit)
    query = select(MemberRow).where(MemberRow.id.in_(chosen)).order_by(MemberRow.card_no)
    return list(session.scalars(query))
