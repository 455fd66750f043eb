from django.contrib import admin

from cses.people.models import Employer


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ["name", "fein", "city", "state", "payroll_contact_name"]
    search_fields = ["name", "fein"]
