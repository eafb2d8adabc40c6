"""Two families and a young person with records at different ages and stages."""

import datetime as dt

from django.utils import timezone

from .models import Child, Decision, Relationship, Sex
from .services import capacity_decision_record, child_register, family_link_create


def _years_ago(years, month, day):
    today = timezone.localdate()
    return dt.date(today.year - years, month, day)


def _child(world, given, family, born, sex, setting_name=None, **extra):
    existing = Child.objects.filter(given_name=given, family_name=family, date_of_birth=born).first()
    if existing:
        return existing
    setting = world["schools"][setting_name] if setting_name else None
    return child_register(created_by=world["caseworker"], home_local_authority=world["council"],
                          current_setting=setting, given_name=given, family_name=family, date_of_birth=born,
                          sex=sex, **extra)


def seed(world, stdout):
    amara = _child(world, "Amara", "Okafor", _years_ago(7, 3, 14), Sex.FEMALE, "Ashford Vale Primary School",
                   postcode="EX1 4AB")
    leo = _child(world, "Leo", "Okafor", _years_ago(13, 11, 2), Sex.MALE, "Ashford Vale Academy",
                 postcode="EX1 4AB")
    jamie = _child(world, "Jamie", "Clarke", _years_ago(10, 6, 30), Sex.MALE, "Brackenmoor Primary School",
                   postcode="EX2 7CD")
    ruby = _child(world, "Ruby", "Clarke", _years_ago(4, 1, 9), Sex.FEMALE, "Brackenmoor Nursery School",
                  postcode="EX2 7CD")
    sam = _child(world, "Sam", "Patel", _years_ago(17, 5, 21), Sex.MALE, "Castlebridge College",
                 postcode="EX3 2EF")
    riley = _child(world, "Riley", "Evans", _years_ago(19, 8, 3), Sex.FEMALE, "Fenwold Brook Special School",
                   postcode="EX6 1GH")
    _child(world, "Ellis", "Morgan", _years_ago(3, 10, 12), Sex.UNKNOWN, postcode="EX4 9JK")
    noah = _child(world, "Noah", "Williams", _years_ago(8, 2, 28),
           Sex.MALE, "Ashford Vale Primary School", postcode="EX1 2LM")

    for child in (amara, leo):
        family_link_create(child=child, user=world["parent"], relationship=Relationship.MOTHER,
                           has_parental_responsibility=True, created_by=world["caseworker"])
    for child in (jamie, ruby):
        family_link_create(child=child, user=world["parent2"], relationship=Relationship.FATHER,
                           has_parental_responsibility=True, created_by=world["caseworker"])
    family_link_create(child=sam, user=world["youngperson"], relationship=Relationship.SELF,
                       has_parental_responsibility=False, created_by=world["caseworker"])
    family_link_create(child=riley, user=world["parent2"], relationship=Relationship.CARER,
                       has_parental_responsibility=True, created_by=world["caseworker"])
    if not riley.capacity_decisions.exists():
        capacity_decision_record(child=riley, decision=Decision.ALL, assessed_on=_years_ago(1, 9, 15),
                                 basis="Assessed by the community learning disability team's psychologist under "
                                       "the Mental Capacity Act 2005.", recorded_by=world["caseworker"])
    world["children"] = {"amara": amara, "leo": leo, "jamie": jamie, "ruby": ruby, "sam": sam, "riley": riley,
                         "noah": noah}
    stdout.write(f"Children and young people: {Child.objects.count()} on the register.")
