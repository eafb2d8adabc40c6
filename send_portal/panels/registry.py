"""What a panel's recommendation means is up to the app that owns the record: it registers a handler here, and
may offer its own choices (an alternative provision panel approves a placement at a tier). Panels that meet in
term time only ask the app that owns the school calendar which days are school days. So `panels` never imports
a product app."""

_HANDLERS = {}
_OPTIONS = {}
_SCHOOL_DAY_CHECKS = []
_CLERK_QUEUES = {}


def on_recommendation(model, handler, options=None):
    """Call `handler(item, by)` when a recommendation is recorded on an agenda item about a `model` record.

    `options(item)`, when given, returns the choices the chair picks from as (code, label) pairs. A code is a
    recommendation ("yes", "no", "defer", "more_info"), optionally with detail after a colon: "yes:2"."""
    _HANDLERS[model._meta.label_lower] = handler
    if options:
        _OPTIONS[model._meta.label_lower] = options


def handler_for(item):
    return _HANDLERS.get(item.content_type.model_class()._meta.label_lower)


def options_for(item):
    return _OPTIONS.get(item.content_type.model_class()._meta.label_lower)


def on_school_day_check(check):
    """`check(local_authority, day) -> bool` says whether a day is a school day in that council's calendar."""
    _SCHOOL_DAY_CHECKS.clear()
    _SCHOOL_DAY_CHECKS.append(check)


def is_school_day(local_authority, day) -> bool:
    if not _SCHOOL_DAY_CHECKS:
        return day.weekday() < 5
    return _SCHOOL_DAY_CHECKS[0](local_authority, day)


def on_clerk_queue(purpose: str, url_name: str, label: str):
    """Where a panel's clerk finds the referrals waiting for triage, for panels with this purpose."""
    _CLERK_QUEUES[purpose] = (url_name, label)


def clerk_queue_for(purpose: str):
    return _CLERK_QUEUES.get(purpose)
