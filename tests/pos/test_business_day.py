"""Business days end at the store's cut-off hour, in the store's time zone."""

from __future__ import annotations

import datetime as dt

from app.pos.business_day import business_day

UTC = dt.UTC


def test_a_sale_at_one_in_the_morning_belongs_to_the_day_before() -> None:
    # 2026-11-24 01:30 in Shanghai is 2026-11-23 17:30 UTC
    moment = dt.datetime(2026, 11, 23, 17, 30, tzinfo=UTC)
    assert business_day(moment, "Asia/Shanghai", 4) == dt.date(2026, 11, 23)
    assert business_day(moment, "Asia/Shanghai", 0) == dt.date(2026, 11, 24)


def test_the_day_turns_at_the_cut_off_in_local_time() -> None:
    before = dt.datetime(2026, 11, 23, 19, 59, tzinfo=UTC)  # 03:59 local
    after = dt.datetime(2026, 11, 23, 20, 0, tzinfo=UTC)  # 04:00 local
    assert business_day(before, "Asia/Shanghai", 4) == dt.date(2026, 11, 23)
    assert business_day(after, "Asia/Shanghai", 4) == dt.date(2026, 11, 24)
