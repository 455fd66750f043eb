"""The roles of the program and what each may do, declared once.

Pages and API endpoints ask for a capability, never for a role, so this table is the whole access
policy; the permission-matrix tests read it too.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OCSS_WORKER = "ocss_worker", _("OCSS worker")
    OCSS_SUPERVISOR = "ocss_supervisor", _("OCSS supervisor")
    SES_OFFICER = "ses_officer", _("SES officer")
    AAG = "aag", _("Assistant Attorney General")
    MAGISTRATE = "magistrate", _("Family Support Magistrate")
    PAYMENT_PROCESSING = "payment_processing", _("Payment processing")
    AUDITOR = "auditor", _("Auditor (read-only)")
    ADMINISTRATOR = "administrator", _("Administrator")
    PARENT = "parent", _("Parent (portal)")
    EMPLOYER = "employer", _("Employer (portal)")


class Cap:
    """Capabilities, named module.action."""

    CASES_VIEW = "cases.view"
    CASES_NOTE = "cases.note"  # write diary notes
    CASES_TRANSITION = "cases.transition"  # move a case through its lifecycle
    CASES_CLOSE = "cases.close"  # close and reopen
    CASES_FAMILY_VIOLENCE = "cases.family_violence"  # set or clear the indicator
    INTAKE_CREATE = "intake.create"
    INTAKE_REVIEW = "intake.review"
    INTAKE_IMPORT = "intake.import"
    PEOPLE_VIEW_SSN = "people.view_ssn"  # see the full SSN (audited)
    PEOPLE_EDIT = "people.edit"
    AUDIT_VIEW = "audit.view"
    PATERNITY_RECORD = "paternity.record"  # acknowledgments and genetic tests
    PATERNITY_ADJUDICATE = "paternity.adjudicate"  # a magistrate's finding of paternity
    ORDERS_WORKSHEET = "orders.worksheet"  # compute and save guideline worksheets
    ORDERS_ENTER = "orders.enter"  # enter an order or a modification made by the court
    ORDERS_REVIEW = "orders.review"  # open, work and decide reviews of orders
    PAYMENTS_VIEW = "payments.view"  # see receipts, the suspense queue and payment files
    PAYMENTS_PROCESS = "payments.process"  # load payment files, enter, identify, refund, hold
    ADMIN_CONFIGURE = "admin.configure"
    ALL_OFFICES = "offices.all"
    PORTAL_PARENT = "portal.parent"
    PORTAL_EMPLOYER = "portal.employer"


_CASEWORK = {
    Cap.CASES_VIEW,
    Cap.CASES_NOTE,
    Cap.CASES_TRANSITION,
    Cap.CASES_CLOSE,
    Cap.CASES_FAMILY_VIOLENCE,
    Cap.INTAKE_CREATE,
    Cap.INTAKE_REVIEW,
    Cap.PEOPLE_VIEW_SSN,
    Cap.PEOPLE_EDIT,
    Cap.PATERNITY_RECORD,
    Cap.ORDERS_WORKSHEET,
    Cap.ORDERS_ENTER,
    Cap.ORDERS_REVIEW,
    Cap.PAYMENTS_VIEW,
}

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.OCSS_WORKER: frozenset(_CASEWORK),
    Role.OCSS_SUPERVISOR: frozenset(_CASEWORK | {Cap.INTAKE_IMPORT, Cap.AUDIT_VIEW}),
    # SES offices do not coincide with the DSS regions that own cases, so SES officers, like the
    # Attorney General's office and the magistrates, work statewide.
    Role.SES_OFFICER: frozenset(
        {
            Cap.CASES_VIEW,
            Cap.CASES_NOTE,
            Cap.PEOPLE_VIEW_SSN,
            Cap.ALL_OFFICES,
            Cap.ORDERS_WORKSHEET,
            Cap.ORDERS_ENTER,
            Cap.ORDERS_REVIEW,
            Cap.PAYMENTS_VIEW,
        }
    ),
    Role.AAG: frozenset(
        {
            Cap.CASES_VIEW,
            Cap.CASES_NOTE,
            Cap.ALL_OFFICES,
            Cap.ORDERS_WORKSHEET,
            Cap.ORDERS_REVIEW,
            Cap.PAYMENTS_VIEW,
        }
    ),
    # Magistrates decide paternity and make orders; the order they make is entered by them or by
    # the staff who carry it out.
    Role.MAGISTRATE: frozenset(
        {
            Cap.CASES_VIEW,
            Cap.ALL_OFFICES,
            Cap.PATERNITY_ADJUDICATE,
            Cap.ORDERS_WORKSHEET,
            Cap.ORDERS_ENTER,
        }
    ),
    Role.PAYMENT_PROCESSING: frozenset(
        {Cap.CASES_VIEW, Cap.ALL_OFFICES, Cap.PAYMENTS_VIEW, Cap.PAYMENTS_PROCESS}
    ),
    Role.AUDITOR: frozenset({Cap.CASES_VIEW, Cap.AUDIT_VIEW, Cap.ALL_OFFICES, Cap.PAYMENTS_VIEW}),
    Role.ADMINISTRATOR: frozenset(
        _CASEWORK
        | {
            Cap.INTAKE_IMPORT,
            Cap.AUDIT_VIEW,
            Cap.ADMIN_CONFIGURE,
            Cap.ALL_OFFICES,
            Cap.PAYMENTS_PROCESS,
        }
    ),
    Role.PARENT: frozenset({Cap.PORTAL_PARENT}),
    Role.EMPLOYER: frozenset({Cap.PORTAL_EMPLOYER}),
}

STAFF_ROLES = frozenset(r for r in Role if r not in {Role.PARENT, Role.EMPLOYER})
