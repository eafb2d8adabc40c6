"""What a panel's recommendation means is up to the app that owns the record: it registers a handler here."""

_HANDLERS = {}


def on_recommendation(model, handler):
    """Call `handler(item, by)` when a recommendation is recorded on an agenda item about a `model` record."""
    _HANDLERS[model._meta.label_lower] = handler


def handler_for(item):
    return _HANDLERS.get(item.content_type.model_class()._meta.label_lower)
