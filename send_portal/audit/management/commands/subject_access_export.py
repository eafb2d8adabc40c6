from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from send_portal.audit import selectors, services
from send_portal.organisations.models import Organisation, OrganisationKind


class Command(BaseCommand):
    help = ("Subject access (UK GDPR Art 15): write everything the portal holds about one child or one person "
            "(records, documents, PDFs, messages and the access log) to a ZIP file. Check it for other people's "
            "information before sending it. Run by an operator, it exports the records of every council unless "
            "--council limits it to one (the administrators' page always limits it to theirs).")

    def add_arguments(self, parser):
        subject = parser.add_mutually_exclusive_group(required=True)
        subject.add_argument("--child", help="The child's portal reference or database id")
        subject.add_argument("--person", help="The person's email address")
        parser.add_argument("--output", required=True, help="Where to write the ZIP file")
        parser.add_argument("--council", help="Only the records held for this council (its name or database "
                                              "id); without it, the records of every council")
        parser.add_argument("--by", help="The email address of the member of staff making the export, for the "
                                         "audit log")

    def handle(self, child=None, person=None, output=None, by=None, council=None, **options):
        councils = None
        if council:
            match = Q(name__iexact=council.strip())
            if council.strip().isdigit():
                match |= Q(pk=int(council))
            councils = Organisation.objects.filter(match, kind=OrganisationKind.LOCAL_AUTHORITY)
            if not councils.exists():
                raise CommandError(f"There is no council with the name or id {council!r} (--council)")
        if child:
            kind, subject = "child", selectors.subject_child(child, councils=councils)
            if subject is None:
                raise CommandError(f"There is no child with the reference or id {child!r}")
        else:
            kind, subject = "person", selectors.subject_person(person, councils=councils)
            if subject is None:
                raise CommandError(f"There is no account with the email address {person!r}")
        exported_by = None
        if by:
            exported_by = get_user_model().objects.filter(email__iexact=by.strip()).first()
            if exported_by is None:
                raise CommandError(f"There is no account with the email address {by!r} (--by)")
        try:
            with open(output, "wb") as out:
                counts = services.subject_access_export(kind=kind, subject=subject, exported_by=exported_by,
                                                        out=out, via="command", councils=councils)
        except OSError as error:
            raise CommandError(f"Could not write {output}: {error.strerror}") from None
        rows = sum(counts.values())
        self.stdout.write(f"Wrote {output}: {rows} record{'s' if rows != 1 else ''} about "
                          f"{services.subject_label(kind, subject)} from {sum(1 for c in counts.values() if c)} "
                          f"kinds of record. Check it for other people's information before sending it.")
