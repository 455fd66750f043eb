from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "cses.workflow"
    label = "workflow"
    verbose_name = "Timeframes and alerts"
