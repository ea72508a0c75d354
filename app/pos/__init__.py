"""The counter's selling: catalog, cart, pricing, tenders, checkout, refunds, shifts, receipts."""
