"""Administration of guideline schedules: an edition is loaded from its CSV, validated, and never
edited afterwards (a correction is a new edition)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from cses.orders.models import GuidelineSchedule, ScheduleRow
from cses.orders.schedules import load_schedule_text
from cses.rules.guideline_schedule import ScheduleError


class ScheduleUploadForm(forms.Form):
    name = forms.CharField(max_length=120)
    effective_from = forms.DateField(help_text="YYYY-MM-DD", initial=dt.date.today)
    illustrative = forms.BooleanField(
        required=False,
        help_text="Tick only for a table that is not Connecticut's official schedule",
    )
    csv_file = forms.FileField(
        label="Schedule CSV",
        help_text="Header combined_net_weekly_income,1,2,3,4,5,6; one row per income level",
    )


class ScheduleRowInline(admin.TabularInline):
    model = ScheduleRow
    extra = 0
    can_delete = False
    fields = [
        "income",
        "children_1",
        "children_2",
        "children_3",
        "children_4",
        "children_5",
        "children_6",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(GuidelineSchedule)
class GuidelineScheduleAdmin(admin.ModelAdmin):
    list_display = ["name", "effective_from", "illustrative", "source_filename", "loaded_at"]
    readonly_fields = [
        "name",
        "effective_from",
        "illustrative",
        "step",
        "content_sha256",
        "source_filename",
        "loaded_at",
        "loaded_by",
    ]
    inlines = [ScheduleRowInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="orders_guidelineschedule_upload",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:orders_guidelineschedule_upload")

    def upload_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = ScheduleUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["csv_file"]
            try:
                text = upload.read().decode("utf-8-sig")
                record, created = load_schedule_text(
                    text,
                    name=form.cleaned_data["name"],
                    effective=form.cleaned_data["effective_from"],
                    illustrative=form.cleaned_data["illustrative"],
                    source_filename=upload.name,
                    by=request.user,
                )
            except UnicodeDecodeError:
                form.add_error("csv_file", "The file is not UTF-8 text.")
            except ScheduleError as error:
                for problem in str(error).splitlines():
                    form.add_error("csv_file", problem)
            else:
                if created:
                    messages.success(request, f"Loaded {record} with {record.rows.count()} rows.")
                else:
                    messages.info(request, f"This schedule was already loaded as {record}.")
                return redirect("admin:orders_guidelineschedule_change", record.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": "Load a guideline schedule",
        }
        return TemplateResponse(request, "admin/orders/schedule_upload.html", context)
