"""Statistical neighbours and the national comparison imports (issue 7): the admin site's CSV imports for England
figures, area figures and a council's neighbour list; the neighbour averages; and the database's rank check."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from dashboards.models import AreaFigure, NationalFigure, StatisticalNeighbour
from dashboards.national import DATA_DIR
from dashboards.selectors_national import neighbour_averages, neighbours_of
from send_portal.organisations.models import Role
from tests import factories

TWENTY = "ehc-20-weeks-excluding-exceptions"
AREA_IMPORT = reverse("admin:dashboards_areafigure_import")
ENGLAND_IMPORT = reverse("admin:dashboards_nationalfigure_import")
NEIGHBOUR_IMPORT = reverse("admin:dashboards_statisticalneighbour_import")

AREA_CSV = (
    "area_code,area_name,indicator,year,value,source\n"
    "878,Area one,ehc-20-weeks-excluding-exceptions,2023,51.2,DfE SEN2 2024\n"
    "878,Area one,ehc-20-weeks-excluding-exceptions,2024,48.0,DfE SEN2 2024\n"
    "879,Area two,ehc-requests-by-source,2024,\"1,234\",DfE SEN2 2024\n"
)


def upload(text, name="figures.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8") if isinstance(text, str) else text, "text/csv")


def area_state():
    return sorted(AreaFigure.objects.values_list("area_code", "area_name", "indicator", "year", "value", "source"))


@pytest.fixture
def admin_client(world, client_for):
    return client_for("admin")


# --- The imports ---------------------------------------------------------------------------------------------


def test_a_valid_area_file_is_imported_and_importing_it_again_changes_nothing(admin_client):
    response = admin_client.post(AREA_IMPORT, {"file": upload(AREA_CSV)}, follow=True)
    assert response.status_code == 200
    assert "Imported figures.csv: 3 area figures created, 0 updated." in response.content.decode()
    assert area_state() == [
        ("878", "Area one", TWENTY, 2023, Decimal("51.2"), "DfE SEN2 2024"),
        ("878", "Area one", TWENTY, 2024, Decimal("48.0"), "DfE SEN2 2024"),
        ("879", "Area two", "ehc-requests-by-source", 2024, Decimal("1234"), "DfE SEN2 2024"),
    ]
    ids = set(AreaFigure.objects.values_list("pk", flat=True))

    response = admin_client.post(AREA_IMPORT, {"file": upload(AREA_CSV)}, follow=True)
    assert "0 area figures created, 0 updated: the file matched what was already here" in response.content.decode()
    assert set(AreaFigure.objects.values_list("pk", flat=True)) == ids

    corrected = AREA_CSV.replace("2024,48.0,", "2024,48.5,")
    response = admin_client.post(AREA_IMPORT, {"file": upload(corrected)}, follow=True)
    assert "0 area figures created, 1 updated." in response.content.decode()
    assert AreaFigure.objects.get(area_code="878", year=2024).value == Decimal("48.5")


def test_a_file_with_one_bad_row_changes_nothing_and_says_which_row_and_why(admin_client):
    admin_client.post(AREA_IMPORT, {"file": upload(AREA_CSV)})
    before = area_state()
    bad = (AREA_CSV.replace("2024,48.0,", "2024,48.5,")
           + "880,Area three,ehc-20-weeks-excluding-exceptions,2024,abc,DfE\n")
    response = admin_client.post(AREA_IMPORT, {"file": upload(bad)})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nothing was imported" in body
    assert "Row 5: the value must be a number, for example 46.4 or 82329, not &quot;abc&quot;." in body
    # The good row before it (a changed value) was not saved either.
    assert area_state() == before


@pytest.mark.parametrize(("row", "message"), [
    ("878,Area one,no-such-indicator,2024,1.0,DfE", "Row 2: there is no indicator with the short name"),
    ("878,Area one,ehc-20-weeks-excluding-exceptions,24,1.0,DfE", "Row 2: the year must be four digits"),
    ("878,Area one,ehc-20-weeks-excluding-exceptions,1999,1.0,DfE", "Row 2: the year must be between 2000 and"),
    ("878,Area one,ehc-20-weeks-excluding-exceptions,2024,46.45,DfE", "at most one decimal place, not 46.45"),
    ("878,Area one,ehc-20-weeks-excluding-exceptions,2024,46,4,DfE", "Row 2: has 7 cells but the header names 6"),
    ("878,Area one,ehc-20-weeks-excluding-exceptions,2024,-3.0,DfE", "must not be negative"),
    ("878,Area one,ehc-20-weeks-excluding-exceptions,2024,100.1,DfE", "is over 100, but"),
    ("87,Area one,ehc-20-weeks-excluding-exceptions,2024,1.0,DfE", "Row 2: the area code must be the three-digit"),
    ("878,,ehc-20-weeks-excluding-exceptions,2024,1.0,", "Row 2: the area name is blank; the source is blank."),
])
def test_each_kind_of_bad_row_is_refused_with_its_row_number(admin_client, row, message):
    response = admin_client.post(AREA_IMPORT, {"file": upload("area_code,area_name,indicator,year,value,source\n"
                                                              + row + "\n")})
    assert response.status_code == 400
    assert message in response.content.decode().replace("&quot;", '"')
    assert not AreaFigure.objects.exists()


def test_repeated_rows_and_wrong_columns_are_refused(admin_client):
    repeated = AREA_CSV + "878,Area one,ehc-20-weeks-excluding-exceptions,2023,51.9,DfE\n"
    body = admin_client.post(AREA_IMPORT, {"file": upload(repeated)}).content.decode()
    assert "Row 5: it repeats row 2 (the same area code, indicator and year)." in body

    body = admin_client.post(AREA_IMPORT, {"file": upload("area,indicator,year,value,source\n1,2,3,4,5\n")}
                             ).content.decode()
    assert "Row 1: missing columns: area_code, area_name." in body
    assert "Row 1: unexpected column: area." in body
    assert not AreaFigure.objects.exists()


@pytest.mark.parametrize(("content", "message"), [
    (b"area_code,area_name\n" + b"x" * (1024 * 1024), "smaller than 1 MB"),
    ("area_code,area_name,indicator,year,value,source\n878,Caf\u00e9,x,2024,1,DfE\n".encode("latin-1"),
     "must be UTF-8 text"),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + b"\x00" * 40, "not a CSV file"),
    (b"", "The submitted file is empty."),
])
def test_oversize_binary_and_non_utf8_files_are_refused(admin_client, content, message):
    response = admin_client.post(AREA_IMPORT, {"file": upload(content)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AreaFigure.objects.exists()


def test_a_spreadsheet_programs_utf8_file_with_a_byte_order_mark_is_read(admin_client):
    response = admin_client.post(AREA_IMPORT, {"file": upload(b"\xef\xbb\xbf" + AREA_CSV.encode() + b",,,,,\n")})
    assert response.status_code == 302
    assert AreaFigure.objects.count() == 3


def test_england_figures_import_in_the_shipped_files_format(admin_client):
    shipped = (DATA_DIR / "england.csv").read_text(encoding="utf-8")
    before = sorted(NationalFigure.objects.values_list("indicator", "year", "value", "source"))
    assert len(before) == len(shipped.splitlines()) - 1  # the data migration loaded it
    body = admin_client.post(ENGLAND_IMPORT, {"file": upload(shipped, "england.csv")}, follow=True).content.decode()
    assert "Imported england.csv: 0 England figures created, 0 updated: the file matched" in body

    new_year = f"indicator,year,value,source\n{TWENTY},2025,44.0,DfE SEN2 2026\n{TWENTY},2024,46.4,Corrected source\n"
    body = admin_client.post(ENGLAND_IMPORT, {"file": upload(new_year)}, follow=True).content.decode()
    assert "1 England figures created, 1 updated." in body
    assert NationalFigure.objects.get(indicator=TWENTY, year=2025).value == Decimal("44.0")
    assert NationalFigure.objects.get(indicator=TWENTY, year=2024).source == "Corrected source"


def test_the_example_area_file_is_valid_and_the_page_documents_the_format(admin_client):
    page = admin_client.get(AREA_IMPORT).content.decode()
    for column in ("area_code", "area_name", "indicator", "year", "value", "source"):
        assert f"<code>{column}</code>" in page
    assert "Neighbour council A (demo)" in page  # the example file, shown on the page
    example = (DATA_DIR / "area_figures_example.csv").read_bytes()
    response = admin_client.post(AREA_IMPORT, {"file": upload(example)})
    assert response.status_code == 302
    assert AreaFigure.objects.count() == 2
    assert set(AreaFigure.objects.values_list("source", flat=True)) == {"Demonstration figures, not published data"}


def test_the_change_lists_link_to_the_imports(admin_client):
    for name, target in (("areafigure", AREA_IMPORT), ("nationalfigure", ENGLAND_IMPORT),
                         ("statisticalneighbour", NEIGHBOUR_IMPORT)):
        body = admin_client.get(reverse(f"admin:dashboards_{name}_changelist")).content.decode()
        assert f'href="{target}"' in body


NEIGHBOURS_CSV = "rank,area_code,area_name\n" + "".join(
    f"{rank},{800 + rank},Area {rank}\n" for rank in range(1, 11))


def test_a_councils_neighbour_list_is_imported_and_replaced_whole(world, admin_client):
    response = admin_client.post(NEIGHBOUR_IMPORT, {"council": world.council.pk, "file": upload(NEIGHBOURS_CSV)},
                                 follow=True)
    assert "10 neighbours created, 0 updated." in response.content.decode()
    assert [(n.rank, n.area_code) for n in neighbours_of(world.council.pk)] == [(r, str(800 + r)) for r in range(1, 11)]

    again = admin_client.post(NEIGHBOUR_IMPORT, {"council": world.council.pk, "file": upload(NEIGHBOURS_CSV)},
                              follow=True)
    assert "0 neighbours created, 0 updated: the file matched" in again.content.decode()

    # Areas 1 and 2 swap places, area 10 leaves and area 11 joins: no rank is ever held twice on the way.
    swapped = ("rank,area_code,area_name\n1,802,Area 2\n2,801,Area 1\n"
               + "".join(f"{rank},{800 + rank},Area {rank}\n" for rank in range(3, 10)) + "10,811,Area 11\n")
    response = admin_client.post(NEIGHBOUR_IMPORT, {"council": world.council.pk, "file": upload(swapped)},
                                 follow=True)
    assert "1 neighbours created, 2 updated, 1 removed." in response.content.decode()
    assert [n.area_code for n in neighbours_of(world.council.pk)][:2] == ["802", "801"]
    assert not StatisticalNeighbour.objects.filter(area_code="810").exists()
    assert not StatisticalNeighbour.objects.filter(council=world.other_council).exists()


def test_a_neighbour_list_with_a_repeated_rank_or_rank_11_changes_nothing(world, admin_client):
    admin_client.post(NEIGHBOUR_IMPORT, {"council": world.council.pk, "file": upload(NEIGHBOURS_CSV)})
    bad = "rank,area_code,area_name\n1,901,New one\n1,902,New two\n11,903,New three\n"
    response = admin_client.post(NEIGHBOUR_IMPORT, {"council": world.council.pk, "file": upload(bad)})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Row 3: it repeats row 2 (the same rank)." in body
    assert "Row 4: the rank must be a whole number from 1 to 10, not &quot;11&quot;." in body
    assert StatisticalNeighbour.objects.filter(council=world.council).count() == 10


def test_the_neighbour_import_needs_a_council_and_only_offers_councils(world, admin_client):
    response = admin_client.post(NEIGHBOUR_IMPORT, {"council": world.school_a.pk, "file": upload(NEIGHBOURS_CSV)})
    assert response.status_code == 400
    assert not StatisticalNeighbour.objects.exists()


# --- Who can reach the imports ---------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [AREA_IMPORT, ENGLAND_IMPORT, NEIGHBOUR_IMPORT])
def test_only_admin_site_staff_with_permission_reach_the_imports(world, client, client_for, url):
    anonymous = client_for("anonymous")
    response = anonymous.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))
    assert anonymous.post(url, {"file": upload(AREA_CSV)}).status_code == 302

    # A portal user who is not admin-site staff is sent to the admin login, which refuses them.
    lead = client_for("lead")
    response = lead.get(url, follow=True)
    assert response.status_code == 403
    assert lead.post(url, {"file": upload(AREA_CSV)}).status_code == 302

    # Staff without the permission to add and change these records are refused outright.
    staff = factories.staff_user(world.council, Role.ADMINISTRATOR, email="staff.noperms@example.test",
                                 is_staff=True)
    client.force_login(staff, backend="allauth.account.auth_backends.AuthenticationBackend")
    assert client.get(url).status_code == 403
    assert client.post(url, {"file": upload(AREA_CSV)}).status_code == 403

    assert client_for("admin").get(url).status_code == 200
    assert not AreaFigure.objects.exists()


# --- The averages ----------------------------------------------------------------------------------------------


def _figure(code, year, value, indicator=TWENTY):
    AreaFigure.objects.create(area_code=code, area_name=f"Area {code}", indicator=indicator, year=year,
                              value=Decimal(value), source="Test")


@pytest.fixture
def neighbours(world):
    for rank, code in enumerate(("801", "802", "803"), start=1):
        StatisticalNeighbour.objects.create(council=world.council, area_code=code, area_name=f"Area {code}", rank=rank)
    StatisticalNeighbour.objects.create(council=world.other_council, area_code="899", area_name="Area 899", rank=1)
    # 2023: all three (mean 30.1 / 3 = 10.0333...); 2024: 803 has no figure (50.0 and 50.1 make 50.05, rounded up).
    for code, value in (("801", "10.0"), ("802", "10.0"), ("803", "10.1")):
        _figure(code, 2023, value)
    _figure("801", 2024, "50.0")
    _figure("802", 2024, "50.1")
    _figure("899", 2024, "99.0")  # the other council's neighbour
    _figure("804", 2024, "0.0")  # not anyone's neighbour
    _figure("801", 2024, "7.0", indicator="ehc-requests-by-source")  # another indicator
    return world


@pytest.mark.parametrize(("which", "years", "expected"), [
    ("council", [2023, 2024], {2023: (Decimal("10.0"), 3), 2024: (Decimal("50.1"), 2)}),
    ("council", [2024], {2024: (Decimal("50.1"), 2)}),
    ("council", [2022], {}),
    ("council", [], {}),
    ("council twice", [2024], {2024: (Decimal("50.1"), 2)}),
    ("both councils", [2023, 2024], {}),
    ("no councils", [2023, 2024], {}),
    ("other council", [2023, 2024], {2024: (Decimal("99.0"), 1)}),
    ("council without neighbours", [2023, 2024], {}),
])
def test_neighbour_averages(neighbours, django_assert_max_num_queries, which, years, expected):
    world = neighbours
    lonely = factories.council("Lonely Council")
    council_ids = {"council": [world.council.pk], "council twice": [world.council.pk, world.council.pk],
                   "both councils": [world.council.pk, world.other_council.pk], "no councils": [],
                   "other council": [world.other_council.pk], "council without neighbours": [lonely.pk]}[which]
    with django_assert_max_num_queries(1):
        assert neighbour_averages(council_ids, TWENTY, years) == expected


def test_neighbours_are_listed_closest_first(neighbours):
    assert [n.area_code for n in neighbours_of(neighbours.council.pk)] == ["801", "802", "803"]
    assert neighbours_of(factories.council("Lonely Council").pk) == []


# --- The database's own checks ---------------------------------------------------------------------------------


@pytest.mark.parametrize("rank", [0, 11])
def test_the_database_refuses_a_rank_outside_1_to_10(world, rank):
    with pytest.raises(IntegrityError), transaction.atomic():
        StatisticalNeighbour.objects.create(council=world.council, area_code="801", area_name="Area", rank=rank)


def test_the_database_refuses_a_rank_or_area_twice_for_one_council(world):
    StatisticalNeighbour.objects.create(council=world.council, area_code="801", area_name="Area", rank=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        StatisticalNeighbour.objects.create(council=world.council, area_code="802", area_name="Area", rank=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        StatisticalNeighbour.objects.create(council=world.council, area_code="801", area_name="Area", rank=2)
    StatisticalNeighbour.objects.create(council=world.other_council, area_code="801", area_name="Area", rank=1)


# --- The demo ------------------------------------------------------------------------------------------------


def test_the_demo_councils_neighbours_are_fictional_and_seeding_again_changes_nothing(world):
    from dashboards.demo import seed_neighbours

    seed_neighbours(world.council)
    state = (sorted(StatisticalNeighbour.objects.values_list("pk", "rank", "area_code", "area_name")), area_state())
    seed_neighbours(world.council)
    assert (sorted(StatisticalNeighbour.objects.values_list("pk", "rank", "area_code", "area_name")),
            area_state()) == state

    names = [n.area_name for n in neighbours_of(world.council.pk)]
    assert names == [f"Neighbour council {letter} (demo)" for letter in "ABCDEFGHIJ"]
    assert set(AreaFigure.objects.values_list("source", flat=True)) == {"Demonstration figures, not published data"}
    assert set(AreaFigure.objects.values_list("indicator", flat=True)) == {
        "ehc-20-weeks-excluding-exceptions", "ehc-20-weeks-including-exceptions"}
    averages = neighbour_averages([world.council.pk], TWENTY, [2022, 2023, 2024])
    assert {year: count for year, (_, count) in averages.items()} == {2022: 9, 2023: 10, 2024: 10}
    # (55.0 + 41.5 + 63.2 + 48.9 + 36.4 + 58.7 + 44.1 + 70.3 + 51.6 + 39.8) / 10 = 50.95, less 2.3 in 2024.
    assert averages[2024][0] == Decimal("48.7")


# --- The neighbours' average beside the council's own figure ------------------------------------------------------

@pytest.fixture
def neighbours_2025(world, cases):
    for rank, (code, value) in enumerate([("878", "40.0"), ("879", "45.5"), ("880", "51.0")], start=1):
        StatisticalNeighbour.objects.create(council=world.council, area_code=code, area_name=f"Area {code}",
                                            rank=rank)
        AreaFigure.objects.create(area_code=code, area_name=f"Area {code}", indicator=TWENTY, year=2025,
                                  value=Decimal(value), source="Test figures")


def test_the_indicator_page_and_csv_show_the_neighbours_average(world, neighbours_2025, client_for):
    client = client_for("manager")
    query = {"period_type": "calendar_year", "period": "2025"}
    page = client.get(reverse("dashboards_indicator", args=[TWENTY]), query).content.decode()
    assert "Statistical neighbours (average)" in page
    assert "45.5%" in page and "of 3 councils" in page  # (40.0 + 45.5 + 51.0) / 3
    download = client.get(reverse("dashboards_indicator_csv", args=[TWENTY]), query).content.decode().splitlines()
    assert download[0].endswith("England,Statistical neighbours average,Statistical neighbours with a figure")
    assert download[-1].endswith(",45.5,3")


def test_the_neighbours_average_is_not_shown_beside_filtered_or_several_councils_figures(
        world, neighbours_2025, client_for):
    client = client_for("manager")
    filtered = client.get(reverse("dashboards_indicator", args=[TWENTY]),
                          {"period_type": "calendar_year", "period": "2025", "primary_need": "ASD"})
    assert "Statistical neighbours" not in filtered.content.decode()
    world.icb.partner_councils.add(world.council, world.other_council)
    lead = factories.staff_user(world.icb, Role.PARTNERSHIP_LEAD, email="icb.lead@example.test")
    client.force_login(lead, backend="allauth.account.auth_backends.AuthenticationBackend")
    both = client.get(reverse("dashboards_indicator", args=[TWENTY]), {"period_type": "calendar_year",
                                                                        "period": "2025"})
    assert both.status_code == 200
    assert "Statistical neighbours" not in both.content.decode()


def test_a_header_too_long_to_read_is_refused_not_a_server_error(admin_client):
    response = admin_client.post(AREA_IMPORT, {"file": upload("area_code," + "x" * 200_000 + "\n")})
    assert response.status_code == 400
    assert "Row 1 (the header) could not be read as CSV" in response.content.decode()


def test_counts_are_not_averaged_across_neighbours(world, cases):
    """An average of other areas' counts compares with nothing, as the areas differ in size."""
    from dashboards import catalogue, indicators, periods, selectors
    from send_portal.organisations.models import Organisation

    StatisticalNeighbour.objects.create(council=world.council, area_code="878", area_name="Area", rank=1)
    AreaFigure.objects.create(area_code="878", area_name="Area", indicator="ehc-plans-over-a-year", year=2025,
                              value=Decimal("12.0"), source="Test figures")
    filters = selectors.Filters(period=periods.parse("calendar_year", "2025"))
    result = indicators.result_for(catalogue.BY_SLUG["ehc-plans-over-a-year"],
                                   Organisation.objects.filter(pk=world.council.pk), filters, suppressed=False)
    assert all(row.neighbours is None for row in result.rows)
