"""Administrators' view of decision processes and the register, for repairs."""

from django.contrib import admin

from maillage.decisions.models import Decision, Process


@admin.register(Process)
class ProcessAdmin(admin.ModelAdmin[Process]):
    list_display = ("title", "kind", "state", "mode", "visibility", "created_at")
    list_filter = ("kind", "state", "mode", "visibility")
    search_fields = ("title",)
    raw_id_fields = ("circle", "workstream", "facilitator", "created_by", "escalated_to")


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin[Decision]):
    list_display = ("title", "kind", "decided_at", "visibility", "review_date")
    list_filter = ("kind", "visibility")
    search_fields = ("title", "text")
    raw_id_fields = ("process", "circle", "workstream")
