"""The member use cases at the counter in one home, split by subject (``desk.MemberDesk``).

They live in ``app.pos`` (not ``app.members``) because a member action at the counter also takes
money (a top-up, a count card: orders of their own, ``payments``) and queues its slip
(``print_jobs``), and only the pos layer may use those. Refusals that must keep their audit entry
(a refused card, a wrong member password) are caught inside the transaction, committed, then
raised again (``DeskContext.keep_refusal``).

This module imports nothing, so ``app.pos.print_jobs`` may use ``slips`` without the desk.
"""

from __future__ import annotations
