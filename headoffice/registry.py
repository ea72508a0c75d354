"""Stores and their counters: registering one gives it an id and a secret, said once.

The server reads devices from the database on every request, so a counter registered from the
command line while the server runs is known at once, without a restart.
"""

from __future__ import annotations

import dataclasses
import secrets

import tomli_w
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.storage.base import utcnow
from app.storage.ids import new_id
from headoffice.models import DeviceRow, StoreRow

DEFAULT_URL = "http://127.0.0.1:8700"
STORE_CODE_LENGTH = 16


class RegistryError(Exception):
    """A registration refused for a reason the office can act on."""


@dataclasses.dataclass(frozen=True)
class Registration:
    url: str
    store_code: str
    device_id: str
    secret: str
    counter_no: int

    def toml(self) -> str:
        """The ``[headoffice]`` table to paste into the counter's ``config.toml``."""
        table = {
            "url": self.url,
            "store_code": self.store_code,
            "device_id": self.device_id,
            "secret": self.secret,
        }
        return tomli_w.dumps({"headoffice": table})


def _is_web_address(url: str) -> bool:
    """Whether a counter can reach ``url``: http or https, with a host (and a port, if any)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it checks it
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and url == url.strip()


def add_store(
    session: Session, code: str, name: str, *, counter_no: int = 1, url: str = DEFAULT_URL
) -> Registration:
    """Register counter ``counter_no`` of store ``code`` (the store is made on its first counter);
    a counter already registered is refused, so its secret is never said twice."""
    code = code.strip()
    name = name.strip()
    if not code or len(code) > STORE_CODE_LENGTH or not code.isprintable():
        raise RegistryError(f"门店编码须为 1–{STORE_CODE_LENGTH} 个字符：{code!r}")
    if not name:
        raise RegistryError("请填写门店名称")
    if not 1 <= counter_no <= 99:
        raise RegistryError(f"收银台编号须为 1–99：{counter_no}")
    if not _is_web_address(url):
        raise RegistryError(f"总部地址须为 http:// 或 https:// 开头的网址：{url}")
    store = session.get(StoreRow, code)
    if store is None:
        session.add(StoreRow(code=code, name=name, created_at=utcnow()))
        session.flush()
    taken = session.scalar(
        select(DeviceRow.id).where(DeviceRow.store_code == code, DeviceRow.counter_no == counter_no)
    )
    if taken is not None:
        raise RegistryError(f"门店 {code} 的 {counter_no:02d} 号收银台已登记")
    device = DeviceRow(
        id=new_id(),
        store_code=code,
        counter_no=counter_no,
        secret=secrets.token_hex(32),
        url=url,
        created_at=utcnow(),
        last_seq=0,
    )
    session.add(device)
    return Registration(url, code, device.id, device.secret, counter_no)
