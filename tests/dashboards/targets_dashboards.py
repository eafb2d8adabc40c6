"""Policy-matrix targets for the partnership dashboards: URL name -> (kwargs, method, who may reach it)."""

import datetime as dt


def targets(world):
    indicator = {"slug": "ehc-20-weeks-excluding-exceptions"}
    return {
        "dashboards_home": ({}, "get", None),
        "dashboards_theme": ({"theme": "timeliness"}, "get", None),
        **public_targets(world),
        "dashboards_indicator": (indicator, "get", None),
        "dashboards_indicator_csv": (indicator, "get", None),
        # The cases behind a figure: council officers only (the world has no cases, so each gets an empty list);
        # partnership leads and administrators read the figures but may not list children's cases.
        "dashboards_indicator_cases": (indicator, "get", CASE_LISTERS),
        # Each council officer gets their own council's return: the world has no cases, so it is ready to download.
        "dashboards_sen2": ({}, "get", None),
        "dashboards_sen2_download": ({"year": dt.date.today().year}, "get", None),
        **improvement_plan_targets(world),
    }


CASE_LISTERS = {"caseworker", "other_caseworker", "manager"}


# --- The improvement plan ---------------------------------------------------------------------------------------

PLAN_READERS = {"caseworker", "manager", "lead", "admin"}  # everyone reading the council's dashboards
PLAN_EDITORS = {"manager", "lead"}  # partnership leads and managers shape the plan


def improvement_plan(world):
    """A plan for the world's council with one priority, an action, a key performance indicator (KPI) recorded by
    hand that has turned red (so its owner is asked for an exception report) and a produced board pack, whose file
    is a stand-in: producing the real PDF is tested in test_improvement_plan.py."""
    from decimal import Decimal

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from dashboards import selectors_plan, services
    from dashboards.models import BoardPack

    today = timezone.localdate()
    plan = services.plan_create(council=world.council, user=world.lead, kind="wsoa",
                                title="Written Statement of Action", starts_on=today - dt.timedelta(days=200),
                                ends_on=today + dt.timedelta(days=500))
    priority = services.priority_add(plan=plan, user=world.lead, title="Assess needs on time", owner=world.manager)
    action = services.action_add(priority=priority, user=world.lead, title="Recruit two psychologists",
                                 owner=world.caseworker, target="Both in post", due_on=today + dt.timedelta(days=60))
    kpi = services.kpi_add(priority=priority, user=world.lead, title="Children waiting for advice",
                           owner=world.caseworker, baseline=Decimal(100), target=Decimal(50),
                           target_date=today + dt.timedelta(days=300), higher_is_better=False)
    services.kpi_record_reading(kpi=kpi, value=Decimal(120), measured_on=today, user=world.caseworker)
    pack = BoardPack.objects.create(plan=plan, quarter=selectors_plan.quarter_for(today).key, requested_by=world.lead,
                                    requested_at=timezone.now())
    pack.pdf.save("board-pack.pdf", ContentFile(b"%PDF-1.7 stand-in"), save=False)
    pack.rendered_at = timezone.now()
    pack.save()
    return {"plan": plan, "priority": priority, "action": action, "kpi": kpi,
            "report": kpi.exception_reports.get(), "pack": pack}


def improvement_plan_targets(world):
    made = improvement_plan(world)
    plan, priority = {"pk": made["plan"].pk}, {"pk": made["priority"].pk}
    return {
        "dashboards_plans": ({}, "get", None),
        "dashboards_plan_new": ({}, "get", PLAN_EDITORS),
        "dashboards_plan": (plan, "get", PLAN_READERS),
        "dashboards_plan_priority_new": (plan, "get", PLAN_EDITORS),
        "dashboards_plan_action_new": (priority, "get", PLAN_EDITORS),
        "dashboards_plan_kpi_new": (priority, "get", PLAN_EDITORS),
        "dashboards_plan_action": ({"pk": made["action"].pk}, "get", PLAN_READERS),
        "dashboards_plan_kpi": ({"pk": made["kpi"].pk}, "get", PLAN_READERS),
        "dashboards_plan_exception_report": ({"pk": made["report"].pk}, "get", PLAN_READERS),
        "dashboards_plan_board_packs": (plan, "get", PLAN_READERS),
        "dashboards_plan_board_pack_pdf": ({"pk": made["pack"].pk}, "get", PLAN_READERS),
    }


def public_targets(world):
    """The public "How we are doing" page, with one indicator published by the world's council."""
    from dashboards.models import PublishedIndicator

    PublishedIndicator.objects.create(council=world.council, indicator="ehc-20-weeks-excluding-exceptions")
    return {
        "dashboards_public": ({}, "get", None),
        "dashboards_public_council": ({"council_id": world.council.pk}, "get", None),
    }
