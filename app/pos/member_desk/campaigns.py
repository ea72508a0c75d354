"""Campaigns as the screen runs them: create and issue (a manager's), the call or SMS list
written to CSV or XLSX (whole phones for the owner only, audited), and the recall."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sqlalchemy.orm import Session

from app.members import campaigns
from app.members.campaigns import CampaignInput, CampaignView, IssueResult, Recall
from app.pos.member_desk.context import DeskContext
from app.pos.report_files import export_table
from app.pos.reports import CellKind, Column, ReportTable
from app.pos.staff import StaffView

#: The call list's columns, in the file's order (its header row).
CALL_LIST_COLUMNS = ("card_no", "name", "phone")


@dataclasses.dataclass(frozen=True)
class ExportedList:
    rows: int
    #: Whole phones (the owner's export) or masked ones.
    full_phones: bool


class CampaignDesk:
    def __init__(self, context: DeskContext) -> None:
        self.context = context

    def list(self) -> list[CampaignView]:
        return self.context.read(campaigns.list_campaigns)

    def create(
        self, data: CampaignInput, *, cashier: StaffView, approver: StaffView
    ) -> CampaignView:
        """Take the list today and keep the campaign (a manager's, audited); nothing issued."""
        return self.context.write(
            campaigns.create_campaign,
            data,
            on=self.context.today(),
            actor_id=cashier.id,
            approver_id=self.context.rules_approver(approver),
        )

    def issue(self, campaign_id: str, *, cashier: StaffView, approver: StaffView) -> IssueResult:
        """Every targeted member gets the offer, in one transaction; again, nothing more."""
        return self.context.write(
            campaigns.issue_campaign,
            campaign_id,
            on=self.context.today(),
            actor_id=cashier.id,
            approver_id=self.context.rules_approver(approver),
        )

    def recall(self, campaign_id: str) -> Recall:
        return self.context.read(campaigns.recall, campaign_id, on=self.context.today())

    def read_card_file(self, path: Path) -> tuple[str, ...]:
        """The card numbers of a CSV file, for a campaign's list."""
        return campaigns.read_card_file(path)

    def export_call_list(self, campaign_id: str, path: Path, *, cashier: StaffView) -> ExportedList:
        """The list to ``path`` (.csv or .xlsx), written whole or not at all; the audit entry
        is kept only when the file was written."""

        def write(session: Session) -> ExportedList:
            found = campaigns.call_list(
                session, campaign_id, actor_id=cashier.id, file_name=path.name
            )
            table = ReportTable(
                "campaign_list",
                tuple(Column(key, CellKind.TEXT) for key in CALL_LIST_COLUMNS),
                tuple((row.card_no, row.name, row.phone) for row in found.rows),
            )
            return ExportedList(export_table(path, CALL_LIST_COLUMNS, table), found.full_phones)

        return self.context.write(write)
