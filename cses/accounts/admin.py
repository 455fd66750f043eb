from django.contrib import admin

from cses.accounts.models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "office", "all_offices"]
    list_filter = ["role", "office"]
    raw_id_fields = ["person", "employer"]
