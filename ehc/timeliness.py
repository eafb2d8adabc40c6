"""How a statutory date stands today: pure functions, no database."""

import datetime as dt
from dataclasses import dataclass

DUE_SOON_DAYS = 7


class Status:
    ON_TRACK = "On track"
    DUE_SOON = "Due soon"
    OVERDUE = "Overdue"
    MET = "Met"
    MET_LATE = "Met late"


TAG_COLOURS = {Status.ON_TRACK: "blue", Status.DUE_SOON: "yellow", Status.OVERDUE: "red", Status.MET: "green",
               Status.MET_LATE: "orange"}


@dataclass(frozen=True)
class DeadlineState:
    label: str
    due: dt.date
    met_on: dt.date | None
    status: str
    days_left: int | None
    exception_applies: bool

    @property
    def colour(self) -> str:
        return TAG_COLOURS[self.status]


def deadline_state(label: str, due: dt.date, met_on: dt.date | None, today: dt.date,
                   exception_applies: bool = False) -> DeadlineState:
    if met_on is not None:
        status = Status.MET if met_on <= due else Status.MET_LATE
        return DeadlineState(label, due, met_on, status, None, exception_applies)
    days_left = (due - today).days
    if days_left < 0:
        status = Status.OVERDUE
    elif days_left <= DUE_SOON_DAYS:
        status = Status.DUE_SOON
    else:
        status = Status.ON_TRACK
    return DeadlineState(label, due, None, status, days_left, exception_applies)


def on_time(due: dt.date, met_on: dt.date) -> bool:
    return met_on <= due
