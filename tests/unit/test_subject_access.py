"""Subject access export (security notes §1.3, catalogue C-36).

Every model linked to a child or an account is in the subject access registry or excluded with a reason; an
export of family A holds every one of A's canaries (records, documents, the access log) and none of B's; the
command and the administrators' page work, and the page asks for the password again before it downloads.
"""

import datetime as dt
import hashlib
import io
import zipfile

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from ehc import services as ehc
from ehc.models import Document
from send_portal.audit import services
from send_portal.audit.subject_access import EXCLUDED, HOLDINGS
from send_portal.notifications.models import Notification
from send_portal.people.models import Child
from send_portal.people.services import capacity_decision_record, child_register, family_link_end
from tests import factories
from tests.conftest import ADDRESS_CANARY, CANARY_A, CANARY_B, ROLE_NAMES
from tests.factories import PASSWORD
from tests.targets import review_case

# --- Registry completeness ---------------------------------------------------------------------------------


def _forward_relations(model):
    return [field for field in model._meta.get_fields()
            if field.is_relation and field.related_model is not None and not (field.auto_created
                                                                             and not field.concrete)]


def _links(model, targets):
    """(direct, one hop): whether the model has a foreign key, one-to-one or many-to-many to one of `targets`,
    directly or through one related model (for example a document through its case)."""
    relations = _forward_relations(model)
    direct = any(field.related_model in targets for field in relations)
    hop = any(inner.related_model in targets for field in relations if field.related_model is not model
              for inner in _forward_relations(field.related_model))
    return direct, hop


def unregistered_models(holdings=HOLDINGS, excluded=EXCLUDED) -> list[str]:
    """Models linked to a child or an account that the registry does not cover, each with what is missing."""
    registered = {holding.label: holding for holding in holdings}
    child_targets, user_targets = {Child}, {get_user_model()}
    missing = []
    for model in apps.get_models():
        label = model._meta.label
        if label in excluded:
            continue
        child_direct, child_hop = _links(model, child_targets)
        user_direct, user_hop = _links(model, user_targets)
        if not (child_direct or child_hop or user_direct or user_hop):
            continue
        holding = registered.get(label)
        if holding is None:
            missing.append(f"{label}: not in HOLDINGS or EXCLUDED")
        elif (child_direct or child_hop) and not holding.child:
            missing.append(f"{label}: linked to a child but has no child lookup")
        elif user_direct and not holding.person:
            missing.append(f"{label}: names an account but has no person lookup")
    return missing


def test_every_model_about_a_child_or_a_person_is_exported_or_excluded_with_a_reason():
    assert unregistered_models() == []


def test_the_completeness_check_names_a_model_left_out():
    without_documents = tuple(holding for holding in HOLDINGS if holding.label != "ehc.Document")
    assert unregistered_models(without_documents) == ["ehc.Document: not in HOLDINGS or EXCLUDED"]


def test_the_registry_names_real_models_and_gives_real_reasons():
    labels = [holding.label for holding in HOLDINGS]
    assert len(labels) == len(set(labels))
    assert not set(labels) & set(EXCLUDED)
    for label in labels:
        apps.get_model(label)  # raises LookupError for a model that does not exist
    assert all(len(reason) > 40 for reason in EXCLUDED.values())


# --- The export ---------------------------------------------------------------------------------------------

def _pdf(title: str) -> bytes:
    """A small PDF whose document title is `title`, so the file's own content carries a canary."""
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\n"
            b"4 0 obj<</Title(" + title.encode() + b")>>endobj\n"
            b"trailer<</Root 1 0 R/Info 4 0 R>>\n%%EOF\n")


def _family_records(world, client_for, letter: str):
    """A request, an evidence document, a capacity decision and a caseworker's view of the child's record for
    family `letter` ("a" or "b"), each carrying one of the family's canaries. Returns the canaries."""
    child, parent = world[f"child_{letter}"], world[f"parent_{letter}"]
    tag = f"Canary{letter.upper()}"
    canaries = {"name": CANARY_A if letter == "a" else CANARY_B, "reason": f"{tag}reasonfree",
                "document_name": f"{tag}docname", "document_body": f"{tag}docbody", "basis": f"{tag}capacitybasis"}
    case = ehc.case_start(requested_by=parent, child=child, requester_kind="parent",
                          reason=f"Struggling to read. {canaries['reason']}")
    ehc.document_add(case=case, uploaded=SimpleUploadedFile(f"{canaries['document_name']}.pdf",
                                                            _pdf(canaries["document_body"])),
                     uploaded_by=parent, kind="evidence")
    capacity_decision_record(child=child, decision="all", assessed_on=dt.date(2024, 1, 1),
                             basis=f"Assessed by the school. {canaries['basis']}", recorded_by=world.caseworker)
    assert client_for("caseworker").get(reverse("child_detail", args=[child.pk])).status_code == 200
    return canaries


@pytest.fixture
def families(world, client_for):
    """Family A with a living plan (its PDF, an open review, a ceasing proposal and its letter PDF) and the
    records above; family B with the records above. Returns each family's canaries."""
    case, _review = review_case(world)
    ceasing = ehc.ceasing_propose(case=case, proposed_by=world.caseworker, reason="needs_met",
                                  explanation="Needs are met by the school's own resources.")
    ehc.letter_render_pdf(letter=ceasing.case.letters.get(kind="ceasing_proposed"))
    a = _family_records(world, client_for, "a")
    b = _family_records(world, client_for, "b")
    b["parent_email"] = world.parent_b.email
    return a, b


def _export(world, *, kind, subject):
    out = io.BytesIO()
    services.subject_access_export(kind=kind, subject=subject, exported_by=world.admin, out=out)
    return zipfile.ZipFile(io.BytesIO(out.getvalue()))


def _text(archive, name=None) -> str:
    names = [name] if name else archive.namelist()
    return "\n".join(archive.read(member).decode("utf-8", errors="replace") for member in names)


def test_export_of_a_child_holds_all_of_their_canaries_and_none_of_another_family(world, families):
    a, b = families
    archive = _export(world, kind="child", subject=world.child_a)
    everything = _text(archive)
    present = [name for name, canary in a.items() if canary in everything]
    print(f"A canaries present {len(present)}/{len(a)}")
    assert present == list(a)
    leaked = [name for name, canary in b.items() if canary in everything]
    print(f"B canaries leaked {len(leaked)}")
    assert leaked == []
    # Where each is: the record CSVs, the uploaded file itself and the access log.
    assert a["reason"] in _text(archive, "records/ehc.EHCCase.csv")
    assert a["basis"] in _text(archive, "records/people.CapacityDecision.csv")
    stored = Document.objects.get(original_name=f"{a['document_name']}.pdf")
    exported = archive.read(f"files/ehc.Document/{stored.pk}/{a['document_name']}.pdf")
    assert hashlib.sha256(exported).hexdigest() == stored.sha256
    assert a["document_body"].encode() in exported
    access_log = _text(archive, "access_log.csv")
    assert a["name"] in access_log  # the record's creation, with what was entered
    assert "Opened" in access_log and world.caseworker.email in access_log  # the caseworker's view
    # The generated PDFs: the final plan and the ceasing letter.
    assert any(name.startswith("files/ehc.PlanVersion/") and name.endswith(".pdf") for name in archive.namelist())
    assert any(name.startswith("files/ehc.Letter/") and name.endswith(".pdf") for name in archive.namelist())
    # Messages sent to the family, and the explanation.
    assert world.parent_a.email in _text(archive, "records/notifications.Notification.csv")
    readme = _text(archive, "README.txt")
    assert "access_log.csv" in readme and "account.EmailConfirmation" in readme


def test_export_of_a_parent_holds_what_names_them_and_nothing_of_another_family(world, client_for, families):
    a, b = families
    parent_a = client_for("parent_a")
    assert parent_a.get(reverse("child_detail", args=[world.child_a.pk])).status_code == 200
    # Asking for another family's child is refused; the export may say so, but names nothing of that child.
    assert parent_a.get(reverse("child_detail", args=[world.child_b.pk])).status_code == 404
    b["child_b_reference"] = world.child_b.reference
    archive = _export(world, kind="person", subject=world.parent_a)
    everything = _text(archive)
    for name in ("reason", "document_name", "document_body"):
        assert a[name] in everything, name
    assert [name for name, canary in b.items() if canary in everything] == []
    assert world.parent_a.email in _text(archive, "records/accounts.User.csv")
    assert "correct-horse" not in everything and "pbkdf2" not in everything  # no password hash
    assert world.parent_a.email in _text(archive, "records/notifications.Notification.csv")
    # What they opened themselves (their child's record): which record and when, not its content.
    opened = [line for line in _text(archive, "access_log.csv").splitlines() if "Opened or changed by them" in line]
    assert len(opened) == 1 and world.child_a.reference in opened[0] and CANARY_A not in opened[0]


def test_a_caseworkers_own_export_lists_the_records_they_handled_without_their_content(world, families):
    """Staff are named in every record they create or handle. Their own export says which records and their
    part in them, never the children's names, dates of birth, postcodes, free text or documents."""
    a, b = families
    registered = child_register(created_by=world.caseworker, home_local_authority=world.council,
                                given_name="Canarycwreg", family_name="Registered", date_of_birth=dt.date(2013, 7, 19))
    case_b = world.child_b.ehc_cases.get()
    ehc.document_add(case=case_b, uploaded=SimpleUploadedFile("Canarycwdocname.pdf", _pdf("Canarycwdocbody")),
                     uploaded_by=world.caseworker, kind="evidence")
    archive = _export(world, kind="person", subject=world.caseworker)
    everything = _text(archive)
    canaries = {**{f"a {name}": canary for name, canary in a.items()},
                **{f"b {name}": canary for name, canary in b.items()},
                "postcode": ADDRESS_CANARY, "registered": "Canarycwreg", "registered born": "2013-07-19",
                "document name": "Canarycwdocname", "document body": "Canarycwdocbody",
                "meeting details": "10am in the school library"}
    leaked = [name for name, canary in canaries.items() if canary in everything]
    print(f"other people's canaries in the caseworker's export: {len(leaked)}/{len(canaries)}")
    assert leaked == []
    assert not any(name.startswith("files/ehc.Document/") for name in archive.namelist())
    # What is there: their own account in full, and each record they handled by reference and their part.
    assert world.caseworker.email in _text(archive, "records/accounts.User.csv")
    handled = _text(archive, services.HANDLED).splitlines()
    assert f"people.Child,{registered.pk},{registered.reference},created by: this person" in "\n".join(handled)
    uploaded = [line for line in handled if line.startswith("ehc.Document,")]
    assert len(uploaded) == 1 and "uploaded by: this person" in uploaded[0]
    assert any(line.startswith("people.CapacityDecision,") and "recorded by: this person" in line
               for line in handled)
    assert "records/people.Child.csv" not in archive.namelist()


def test_export_cells_cannot_run_as_spreadsheet_formulas(world):
    world.parent_a.full_name = "=HYPERLINK(\"http://evil.example\")"
    world.parent_a.save()
    archive = _export(world, kind="person", subject=world.parent_a)
    assert "'=HYPERLINK" in _text(archive, "records/accounts.User.csv")


def test_a_childs_export_leaves_out_messages_to_an_adult_whose_link_has_ended(world):
    former = factories.family_user(email="former.carer@example.test")
    link = factories.link(world.child_a, former, relationship="carer", responsibility=False)
    for address, body in (("former.carer@example.test", "Canaryformerbody"), (world.parent_a.email,
                                                                             "Canarycurrentbody")):
        Notification.objects.create(idempotency_key=f"sar-{body}", template="case_update", recipient_email=address,
                                    subject="There is an update", body=body, status=Notification.Status.SENT)
    family_link_end(link=link)
    child_export = _text(_export(world, kind="child", subject=world.child_a))
    assert "Canarycurrentbody" in child_export
    assert "Canaryformerbody" not in child_export and "former.carer@example.test" not in child_export
    # The message is still the former carer's, in their own export.
    assert "Canaryformerbody" in _text(_export(world, kind="person", subject=former),
                                       "records/notifications.Notification.csv")


def test_a_held_back_document_is_listed_but_its_file_is_not_in_the_export(world):
    case = ehc.case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent",
                          reason="Struggling to read.")
    document = ehc.document_add(case=case, uploaded=SimpleUploadedFile("Canaryheldname.pdf", _pdf("Canaryheldbody")),
                                uploaded_by=world.parent_a, kind="evidence")
    Document.objects.filter(pk=document.pk).update(scan_status="scan_error")  # the scanner could not check it
    for kind, subject in (("child", world.child_a), ("person", world.parent_a)):
        archive = _export(world, kind=kind, subject=subject)
        assert not any(b"Canaryheldbody" in archive.read(name) for name in archive.namelist()), kind
        assert not any(name.startswith("files/ehc.Document/") for name in archive.namelist()), kind
        readme = _text(archive, "README.txt")
        held = readme.split("Files held back pending a virus check", 1)[1]
        assert f"files/ehc.Document/{document.pk}/Canaryheldname.pdf" in held, kind
        assert str(document.pk) in _text(archive, "records/ehc.Document.csv")  # the record itself is listed


@pytest.fixture
def other_council_records(world):
    """Parent A is also a parent of a child in another council, with a request and a document there."""
    factories.link(world.child_other, world.parent_a, relationship="mother")
    case = ehc.case_start(requested_by=world.parent_a, child=world.child_other, requester_kind="parent",
                          reason="Canaryotherreason")
    ehc.document_add(case=case, uploaded=SimpleUploadedFile("Canaryothername.pdf", _pdf("Canaryotherbody")),
                     uploaded_by=world.parent_a, kind="evidence")
    return ("Canaryotherreason", "Canaryothername", "Canaryotherbody")


def test_command_exports_every_council_unless_told_one(world, tmp_path, other_council_records):
    call_command("subject_access_export", "--person", world.parent_a.email, "--output", str(tmp_path / "all.zip"),
                 stdout=io.StringIO())
    everything = _text(zipfile.ZipFile(tmp_path / "all.zip"))
    assert all(canary in everything for canary in other_council_records)
    call_command("subject_access_export", "--person", world.parent_a.email, "--council", world.council.name,
                 "--output", str(tmp_path / "one.zip"), stdout=io.StringIO())
    one = _text(zipfile.ZipFile(tmp_path / "one.zip"))
    assert not any(canary in one for canary in other_council_records)
    assert world.parent_a.email in one
    with pytest.raises(CommandError, match="no council"):
        call_command("subject_access_export", "--person", world.parent_a.email, "--council", "Nowhere Council",
                     "--output", str(tmp_path / "x.zip"))


# --- The command --------------------------------------------------------------------------------------------

def test_command_writes_the_zip_and_records_who_exported_whom(world, tmp_path):
    output = tmp_path / "child.zip"
    stdout = io.StringIO()
    call_command("subject_access_export", "--child", world.child_a.reference, "--output", str(output),
                 "--by", world.admin.email, stdout=stdout)
    assert CANARY_A in _text(zipfile.ZipFile(output), "records/people.Child.csv")
    assert "Check it for other people's information" in stdout.getvalue()
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(world.child_a.pk)).latest("pk")
    assert entry.actor == world.admin
    assert entry.additional_data == {"purpose": "subject access export (command)"}
    assert entry.object_repr == world.child_a.reference and CANARY_A not in entry.object_repr


def test_command_finds_a_child_by_id_and_a_person_by_email(world, tmp_path):
    call_command("subject_access_export", "--child", str(world.child_a.pk), "--output", str(tmp_path / "c.zip"),
                 stdout=io.StringIO())
    call_command("subject_access_export", "--person", "PARENT.A@example.test", "--output", str(tmp_path / "p.zip"),
                 stdout=io.StringIO())
    assert world.parent_a.email in _text(zipfile.ZipFile(tmp_path / "p.zip"), "records/accounts.User.csv")
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(world.parent_a.pk)).latest("pk")
    assert entry.object_repr == f"account {world.parent_a.pk}"  # not the person's name
    assert entry.actor is None


@pytest.mark.parametrize("arguments, message", [
    (["--child", "NOPE123"], "no child"),
    (["--person", "nobody@example.test"], "no account"),
    (["--child", "{child_a}", "--by", "nobody@example.test"], "no account .* \\(--by\\)"),
])
def test_command_refuses_an_unknown_subject_or_exporter(world, tmp_path, arguments, message):
    arguments = [argument.format(child_a=world.child_a.reference) for argument in arguments]
    with pytest.raises(CommandError, match=message):
        call_command("subject_access_export", *arguments, "--output", str(tmp_path / "x.zip"))
    assert not (tmp_path / "x.zip").exists()
    assert not LogEntry.objects.filter(additional_data__purpose="subject access export (command)").exists()


def test_command_needs_exactly_one_subject(world, tmp_path):
    with pytest.raises(CommandError):
        call_command("subject_access_export", "--child", world.child_a.reference, "--person", "parent.a@example.test",
                     "--output", str(tmp_path / "x.zip"))


# --- The page -----------------------------------------------------------------------------------------------

URL = "/data-protection/subject-access/"


def test_page_url():
    assert reverse("subject_access_export") == URL


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_only_administrators_reach_the_page(world, client_for, role):
    client = client_for(role)
    expected = {"anonymous": 302, "admin": 200}.get(role, 403)
    assert client.get(URL).status_code == expected
    posted = client.post(URL, {"kind": "child", "identifier": world.child_a.reference})
    assert posted.status_code == (302 if role in ("anonymous", "admin") else 403)
    assert CANARY_A.encode() not in posted.content
    if role == "admin":  # signed in long ago (force_login): asked for the password first
        assert "reauthenticate" in posted["Location"]


def _reauthenticate(client, next_url):
    """Type the password on allauth's reauthentication page, which resumes the request it interrupted."""
    return client.post(f"{reverse('account_reauthenticate')}?next={next_url}", {"password": PASSWORD})


def test_download_after_typing_the_password_again(world, client_for, families):
    a, b = families
    client = client_for("admin")
    refused = client.post(URL, {"kind": "child", "identifier": world.child_a.reference})
    assert refused.status_code == 302 and "reauthenticate" in refused["Location"]
    assert not LogEntry.objects.filter(additional_data__purpose="subject access export (page)").exists()
    response = _reauthenticate(client, URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "no-store"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    everything = _text(archive)
    assert all(canary in everything for canary in a.values())
    assert not any(canary in everything for canary in b.values())
    entry = LogEntry.objects.get(additional_data__purpose="subject access export (page)")
    assert entry.actor == world.admin and entry.object_repr == world.child_a.reference
    # Within the next few minutes a second export needs no password.
    again = client.post(URL, {"kind": "person", "identifier": world.parent_a.email})
    assert again.status_code == 200 and again["Content-Type"] == "application/zip"


@pytest.mark.parametrize("form, status, message", [
    ({}, 400, "Select whose records you need"),
    ({"kind": "child"}, 400, "Enter the child&#x27;s reference or the person&#x27;s email address"),
    ({"kind": "child", "identifier": "NOSUCHREF"}, 404, "There is no child or young person with that reference"),
    ({"kind": "person", "identifier": "nobody@example.test"}, 404, "There is no person with that email address"),
])
def test_a_wrong_subject_gets_a_clear_error(world, client_for, form, status, message):
    client = client_for("admin")
    client.post(URL, form)
    response = _reauthenticate(client, URL)
    assert response.status_code == status
    body = response.content.decode()
    assert "govuk-error-summary" in body and message in body


def test_children_and_people_of_another_council_are_not_found(world, client_for):
    client = client_for("admin")
    client.post(URL, {"kind": "child", "identifier": world.child_other.reference})
    assert _reauthenticate(client, URL).status_code == 404
    outsider = get_user_model().objects.create_user("outsider@example.test", family_role="parent_carer")
    response = client.post(URL, {"kind": "person", "identifier": outsider.email})
    assert response.status_code == 404
    assert not LogEntry.objects.filter(additional_data__purpose="subject access export (page)").exists()


def test_the_page_exports_only_rows_held_for_the_administrators_council(world, client_for, other_council_records):
    client = client_for("admin")
    client.post(URL, {"kind": "person", "identifier": world.parent_a.email})
    response = _reauthenticate(client, URL)
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    everything = _text(archive)
    leaked = [canary for canary in other_council_records if canary in everything]
    print(f"other council's canaries on the page: {len(leaked)}/{len(other_council_records)}")
    assert leaked == []
    assert world.child_other.reference not in _text(archive, "records/people.FamilyLink.csv")
    assert world.child_a.reference in _text(archive, "records/people.FamilyLink.csv")
    assert world.council.name in _text(archive, "README.txt")


def test_administrators_find_the_page_from_their_home_page(world, client_for):
    assert URL in client_for("admin").get(reverse("home")).content.decode()
    assert URL not in client_for("manager").get(reverse("home")).content.decode()
