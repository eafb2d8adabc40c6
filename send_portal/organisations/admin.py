from django.contrib import admin

from .models import District, Membership, Organisation


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "district", "urn", "ukprn", "is_active"]
    list_filter = ["kind", "district", "is_active"]
    search_fields = ["name", "urn", "ukprn"]
    filter_horizontal = ["partner_councils"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "ended_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "organisation__name"]
    readonly_fields = ["started_at", "created_by"]

    # Memberships change group access, so they are made and ended only through services (invitations and
    # the organisation pages), never edited here.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
