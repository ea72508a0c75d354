"""The campaigns screen, driven as a store would: from the members screen a manager approves a
new campaign, bad input is refused next to its field with nothing saved, the bonus is issued
once, the call list is exported masked for a cashier and whole for the owner (audited), and
after a member's sale at the counter the recall shows them back."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QPushButton, QTableWidget

from app.money import format_yuan
from app.storage.member_models import (
    CampaignMemberRow,
    CampaignRow,
    MemberRow,
    StoredValueEntryRow,
)
from app.storage.models import AuditRow, OrderRow, StaffRow
from app.ui import i18n
from tests.ui.driving import (
    GOLD_CARD,
    OWNER,
    OWNER_PIN,
    SILVER_CARD,
    approval_in,
    approve,
    child,
    click,
    count_rows,
    error_text,
    field_error,
    fill_form,
    login,
    manager,
    member_row,
    open_dialog,
    open_members_screen,
    pay_cash,
    save_form,
    scan,
    scan_field,
    swipe,
)

CAMPAIGN = "唤醒老会员"


def open_campaigns(sale: Any, qtbot: Any) -> Any:
    members = open_members_screen(sale)
    click(qtbot, child(members, QPushButton, "membersCampaigns"))
    return open_dialog(members, "campaignsScreen")


def written(counter: Any) -> tuple[int, ...]:
    return tuple(
        count_rows(counter, model)
        for model in (CampaignRow, CampaignMemberRow, StoredValueEntryRow, AuditRow)
    )


def rows(table: QTableWidget) -> list[tuple[str, ...]]:
    return [
        tuple(table.item(r, c).text() for c in range(table.columnCount()))
        for r in range(table.rowCount())
    ]


def status(screen: Any) -> str:
    return str(child(screen, QLabel, "campaignsStatus").text())


def new_campaign(qtbot: Any, screen: Any, *, approved_by_pin: bool = True) -> Any:
    click(qtbot, child(screen, QPushButton, "campaignNew"))
    if approved_by_pin:
        approve(qtbot, approval_in(screen))
    return open_dialog(screen, "campaignForm")


def refused(
    qtbot: Any, counter: Any, form: Any, values: dict[str, object], field: str, words: str
) -> None:
    before = written(counter)
    fill_form(qtbot, form, values)
    save_form(qtbot, form)
    assert words in field_error(form, field), (field_error(form, field), error_text(form))
    assert form.isVisible() and written(counter) == before


def export_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(path), ""))
    )


def test_a_manager_runs_a_campaign_from_list_to_recall(
    sale: Any, qtbot: Any, counter: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = open_campaigns(sale, qtbot)
    form = new_campaign(qtbot, screen)
    good = {
        "campaignName": CAMPAIGN,
        "campaignSource": "cards:",
        "campaignCards": f"{SILVER_CARD}, {GOLD_CARD}",
        "campaignOffer": "bonus",
        "campaignAmount": "5",
    }
    fill_form(qtbot, form, good)
    refused(qtbot, counter, form, {"campaignCards": "99999999"}, "campaignCards", "未找到卡号")
    fill_form(qtbot, form, {"campaignCards": good["campaignCards"]})
    start_text = form.fields["starts_on"].text()
    refused(qtbot, counter, form, {"campaignEnds": "2000-01-01"}, "campaignEnds", "早于开始日期")
    fill_form(qtbot, form, {"campaignEnds": start_text})
    refused(qtbot, counter, form, {"campaignAmount": "0"}, "campaignAmount", "赠送金额")
    fill_form(qtbot, form, {"campaignAmount": "5"})
    save_form(qtbot, form)
    assert not form.isVisible(), error_text(form)
    table = child(screen, QTableWidget, "campaignsTable")
    assert rows(table)[0][:4] == (CAMPAIGN, "指定卡号 2 个", "2", f"赠送余额 {format_yuan(500)}")
    assert "名单 2 位" in status(screen)

    silver_before = member_row(counter, SILVER_CARD).bonus_fen
    for attempt in range(2):
        table.selectRow(0)
        click(qtbot, child(screen, QPushButton, "campaignIssue"))
        approve(qtbot, approval_in(screen))
        if attempt == 0:
            assert "已向 2 位会员发放" in status(screen), error_text(screen)
        else:
            assert "没有重复发放" in status(screen), error_text(screen)
    assert member_row(counter, SILVER_CARD).bonus_fen == silver_before + 500

    path = tmp_path / "calls.csv"
    export_to(monkeypatch, path)
    click(qtbot, child(screen, QPushButton, "campaignExport"))
    assert "隐藏" in status(screen), error_text(screen)
    with path.open(encoding="utf-8-sig") as handle:
        exported = {row["card_no"]: row["phone"] for row in csv.DictReader(handle)}
    silver_phone = member_row(counter, SILVER_CARD).phone or ""
    assert exported[SILVER_CARD] == f"{silver_phone[:3]}****{silver_phone[-4:]}"

    # The silver member comes back and buys: the recall counts them.
    click(qtbot, child(screen, QPushButton, "campaignsClose"))
    click(qtbot, child(sale.dialog, QPushButton, "membersClose"))
    swipe(scan_field(sale), SILVER_CARD)
    product = next(p for p in counter.service.search("6", 60) if p.barcodes and not p.by_weight)
    scan(qtbot, sale, product.barcodes[0])
    pay_cash(qtbot, sale, 1000_00)
    order = counter.service.last_order()
    assert order is not None
    with counter.db.reading() as session:
        buyer = session.scalar(select(OrderRow.member_id).where(OrderRow.id == order.id))
    assert buyer == member_row(counter, SILVER_CARD).id
    spent = f"{order.total_fen / 100:.2f}"

    screen = open_campaigns(sale, qtbot)
    child(screen, QTableWidget, "campaignsTable").selectRow(0)
    click(qtbot, child(screen, QPushButton, "campaignRecall"))
    recall = rows(child(screen, QTableWidget, "campaignRecallTable"))
    assert recall[0] == ("名单会员", "2", "1", "50.00%", "1", spent, spent)
    assert recall[1][0] == "对照会员"
    assert "对照会员" in child(screen, QLabel, "campaignRecallNote").text()


def test_only_the_owner_exports_whole_phones_and_it_is_audited(
    controller: Any, qtbot: Any, counter: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sale = login(controller, qtbot, OWNER, OWNER_PIN)
    screen = open_campaigns(sale, qtbot)
    form = new_campaign(qtbot, screen, approved_by_pin=False)  # the owner's own login approves
    fill_form(
        qtbot,
        form,
        {
            "campaignName": CAMPAIGN,
            "campaignSource": "cards:",
            "campaignCards": SILVER_CARD,
            "campaignOffer": "points",
            "campaignAmount": "20",
        },
    )
    save_form(qtbot, form)
    assert not form.isVisible(), error_text(form)
    child(screen, QTableWidget, "campaignsTable").selectRow(0)
    path = tmp_path / "calls.xlsx"
    export_to(monkeypatch, path)
    click(qtbot, child(screen, QPushButton, "campaignExport"))
    assert "完整手机号" in status(screen), error_text(screen)

    import openpyxl

    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    silver = member_row(counter, SILVER_CARD)
    assert values == [["card_no", "name", "phone"], [SILVER_CARD, silver.name, silver.phone]]
    with counter.db.reading() as session:
        entry = session.scalars(
            select(AuditRow).where(AuditRow.action == "campaign.list_exported")
        ).one()
        owner = session.scalars(select(StaffRow).where(StaffRow.name == OWNER)).one()
        assert entry.actor_id == owner.id
        detail = json.loads(entry.detail)
        assert detail["full_phones"] == 1 and detail["rows"] == 1


def test_the_screen_speaks_english(sale: Any, qtbot: Any) -> None:
    i18n.install(i18n.ENGLISH)
    screen = open_campaigns(sale, qtbot)
    assert screen.windowTitle() == "Campaigns"
    assert child(screen, QPushButton, "campaignRecall").text() == "Show recall"


def test_a_campaign_takes_a_saved_member_list(sale: Any, qtbot: Any, counter: Any) -> None:
    """The saved lists are offered as sources; the list's members on the day are taken and its
    name shown; a list deleted meanwhile, or one that keeps nobody, is refused under the source
    with nothing written."""
    from app.members.member_filters import CardTypes, MemberFilter, Tenure

    gold_type = member_row(counter, GOLD_CARD).card_type_id
    filters = counter.service.member_filters
    staff = manager(counter)
    filters.save_list(
        "金卡会员", MemberFilter((CardTypes((gold_type,)),)), actor=staff, approver=None
    )
    filters.save_list(
        "百年会员", MemberFilter((Tenure(min_days=36_500),)), actor=staff, approver=None
    )
    gone = filters.save_list(
        "临时名单", MemberFilter((Tenure(min_days=0),)), actor=staff, approver=None
    )
    with counter.db.reading() as session:
        gold = session.scalars(
            select(MemberRow.id).where(MemberRow.card_type_id == gold_type)
        ).all()
    assert gold

    screen = open_campaigns(sale, qtbot)
    form = new_campaign(qtbot, screen)
    fill_form(
        qtbot,
        form,
        {
            "campaignName": CAMPAIGN,
            "campaignSource": "list:百年会员",
            "campaignOffer": "points",
            "campaignAmount": "20",
        },
    )
    refused(qtbot, counter, form, {}, "campaignSource", "没有会员")
    filters.delete_list(gone.id, actor=staff, approver=None)  # deleted while the form is open
    refused(qtbot, counter, form, {"campaignSource": "list:临时名单"}, "campaignSource", "已被删除")
    fill_form(qtbot, form, {"campaignSource": "list:金卡会员"})
    assert not child(form, QLineEdit, "campaignCards").isEnabled()
    save_form(qtbot, form)
    assert not form.isVisible(), error_text(form)

    today = counter.service.today().isoformat()
    table = child(screen, QTableWidget, "campaignsTable")
    assert rows(table)[0][:2] == (CAMPAIGN, f"会员名单“金卡会员”（{today} 计算）")
    with counter.db.reading() as session:
        made = session.scalars(select(CampaignRow)).one()
        taken = session.scalars(
            select(CampaignMemberRow.member_id).where(CampaignMemberRow.campaign_id == made.id)
        ).all()
    assert (made.source_kind, made.source_key) == ("list", "金卡会员")
    assert set(taken) <= set(gold) and len(taken) + made.skipped == len(gold)
