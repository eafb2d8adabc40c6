"""The national comparison figures: the England series shipped with the portal (dashboards/data/england.csv), and
the CSV imports staff use in the admin site for later England years, local authority area figures and a council's
statistical neighbours.

An import checks every row before it changes anything, and then saves the whole file in one transaction, so a file
is either taken whole or not at all. Importing the same file again changes nothing.
"""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone

DATA_DIR = Path(__file__).resolve().parent / "data"
ENGLAND_CSV = DATA_DIR / "england.csv"

MAX_BYTES = 1024 * 1024
FIRST_YEAR = 2000  # before any figure the dashboards compare with
MAX_ERRORS_SHOWN = 50


def england_rows(path: Path = ENGLAND_CSV) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [{"indicator": row["indicator"].strip(), "year": int(row["year"]), "value": Decimal(row["value"]),
                 "source": row["source"].strip()} for row in csv.DictReader(handle)]


def save_rows(model, rows: list[dict], *, keys: tuple[str, ...]) -> tuple[int, int]:
    """Create or update one object per row, finding existing ones by the `keys` fields and updating the rest of
    the row's fields where they differ; saving the same rows again changes nothing. `model` is passed in so a data
    migration can use its historical model. Returns (created, updated)."""
    if not rows:
        return 0, 0
    # One query for the candidates (each key field's values, so a superset), not one per row.
    candidates = model.objects.filter(**{f"{key}__in": {row[key] for row in rows} for key in keys})
    existing = {tuple(getattr(obj, key) for key in keys): obj for obj in candidates}
    fields = [name for name in rows[0] if name not in keys]
    to_create, to_update = [], []
    for row in rows:
        obj = existing.get(tuple(row[key] for key in keys))
        if obj is None:
            to_create.append(model(**row))
        elif any(getattr(obj, name) != row[name] for name in fields):
            for name in fields:
                setattr(obj, name, row[name])
            to_update.append(obj)
    model.objects.bulk_create(to_create)
    if to_update:
        model.objects.bulk_update(to_update, fields)
    return len(to_create), len(to_update)


def load(model, path: Path = ENGLAND_CSV) -> tuple[int, int]:
    """Create or update one England figure per indicator and year from the shipped file. Returns (created,
    updated)."""
    return save_rows(model, england_rows(path), keys=("indicator", "year"))


def replace_neighbours(model, council, rows: list[dict]) -> tuple[int, int, int]:
    """Make the council's neighbour list exactly `rows` (dicts of rank, area_code and area_name). A neighbour that
    moves rank is deleted and added again, so no two rows ever hold one rank on the way. Returns (created, updated,
    removed)."""
    existing = {neighbour.area_code: neighbour for neighbour in model.objects.filter(council=council)}
    wanted = {row["area_code"]: row for row in rows}
    removed = [code for code in existing if code not in wanted]
    changed = [code for code, row in wanted.items() if code in existing
               and (existing[code].rank, existing[code].area_name) != (row["rank"], row["area_name"])]
    added = [code for code in wanted if code not in existing]
    if removed or changed:
        model.objects.filter(council=council, area_code__in=removed + changed).delete()
    model.objects.bulk_create([model(council=council, **wanted[code]) for code in changed + added])
    return len(added), len(changed), len(removed)


# --- Checking an uploaded file ---------------------------------------------------------------------------------


class FileRefused(Exception):
    """The file was not imported; `errors` says why, one plain-English message each."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    removed: int = 0

    def summary(self, noun: str) -> str:
        text = f"{self.created} {noun} created, {self.updated} updated"
        if self.removed:
            text += f", {self.removed} removed"
        if not (self.created or self.updated or self.removed):
            text += ": the file matched what was already here, so nothing changed"
        return text + "."


def read_upload(uploaded) -> str:
    """The uploaded file's text, or FileRefused if it is empty, too big or not UTF-8 text."""
    if uploaded.size == 0:
        raise FileRefused(["The selected file is empty."])
    if uploaded.size > MAX_BYTES:
        raise FileRefused(["The selected file must be smaller than 1 MB. Split it into smaller files."])
    # The portal's one upload checker: the name, then the bytes sniffed by libmagic, so a workbook or other
    # binary file renamed .csv is named as such rather than reported as "not UTF-8".
    from django.core.exceptions import ValidationError

    from ehc.uploads import CSV, inspect_upload

    try:
        _type, _extension, data = inspect_upload(
            uploaded, allowed=CSV, max_bytes=MAX_BYTES,
            message="The selected file is not a CSV file. Save it as \"CSV UTF-8 (comma delimited)\" and upload that.")
    except ValidationError as error:
        raise FileRefused(error.messages) from None
    try:
        # utf-8-sig: spreadsheet programs put a byte order mark at the start of "CSV UTF-8" files.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(["The selected file must be UTF-8 text. In a spreadsheet program, save it as "
                           "\"CSV UTF-8 (comma delimited)\"."]) from None
    if "\x00" in text:
        raise FileRefused(["The selected file must be a CSV text file."])
    return text


def _indicator(text):
    from .catalogue import BY_SLUG

    if text not in BY_SLUG:
        raise ValueError(f"there is no indicator with the short name \"{text}\"" if text else "the indicator is blank")
    return text


def _year(text):
    this_year = timezone.localdate().year
    if not re.fullmatch(r"\d{4}", text):
        raise ValueError(f"the year must be four digits, for example {this_year - 1}, not \"{text}\"")
    year = int(text)
    if not FIRST_YEAR <= year <= this_year:
        raise ValueError(f"the year must be between {FIRST_YEAR} and {this_year}, not {year}")
    return year


def _value(text):
    example = "for example 46.4 or 82329"
    if text.startswith("-") and re.fullmatch(r"-[\d,]*\.?\d+", text):
        raise ValueError(f"the value must not be negative, not {text}")
    # Commas only as thousands separators: "46,4" is refused rather than read as 464.
    if not re.fullmatch(r"(\d{1,3}(,\d{3})+|\d+)(\.\d+)?", text):
        raise ValueError(f"the value must be a number, {example}, not \"{text}\"" if text else
                         f"the value is blank ({example})")
    value = Decimal(text.replace(",", ""))
    # The database keeps one decimal place; a second would be rounded away and the file would never match.
    if value != value.quantize(Decimal("0.1")):
        raise ValueError(f"the value must have at most one decimal place, not {text}")
    if value >= Decimal("1e11"):
        raise ValueError(f"the value {text} is too large")
    return value


def _figure_problems(row):
    from .catalogue import BY_SLUG
    from .indicators import PERCENT

    if BY_SLUG[row["indicator"]].unit == PERCENT and row["value"] > 100:
        return [f"the value {row['value']} is over 100, but {row['indicator']} is a percentage"]
    return []


def _text(limit, what):
    def parse(text):
        if not text:
            raise ValueError(f"the {what} is blank")
        if len(text) > limit:
            raise ValueError(f"the {what} must be {limit} characters or fewer")
        return text
    return parse


def _area_code(text):
    if not re.fullmatch(r"\d{3}", text):
        raise ValueError(f"the area code must be the three-digit DfE local authority code, for example 878, "
                         f"not \"{text}\"")
    return text


def _rank(text):
    if not re.fullmatch(r"\d{1,2}", text) or not 1 <= int(text) <= 10:
        raise ValueError(f"the rank must be a whole number from 1 to 10, not \"{text}\"")
    return int(text)


@dataclass(frozen=True)
class ImportKind:
    noun: str  # what the rows are, in the plural, for messages
    columns: dict  # column name -> parser, which raises ValueError saying what is wrong
    # Sets of columns no two rows may share, each with how to say so; the first finds a row's existing object.
    unique: tuple
    row_problems: Callable = lambda row: []  # checks across a row's columns

    @property
    def keys(self) -> tuple[str, ...]:
        return self.unique[0][0]


ENGLAND = ImportKind(
    noun="England figures",
    columns={"indicator": _indicator, "year": _year, "value": _value, "source": _text(300, "source")},
    unique=((("indicator", "year"), "the same indicator and year"),), row_problems=_figure_problems)
AREA = ImportKind(
    noun="area figures",
    columns={"area_code": _area_code, "area_name": _text(100, "area name"), "indicator": _indicator, "year": _year,
             "value": _value, "source": _text(300, "source")},
    unique=((("area_code", "indicator", "year"), "the same area code, indicator and year"),),
    row_problems=_figure_problems)
NEIGHBOURS = ImportKind(
    noun="neighbours",
    columns={"rank": _rank, "area_code": _area_code, "area_name": _text(100, "area name")},
    unique=((("area_code",), "the same area code"), (("rank",), "the same rank")))


def parse(text: str, kind: ImportKind) -> list[dict]:
    """Every row of the file as a dict of parsed values, or FileRefused listing every problem with its row number
    (the header is row 1, as in a spreadsheet)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader, [])]
    except csv.Error as problem:
        raise FileRefused([f"Row 1 (the header) could not be read as CSV ({problem})."]) from None
    missing = [name for name in kind.columns if name not in header]
    unknown = [name for name in header if name not in kind.columns]
    duplicated = sorted({name for name in header if header.count(name) > 1})
    if missing or unknown or duplicated:
        errors = [f"Row 1 (the header) must name the columns {', '.join(kind.columns)}."]
        if missing:
            errors.append(f"Row 1: missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}.")
        if unknown:
            errors.append(f"Row 1: unexpected column{'s' if len(unknown) > 1 else ''}: "
                          f"{', '.join(name or '(blank)' for name in unknown)}.")
        if duplicated:
            errors.append(f"Row 1: repeated column{'s' if len(duplicated) > 1 else ''}: {', '.join(duplicated)}.")
        raise FileRefused(errors)

    rows, errors, seen = [], [], {}
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue  # spreadsheet programs leave blank lines at the end
            if len(cells) != len(header):
                errors.append(f"Row {number}: has {len(cells)} cells but the header names {len(header)} columns.")
                continue
            row, problems = {}, []
            for name, cell in zip(header, cells, strict=True):
                try:
                    row[name] = kind.columns[name](cell.strip())
                except ValueError as problem:
                    problems.append(str(problem))
            problems = problems or kind.row_problems(row)
            for fields, described in kind.unique:
                key = (fields, *(row.get(name) for name in fields))
                if None not in key and key in seen:
                    problems.append(f"it repeats row {seen[key]} ({described})")
                elif None not in key:
                    seen[key] = number
            if problems:
                errors.append(f"Row {number}: {'; '.join(problems)}.")
            else:
                rows.append(row)
    except csv.Error as problem:
        errors.append(f"Line {reader.line_num} of the file could not be read as CSV ({problem}).")
    if not errors and not rows:
        errors.append("The file has no rows after the header.")
    if errors:
        if len(errors) > MAX_ERRORS_SHOWN:
            errors = [*errors[:MAX_ERRORS_SHOWN], f"And {len(errors) - MAX_ERRORS_SHOWN} more problems."]
        raise FileRefused(errors)
    return rows


def import_csv(uploaded, kind: ImportKind, *, council=None) -> ImportResult:
    """Check the uploaded file and, only if every row is right, save it all in one transaction. For neighbours the
    file is the council's whole list: neighbours not in it are removed."""
    from .models import AreaFigure, NationalFigure, StatisticalNeighbour

    rows = parse(read_upload(uploaded), kind)
    try:
        with transaction.atomic():
            if kind is NEIGHBOURS:
                return ImportResult(*replace_neighbours(StatisticalNeighbour, council, rows))
            model = NationalFigure if kind is ENGLAND else AreaFigure
            return ImportResult(*save_rows(model, rows, keys=kind.keys))
    except IntegrityError:
        # Only another import saving the same rows at the same moment gets here: the rows were checked above.
        raise FileRefused(["Someone else changed these figures at the same time. Nothing was imported; "
                           "upload the file again."]) from None
