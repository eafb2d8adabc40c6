"""Commissioners configure the lots of the approved provider list here. Everything else about providers changes
through the portal's own pages, so each change is checked and written to the provider's history."""

from django.contrib import admin

from .models import Lot


@admin.register(Lot)
class LotAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "registered_schools_only", "is_open", "position"]
    list_editable = ["is_open", "position"]
    list_filter = ["is_open", "registered_schools_only"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}
