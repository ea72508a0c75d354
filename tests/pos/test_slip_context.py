"""A slip context is made from the config: the store, its header and footer, its local time."""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.config import Config
from app.pos.slip_context import SlipContext


def test_a_slip_context_is_made_from_the_config_in_the_store_time_zone(config: Config) -> None:
    config = dataclasses.replace(
        config,
        store_name="测试店",
        receipt_header="欢迎光临",
        receipt_footer="谢谢惠顾",
        timezone="Asia/Shanghai",
    )
    at = dt.datetime(2026, 11, 23, 2, 5, tzinfo=dt.UTC)
    slip = SlipContext.of(config, "李四", at)
    assert slip == SlipContext("测试店", "李四", "2026-11-23 10:05:00", "欢迎光临", "谢谢惠顾")
