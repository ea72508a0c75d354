"""The thresholds of the member groups and value segments the head office's pages use.

The office sets them for the chain with ``python main.py headoffice analytics-thresholds
KEY=VALUE ...``, as a counter's own ``analytics-thresholds`` (the keys of
:class:`app.members.segment_rules.Thresholds`, money in fen); until then the counter's defaults
apply. Each counter keeps its own (修改分群条件), for its own store's members:
these are the office's, over every store's. Kept as JSON in ``ho_reference`` (kind
``thresholds``), which pulls do not send.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.members.errors import MemberError
from app.members.segment_rules import Thresholds, thresholds_from_json, with_changes
from app.storage.base import utcnow
from headoffice.models import ReferenceRow
from headoffice.reference import CHAIN, SINGLE_KEY, SettingRefused

KIND_THRESHOLDS = "thresholds"


def office_thresholds(session: Session) -> Thresholds:
    """The chain's thresholds: those set at the office, else the defaults."""
    row = session.get(ReferenceRow, (KIND_THRESHOLDS, SINGLE_KEY, CHAIN))
    return Thresholds() if row is None else thresholds_from_json(row.body)


def set_office_thresholds(
    session: Session, settings: Sequence[str], *, defaults: bool = False
) -> Thresholds:
    """Change the named thresholds (``KEY=VALUE``; the rest stay), or all back to the defaults
    first; refused as a whole, nothing written, when a key or a value is wrong or would empty a
    group for ever."""
    now = Thresholds() if defaults else office_thresholds(session)
    try:
        rules = with_changes(now, settings)
    except MemberError as exc:
        raise SettingRefused(f"分群条件没有改：{exc}") from None
    body = json.dumps(dataclasses.asdict(rules), sort_keys=True)
    row = session.get(ReferenceRow, (KIND_THRESHOLDS, SINGLE_KEY, CHAIN))
    moment = utcnow()
    if row is None:
        session.add(
            ReferenceRow(
                kind=KIND_THRESHOLDS, key=SINGLE_KEY, store_code=CHAIN, body=body, updated_at=moment
            )
        )
    else:
        row.body, row.updated_at = body, moment
    return rules
