"""Calendar days as the people on site count them. Times are stored in UTC, but an inspection started at
07:30 in Beijing happened on that Beijing day, not on the UTC day before; deadlines, "found on" dates and
due dates all use the device's local day."""

from __future__ import annotations

from datetime import date, datetime


def local_day(moment: datetime) -> date:
    """The calendar day of an aware moment in the device's time zone."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: store and pass times with their time zone")
    return moment.astimezone().date()
