from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import AdminForm
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from send_portal.organisations.models import Organisation, OrganisationKind

from . import national
from .models import AreaFigure, NationalFigure, PopulationEstimate, PublishedIndicator, StatisticalNeighbour

FIGURE_COLUMNS = {
    "area_code": "The Department for Education (DfE) three-digit local authority code, for example 878.",
    "area_name": "The local authority area's name.",
    "indicator": "The indicator's short name, as in its dashboard page address, for example "
                 "ehc-20-weeks-excluding-exceptions.",
    "year": "The calendar year the figure is for, in four digits.",
    "value": "A percentage from 0 to 100 (for example 46.4) or a count (for example 82329), with at most one "
             "decimal place. Leave out the % sign.",
    "source": "Where the figure was published, for example the DfE \"Education, health and care plans\" release.",
    "rank": "1 for the closest neighbour, up to 10, in the order of the DfE children's services statistical "
            "neighbour benchmarking tool.",
}


class ImportForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text="A CSV file saved as UTF-8, smaller than 1 MB.")


class NeighbourImportForm(ImportForm):
    council = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).order_by("name"),
        help_text="The file replaces this council's whole neighbour list.")
    field_order = ["council", "file"]


class CSVImportMixin:
    """An "Import from a CSV file" page beside a model's change list. The file is checked row by row and saved
    whole in one transaction, or not at all (see dashboards.national)."""

    import_kind: national.ImportKind
    import_form = ImportForm
    import_example: str  # a file under dashboards/data/ shown on the page as an example
    import_intro = ""
    change_list_template = "admin/dashboards/change_list_with_import.html"

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_import"
        return [path("import/", self.admin_site.admin_view(self.import_view), name=name), *super().get_urls()]

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "has_import_permission": self.has_import_permission(request)}
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.import_form(request.POST or None, request.FILES or None)
        errors, status = [], 200
        if request.method == "POST":
            if form.is_valid():
                upload = form.cleaned_data["file"]
                try:
                    result = national.import_csv(upload, self.import_kind, council=form.cleaned_data.get("council"))
                except national.FileRefused as refused:
                    errors = refused.errors
                else:
                    self.message_user(request, f"Imported {upload.name}: {result.summary(self.import_kind.noun)}",
                                      messages.SUCCESS)
                    return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"))
            status = 400
        example = (national.DATA_DIR / self.import_example).read_text(encoding="utf-8")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Import {self.import_kind.noun} from a CSV file",
            "intro": self.import_intro,
            "adminform": AdminForm(form, [(None, {"fields": list(form.fields)})], {}),
            "form": form,
            "errors": errors,
            "columns": [(name, FIGURE_COLUMNS[name]) for name in self.import_kind.columns],
            "example": "\n".join(example.splitlines()[:3]),
            "example_name": self.import_example,
        }
        return TemplateResponse(request, "admin/dashboards/csv_import.html", context, status=status)


@admin.register(NationalFigure)
class NationalFigureAdmin(CSVImportMixin, admin.ModelAdmin):
    list_display = ("indicator", "year", "value", "source")
    list_filter = ("indicator",)
    ordering = ("indicator", "-year")
    import_kind = national.ENGLAND
    import_example = "england.csv"
    import_intro = ("Add a new year of England figures, or correct published ones. A row for an indicator and year "
                    "already here replaces its value and source.")


@admin.register(AreaFigure)
class AreaFigureAdmin(CSVImportMixin, admin.ModelAdmin):
    list_display = ("area_name", "area_code", "indicator", "year", "value", "source")
    list_filter = ("indicator", "year")
    search_fields = ("area_name", "area_code")
    ordering = ("indicator", "area_name", "-year")
    import_kind = national.AREA
    import_example = "area_figures_example.csv"
    import_intro = ("Add published figures for local authority areas, such as a council's statistical neighbours. "
                    "A row for an area, indicator and year already here replaces its name, value and source.")


@admin.register(StatisticalNeighbour)
class StatisticalNeighbourAdmin(CSVImportMixin, admin.ModelAdmin):
    list_display = ("council", "rank", "area_name", "area_code")
    list_filter = ("council",)
    ordering = ("council", "rank")
    import_kind = national.NEIGHBOURS
    import_form = NeighbourImportForm
    import_example = "neighbours_example.csv"

    @property
    def import_intro(self):
        return format_html(
            "Set a council's statistical neighbours: up to 10 local authorities, closest first, from the Department "
            "for Education (DfE) children's services statistical neighbour benchmarking tool. The file replaces the "
            "council's whole list, so neighbours not in it are removed. Import the neighbours' figures as "
            "<a href=\"{}\">area figures</a>.", reverse("admin:dashboards_areafigure_import"))

    def has_import_permission(self, request):
        return super().has_import_permission(request) and self.has_delete_permission(request)


@admin.register(PopulationEstimate)
class PopulationEstimateAdmin(admin.ModelAdmin):
    list_display = ("council", "year", "aged_0_to_25", "source")
    list_filter = ("council",)
    ordering = ("council", "-year")


class PublishedIndicatorForm(forms.ModelForm):
    class Meta:
        model = PublishedIndicator
        fields = ["council", "indicator", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .catalogue import INDICATORS

        self.fields["indicator"] = forms.ChoiceField(
            label="Indicator", choices=[(item.slug, item.title) for item in INDICATORS])


@admin.register(PublishedIndicator)
class PublishedIndicatorAdmin(admin.ModelAdmin):
    form = PublishedIndicatorForm
    list_display = ("council", "indicator", "position")
    list_filter = ("council",)
