"""Every constraint the portal's models declare is enforced by the database itself, not only by forms.

Rather than one hand-written case per constraint (over 170 of them, and new ones would be forgotten), the test
loads the access tests' objects and the demonstration area and, for each constraint, searches for a change
to a real row that breaks it:
- a check constraint: new values for the fields its condition names, tried until Django says the row would
  break the constraint; the same change is then written straight to the database;
- a unique constraint or unique field: a second row made to repeat a first row's values.
The database must refuse every such write with an IntegrityError naming that constraint. Constraints the search
cannot break (no row to start from, even after giving each empty table one plain row) must be listed in
NOT_REACHED with the reason, so the list cannot silently grow.
"""

import datetime as dt
import io
import itertools
import uuid
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import DataError, IntegrityError, connection, models, transaction
from django.db.models import CheckConstraint, Q, UniqueConstraint

from tests.targets import policy_targets

PROJECT_APPS = ("ehc", "local_offer", "alt_provision", "dashboards", "accounts", "organisations", "people",
                "notifications", "invitations", "panels")

# Constraints the demonstration area has no row to start from, and why that is acceptable.
NOT_REACHED: dict[str, str] = {}


def _project_models():
    return [model for model in apps.get_models()
            if model._meta.app_label in PROJECT_APPS and not model._meta.proxy and model._meta.managed]


def _constraints():
    for model in _project_models():
        for constraint in model._meta.constraints:
            yield model, constraint.name, constraint
        for field in model._meta.local_concrete_fields:
            if field.unique and not field.primary_key:
                yield model, f"{model._meta.db_table}.{field.column} unique", field
        for fields in model._meta.unique_together:
            yield model, f"{model._meta.db_table}({', '.join(fields)}) unique together", tuple(fields)


def _field_names_in(q):
    for child in q.children:
        if isinstance(child, Q):
            yield from _field_names_in(child)
            continue
        lookup, value = child
        yield lookup.split("__")[0]
        if isinstance(value, models.F):
            yield value.name.split("__")[0]


def _candidates(field):
    values = []
    if field.null:
        values.append(None)
    if field.choices:
        values += [choice for choice, _ in field.flatchoices]
    if isinstance(field, (models.CharField, models.TextField)):
        values += ["", "x"]
    elif isinstance(field, models.BooleanField):
        values += [True, False]
    elif isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField)):
        values += [-1, 0, 1, 6, 99, 10_000_000]
        if isinstance(field, models.DecimalField):
            values = [Decimal(v) if v is not None else None for v in values]
    elif isinstance(field, models.DateTimeField):
        values += [dt.datetime(1900, 1, 1, tzinfo=dt.UTC), dt.datetime(2100, 1, 1, tzinfo=dt.UTC)]
    elif isinstance(field, models.DateField):
        values += [dt.date(1900, 1, 1), dt.date(2100, 1, 1)]
    elif isinstance(field, models.TimeField):
        values += [dt.time(0, 0), dt.time(23, 59)]
    return values


def _breaking_changes(model, constraint):
    """Rows and new values for them that the check constraint forbids, judged by Django's own reading of the
    condition: (row, {field: value}) pairs, one field changed at a time and then two."""
    names = sorted(set(_field_names_in(constraint.condition)))
    fields = [model._meta.get_field(name) for name in names]
    rows = list(model._default_manager.all()[:200])
    for size in (1, 2):
        for row in rows:
            for chosen in itertools.combinations(fields, size):
                for values in itertools.product(*[_candidates(field) for field in chosen]):
                    changes = dict(zip([field.name for field in chosen], values, strict=True))
                    trial = model._default_manager.get(pk=row.pk)
                    for name, value in changes.items():
                        setattr(trial, name, value)
                    try:
                        constraint.validate(model, trial)
                    except ValidationError:
                        yield row, changes


REFUSALS_SEEN: dict[str, str] = {}


def _refuses(write, expected_in_message):
    """True if the database refuses the write naming the constraint, False if it accepts it, None if it refuses
    it for some other reason (another constraint, or a value too big for its column)."""
    try:
        with transaction.atomic():
            write()
    except (IntegrityError, DataError) as error:
        REFUSALS_SEEN[expected_in_message] = str(error)
        return True if expected_in_message in str(error) else None
    REFUSALS_SEEN[expected_in_message] = "accepted"
    return False


def _break_check(model, constraint):
    """True once a breaking change is refused naming this constraint. A change may break another constraint
    first (a negative age breaks the field's own "not negative" check before "ages in order"), so keep trying."""
    for tried, (row, changes) in enumerate(_breaking_changes(model, constraint)):
        refused = _refuses(lambda: model._default_manager.filter(pk=row.pk).update(**changes),  # noqa: B023
                           constraint.name)
        if refused is not None or tried == 200:
            return refused
    return None


def _fresh_value(field, attempt, *, null_allowed=True):
    """A value for `field` unlikely to repeat any other row's, different on each attempt."""
    if isinstance(field, (models.CharField, models.TextField)):
        return uuid.uuid4().hex[: field.max_length or 32]
    if isinstance(field, (models.IntegerField, models.DecimalField)):
        return 10_000 + attempt
    if isinstance(field, models.DateField):
        return dt.date(2000, 1, 1) + dt.timedelta(days=attempt)
    if isinstance(field, models.ForeignKey) and field.null and null_allowed:
        return None  # nulls never repeat one another
    if isinstance(field, models.ForeignKey):
        return field.related_model._default_manager.order_by("pk")[attempt % 20:].values_list("pk", flat=True).first()
    return None


def _unique_sets(model):
    for constraint in model._meta.constraints:
        if isinstance(constraint, UniqueConstraint) and constraint.fields:
            yield constraint.name, constraint.fields
    for field in model._meta.local_concrete_fields:
        if field.unique and not field.primary_key:
            yield f"Key ({field.column})=", (field.name,)


def _insert_copy(row, keep, message):
    """Insert a copy of `row` that repeats `keep`. Where the copy collides with some other unique rule first,
    give that rule's other fields fresh values and try again."""
    model = row.__class__
    copy = model._default_manager.get(pk=row.pk)
    copy.pk = None
    copy._state.adding = True
    for attempt in range(6):
        refused = _refuses(lambda: copy.save(force_insert=True), message)  # noqa: B023
        if refused is not None:
            return refused
        seen = REFUSALS_SEEN.get(message, "")
        clashing = [fields for name, fields in _unique_sets(model) if name in seen and set(fields) - set(keep)]
        if not clashing:
            return None
        for name in set(clashing[0]) - set(keep):
            field = model._meta.get_field(name)
            setattr(copy, field.attname, _fresh_value(field, attempt))
    return None


def _plain_values(model, condition):
    """{field: value} making a row meet a condition that is only `field=value` or `field__isnull=False` tests
    joined by AND, else None."""
    if condition.connector != Q.AND or condition.negated:
        return None
    values = {}
    for child in condition.children:
        if not isinstance(child, tuple) or isinstance(child[1], models.F):
            return None
        lookup, value = child
        if lookup.endswith("__isnull") and value is False:
            field = model._meta.get_field(lookup.removesuffix("__isnull"))
            values[field.attname] = _fresh_value(field, 0, null_allowed=False)
        elif "__" in lookup:
            return None
        else:
            values[lookup] = value
    return values


def _rows_holding(model, fields, condition):
    """Up to two rows that satisfy the constraint's condition and hold a value in every one of `fields` (nulls
    never repeat one another in SQL). Where no row does, one is changed to: a simple condition is written onto
    it and empty fields are given a value."""
    base = model._default_manager.filter(condition) if condition is not None else model._default_manager.all()
    rows = list(base.filter(**{f"{field}__isnull": False for field in fields})[:2])
    if rows:
        return rows
    changes = {} if condition is None else _plain_values(model, condition)
    row = model._default_manager.first()
    if changes is None or row is None:
        return []
    for name in fields:
        field = model._meta.get_field(name)
        if getattr(row, field.attname) is None:
            changes[field.attname] = _fresh_value(field, 0, null_allowed=False)
    try:
        with transaction.atomic():
            model._default_manager.filter(pk=row.pk).update(**changes)
    except (IntegrityError, DataError):
        return []
    # A value may not have been found (an empty table to point at), so check the row now qualifies.
    return list(base.filter(pk=row.pk, **{f"{field}__isnull": False for field in fields}))


def _duplicate(model, fields, condition, message):
    """Make a row repeat another's values for `fields`: by updating a second row where there is one (written
    straight to the table, so no save() can tidy the values away), otherwise by inserting a copy."""
    rows = _rows_holding(model, fields, condition)
    if not rows:
        return None
    first = rows[0]
    repeat = {model._meta.get_field(field).attname: getattr(first, model._meta.get_field(field).attname)
              for field in fields}
    plain = {} if condition is None else _plain_values(model, condition)
    second = rows[1] if len(rows) == 2 else model._default_manager.exclude(pk=first.pk).first()
    if second is not None and plain is not None and None not in plain.values():
        refused = _refuses(lambda: model._default_manager.filter(pk=second.pk).update(**{**plain, **repeat}), message)
        if refused is not None:
            return refused
    return _insert_copy(first, set(fields), message)


def _case_insensitive_email_repeats(model, constraint):
    """The one expression constraint: two accounts whose emails differ only in capitals. Written with update(),
    as saving an account would tidy the email first."""
    first, second = model._default_manager.order_by("pk")[:2]
    return _refuses(lambda: model._default_manager.filter(pk=second.pk).update(email=first.email.upper()),
                    constraint.name)


def _break(model, name, constraint):
    if isinstance(constraint, CheckConstraint):
        return _break_check(model, constraint)
    if isinstance(constraint, UniqueConstraint):
        if constraint.expressions:
            return _case_insensitive_email_repeats(model, constraint)
        return _duplicate(model, constraint.fields, constraint.condition, constraint.name)
    if isinstance(constraint, tuple):
        columns = ", ".join(model._meta.get_field(field).column for field in constraint)
        return _duplicate(model, constraint, None, f"Key ({columns})=")
    return _duplicate(model, [constraint.name], None, f"Key ({constraint.column})=")


def _plain_value(field):
    if field.choices:
        return field.flatchoices[0][0]
    if isinstance(field, models.JSONField):
        return {}
    if isinstance(field, (models.CharField, models.TextField)):
        return "x"
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField)):
        return 1
    if isinstance(field, models.DateTimeField):
        return dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
    if isinstance(field, models.DateField):
        return dt.date(2026, 1, 5)
    if isinstance(field, models.TimeField):
        return dt.time(9)
    return None


def _fill_empty_tables():
    """Give each table neither data set reaches one plain row, so its constraints can be tried too: every
    foreign key points at an existing row and every other required field gets a simple value. Repeated while
    that fills more tables, since one table's row may need another's."""
    while True:
        filled = 0
        for model in _project_models():
            if model._default_manager.exists():
                continue
            values = {}
            names = {field.name for field in model._meta.local_concrete_fields}
            for field in model._meta.local_concrete_fields:
                if field.primary_key or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                    continue
                if field.is_relation:
                    values[field.attname] = field.related_model._default_manager.values_list("pk", flat=True).first()
                    if field.name == "permission" and "content_object" in names:  # django-guardian's own check
                        target = model._meta.get_field("content_object").related_model
                        values[field.attname] = Permission.objects.filter(
                            content_type=ContentType.objects.get_for_model(target)).values_list("pk", flat=True).first()
                elif not field.null and not field.has_default():
                    values[field.attname] = _plain_value(field)
            try:
                with transaction.atomic():
                    model._default_manager.create(**values)
                filled += 1
            except (IntegrityError, DataError, ValueError, TypeError, ValidationError):
                continue
        if not filled:
            return


def _probe_all():
    return {name: _break(model, name, constraint) for model, name, constraint in _constraints()}


@pytest.mark.postgres
def test_the_database_refuses_a_row_that_breaks_any_constraint(world, settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: only its errors name the constraint broken")
    # Two sets of rows, each reaching constraints the other lacks: the objects behind every page in the access
    # tests, then (as the two share some names) the demonstration area in their place.
    undo = transaction.savepoint()
    policy_targets(world)
    with_targets = _probe_all()
    transaction.savepoint_rollback(undo)
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    _fill_empty_tables()
    with_demo = _probe_all()

    # Refused in either pass counts, unless some breaking write was accepted in the other.
    results = {name: False if False in (with_targets[name], with_demo[name])
               else True if True in (with_targets[name], with_demo[name]) else None
               for name in with_targets}
    not_refused = sorted(name for name, refused in results.items() if refused is False)
    not_reached = sorted(name for name, refused in results.items() if refused is None)
    assert not_refused == [], "The database accepted rows breaking these constraints: " + "; ".join(
        f"{name}: {REFUSALS_SEEN.get(name, '').splitlines()[:1]}" for name in not_refused)
    assert not_reached == sorted(NOT_REACHED), f"No row could be changed to break these: {not_reached}"
    assert len(results) > 150
