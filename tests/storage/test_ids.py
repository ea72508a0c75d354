"""Ids made in blocks (:func:`app.storage.ids.new_ids`) have the layout of one made alone."""

from __future__ import annotations

import uuid

from app.storage.ids import new_id, new_ids


def test_a_block_of_ids_is_unique_version_7_uuids_in_creation_order() -> None:
    ids = new_ids(4096)
    assert len(set(ids)) == 4096
    for text in ids:
        parsed = uuid.UUID(text)
        assert str(parsed) == text
        assert parsed.version == 7 and parsed.variant == uuid.RFC_4122
    assert ids == sorted(ids)  # the 12-bit counter after the same millisecond
    assert {uuid.UUID(text).int >> 80 for text in ids} == {uuid.UUID(ids[0]).int >> 80}
    # the two random bits under the variant take every value
    assert {text[19] for text in ids} == set("89ab")


def test_a_block_shares_its_millisecond_layout_with_a_single_id() -> None:
    alone = uuid.UUID(new_id())
    block = uuid.UUID(new_ids(1)[0])
    assert abs((block.int >> 80) - (alone.int >> 80)) < 60_000  # both milliseconds since 1970
    assert block.version == alone.version == 7
