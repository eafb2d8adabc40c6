"""The Local Offer team's admin pages: the category and other term lists, directory organisations, and which
trusted organisations have their changes published automatically."""

from django.contrib import admin

from .models import AutoApprovalRule, DirectoryOrganisation, Taxonomy, TaxonomyTerm


class TaxonomyTermInline(admin.TabularInline):
    model = TaxonomyTerm
    fields = ["name", "code", "description", "parent", "position"]
    extra = 1


@admin.register(Taxonomy)
class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ["name", "purpose", "version"]
    list_filter = ["purpose"]
    inlines = [TaxonomyTermInline]


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(admin.ModelAdmin):
    list_display = ["name", "taxonomy", "code", "position"]
    list_filter = ["taxonomy"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


class AutoApprovalRuleInline(admin.StackedInline):
    model = AutoApprovalRule
    fields = ["scope", "reason"]
    extra = 0


@admin.register(DirectoryOrganisation)
class DirectoryOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "portal_organisation", "is_approved_provider"]
    search_fields = ["name"]
    list_filter = ["is_approved_provider"]
    fields = ["name", "description", "email", "website", "portal_organisation", "is_approved_provider"]
    inlines = [AutoApprovalRuleInline]

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            if isinstance(instance, AutoApprovalRule) and not instance.created_by_id:
                instance.created_by = request.user
            instance.save()
        for removed in formset.deleted_objects:
            removed.delete()
        formset.save_m2m()


@admin.register(AutoApprovalRule)
class AutoApprovalRuleAdmin(admin.ModelAdmin):
    list_display = ["organisation", "scope", "created_by", "created_at"]
    fields = ["organisation", "scope", "reason"]

    def save_model(self, request, obj, form, change):
        if not obj.created_by_id:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
