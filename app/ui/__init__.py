"""The cashier's screens (PySide6 only): windows, dialogs, Qt models and the task runner."""
