from django.contrib import admin

from cses.core.models import AuditEvent, Office, Parameter, Town


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind"]
    list_filter = ["kind"]


@admin.register(Town)
class TownAdmin(admin.ModelAdmin):
    list_display = ["name", "zip_code", "office"]
    list_filter = ["office"]
    search_fields = ["name"]


@admin.register(Parameter)
class ParameterAdmin(admin.ModelAdmin):
    """A parameter changes by adding a row with a later effective date; rows are never edited."""

    list_display = ["name", "value", "effective_from", "basis", "created_by"]
    list_filter = ["name"]
    readonly_fields = ["created_at", "created_by"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "username", "action", "object_type", "object_id", "case_id", "channel"]
    list_filter = ["action", "channel"]
    search_fields = ["username", "object_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
