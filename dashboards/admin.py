from django.contrib import admin

from .models import NationalFigure


@admin.register(NationalFigure)
class NationalFigureAdmin(admin.ModelAdmin):
    list_display = ("indicator", "year", "value", "source")
    list_filter = ("indicator",)
    ordering = ("indicator", "-year")
