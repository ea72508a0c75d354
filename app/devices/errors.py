"""The known error every device setting shares: a port, speed or length that cannot work."""

from __future__ import annotations

from app.errors import KnownError


class DeviceSettingsError(KnownError):
    """A device setting (printer address, port, speed, timing, card length) that cannot work.

    The message names the setting, so the manager at the settings form can correct it.
    """


__all__ = ["DeviceSettingsError"]
