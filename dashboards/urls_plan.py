from django.urls import path

from . import plan_views

urlpatterns = [
    path("", plan_views.plans, name="dashboards_plans"),
    path("new/", plan_views.plan_new, name="dashboards_plan_new"),
    path("<int:pk>/", plan_views.plan_detail, name="dashboards_plan"),
    path("<int:pk>/priorities/new/", plan_views.priority_new, name="dashboards_plan_priority_new"),
    path("priorities/<int:pk>/actions/new/", plan_views.action_new, name="dashboards_plan_action_new"),
    path("priorities/<int:pk>/kpis/new/", plan_views.kpi_new, name="dashboards_plan_kpi_new"),
    path("actions/<int:pk>/", plan_views.action_detail, name="dashboards_plan_action"),
    path("kpis/<int:pk>/", plan_views.kpi_detail, name="dashboards_plan_kpi"),
    path("exception-reports/<int:pk>/", plan_views.exception_report, name="dashboards_plan_exception_report"),
    path("<int:pk>/board-packs/", plan_views.board_packs, name="dashboards_plan_board_packs"),
    path("board-packs/<int:pk>/pdf/", plan_views.board_pack_pdf, name="dashboards_plan_board_pack_pdf"),
]
