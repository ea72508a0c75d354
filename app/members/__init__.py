"""Members: cards, card types, ledgers of stored value, points and count cards, reminders."""
