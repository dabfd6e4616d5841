"""The one source of "now": SOURCE_DATE_EPOCH when set, so output and checks are reproducible."""

from __future__ import annotations

import datetime as dt
import os

from sitegen.problems import ConfigError


def build_time() -> dt.datetime:
    """The build's timestamp in UTC: SOURCE_DATE_EPOCH if set, otherwise the wall clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or epoch == "":
        return dt.datetime.now(dt.UTC)
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise ConfigError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not '{epoch}'") from None


def today() -> dt.date:
    """Today's date (UTC), following SOURCE_DATE_EPOCH."""
    return build_time().date()
