"""The moving weighted average cost, in whole fen: what goods leaving or joining stock are worth.

A product keeps the value of its stock at cost (``stock_value_fen``), the sum of its stock moves'
``value_fen`` as its stock is the sum of their quantities. Receiving adds what the goods cost;
anything else moves value at the average, ``value × qty / stock``:

- a sale, a supplier return without a given cost, a count's loss and a count's gain take
  ``value_at_average``: ``round(value × qty / stock)`` while the stock is above zero, else the
  product's cost (进价) times the quantity (no cost set: 0);
- each of these divisions is rounded once, half away from zero, to the fen
  (:func:`app.money.div_round_half_up`); so selling or counting away the whole stock takes
  exactly its whole value, and no fen is lost or made up;
- a void puts back the cost its line took out; a refund that returns goods to stock puts back
  its share of the line's cost, as the difference of two roundings of the cumulative share
  (``refund_cost_share``), so refunding a line in parts puts back exactly the line's cost.

Nothing here touches the database: these are the rules, the callers write the moves.
"""

from __future__ import annotations

from app.money import div_round_half_up

#: Quantities are thousandths of the product's unit; costs are per whole unit.
MILLI_PER_UNIT = 1000


def value_at_average(qty_milli: int, stock_milli: int, value_fen: int, cost_fen: int | None) -> int:
    """The value of ``qty_milli`` (positive) at the product's moving average cost."""
    if stock_milli > 0:
        return div_round_half_up(value_fen * qty_milli, stock_milli)
    return line_cost(cost_fen or 0, qty_milli)


def line_cost(unit_cost_fen: int, qty_milli: int) -> int:
    """A receiving line's cost from its unit cost: ``round(unit cost × qty)``."""
    return div_round_half_up(unit_cost_fen * qty_milli, MILLI_PER_UNIT)


def refund_cost_share(
    line_cost_fen: int, sold_milli: int, before_milli: int, qty_milli: int
) -> int:
    """The part of a sold line's cost that ``qty_milli`` more of its goods coming back carry,
    after ``before_milli`` came back already."""
    after = div_round_half_up(line_cost_fen * (before_milli + qty_milli), sold_milli)
    return after - div_round_half_up(line_cost_fen * before_milli, sold_milli)
