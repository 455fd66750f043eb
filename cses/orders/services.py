"""Support orders as the court or magistrate makes them: entering an order, modifying it,
recording a child's schooling (which moves the end of the child's support), and vacating it.

An order is never overwritten. Entering it writes version 1; a modification is a new version
with its own effective date; the end of the order is a last version with every amount zero.
Each action writes a diary event on the case, in one transaction with the order locked.

Decisions kept here (each refusal names the rule in the worker's words):
- A **guideline** order cites its worksheet, and its current support is the worksheet's: the
  weekly equivalent of the amount entered is within ``GUIDELINE_ROUNDING_WEEKLY`` of the
  worksheet's weekly amount (courts round a monthly figure); anything further is a deviation.
- A **deviation** cites a 46b-215a-5c(b) criterion, states the finding, and cites the worksheet
  whose amount the guidelines would have required (46b-215a-5c(a)).
- The worksheet of a guideline or deviation order was computed **for as many children as the
  order covers**: an amount for a different number of children is refused, not warned about,
  because the guideline amount depends on it (46b-215a-2c schedule columns).
- **Court record** is the basis of an order made before the case (kind ``prior``) or of a
  modification the court made without a worksheet on file; an order established on the case
  cites its worksheet.
- An order **established on the case** covers only children whose paternity is established; an
  order entered from the court record is the court's finding and is taken as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cses.cases import lifecycle
from cses.cases.models import (
    PATERNITY_ESTABLISHED,
    Case,
    CaseMember,
    CaseStatus,
    MemberRole,
)
from cses.cases.services import record_event
from cses.core.parameters import int_parameter
from cses.orders.models import Court, OrderChild, OrderVersion, SupportOrder, Worksheet
from cses.rules.frequency import CENT, Frequency, to_weekly
from cses.rules.guidelines import DEVIATION_CRITERIA
from cses.rules.support_duration import SupportEnd, support_end_date

Kind = OrderVersion.Kind
Basis = OrderVersion.Basis
ZERO = Decimal(0)
HUNDRED = Decimal(100)
# How far, weekly, a guideline order's current support may sit from its worksheet's amount:
# a court that orders $433/month on a $100/week worksheet ($433.33) still orders the guideline
# amount. Anything further is a deviation and needs a finding.
GUIDELINE_ROUNDING_WEEKLY = Decimal("1.00")
ENTRY_KINDS = (Kind.ESTABLISHED, Kind.PRIOR)
MODIFICATION_KINDS = (Kind.MODIFIED, Kind.CHILD_ENDED)
FREQUENCIES = frozenset(f.value for f in Frequency)


class OrderRefused(ValueError):
    """The action cannot be taken; ``reasons`` says every why at once, in the worker's words."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def money(amount: Decimal) -> str:
    return f"${amount:,.2f}"


# --- checks shared by entry and modification ----------------------------------------------------


def _amount_problems(amounts: dict[str, Decimal]) -> list[str]:
    problems = []
    for label, amount in amounts.items():
        if amount is None or amount < 0:
            problems.append(_("%(what)s cannot be negative.") % {"what": label})
        elif amount != amount.quantize(CENT):
            problems.append(_("%(what)s is in dollars and cents.") % {"what": label})
    return problems


def _terms_problems(
    *,
    case: Case,
    frequency: str,
    current_support: Decimal,
    arrearage_payment: Decimal,
    cash_medical_support: Decimal,
    child_care_contribution: Decimal,
    medical_coverage_by: str,
    unreimbursed_medical_percent: Decimal,
    basis: str,
    worksheet: Worksheet | None,
    deviation_criterion: str,
    deviation_finding: str,
    children: int,
) -> list[str]:
    """What is wrong with the terms of a version, every problem at once."""
    problems = []
    if frequency not in FREQUENCIES:
        problems.append(_("Choose how often the amounts are due."))
    problems += _amount_problems(
        {
            _("Current support"): current_support,
            _("The arrearage payment"): arrearage_payment,
            _("Cash medical support"): cash_medical_support,
            _("The child-care contribution"): child_care_contribution,
        }
    )
    if medical_coverage_by not in OrderVersion.MedicalCoverageBy.values:
        problems.append(_("Choose who is ordered to provide health coverage."))
    if not ZERO <= unreimbursed_medical_percent <= HUNDRED:
        problems.append(_("The share of unreimbursed medical costs is a percentage, 0 to 100."))
    if basis not in (Basis.GUIDELINES, Basis.DEVIATION, Basis.COURT_RECORD):
        problems.append(_("Choose the basis of the order: guidelines, deviation or court record."))
    if worksheet is not None:
        if worksheet.case_id != case.pk:
            problems.append(_("The worksheet belongs to another case."))
        elif basis in (Basis.GUIDELINES, Basis.DEVIATION) and worksheet.children != children:
            problems.append(
                _(
                    "The worksheet was computed for %(ws)s child(ren) but the order covers "
                    "%(n)s: compute a worksheet for the children the order covers."
                )
                % {"ws": worksheet.children, "n": children}
            )
    if basis == Basis.GUIDELINES:
        if worksheet is None:
            problems.append(_("A guideline order cites the worksheet it came from."))
        elif frequency in FREQUENCIES and current_support is not None:
            weekly = to_weekly(current_support, frequency)
            if abs(weekly - worksheet.current_support_weekly) > GUIDELINE_ROUNDING_WEEKLY:
                problems.append(
                    _(
                        "Current support of %(weekly)s a week is not the worksheet's guideline "
                        "amount of %(ws)s a week: an order that differs is a deviation and "
                        "needs a finding (46b-215a-5c)."
                    )
                    % {
                        "weekly": money(weekly),
                        "ws": money(worksheet.current_support_weekly),
                    }
                )
    if basis == Basis.DEVIATION:
        if deviation_criterion not in DEVIATION_CRITERIA:
            problems.append(_("A deviation cites a 46b-215a-5c(b) deviation criterion."))
        if not deviation_finding.strip():
            problems.append(
                _("A deviation states the finding: why the guideline amount would be inequitable.")
            )
        if worksheet is None:
            problems.append(
                _("A deviation cites the worksheet with the amount the guidelines would require.")
            )
    return problems


def _version(
    *,
    order: SupportOrder,
    number: int,
    kind: str,
    basis: str,
    effective_from: dt.date,
    frequency: str,
    current_support: Decimal,
    arrearage_payment: Decimal,
    cash_medical_support: Decimal,
    child_care_contribution: Decimal,
    medical_coverage_by: str,
    unreimbursed_medical_percent: Decimal,
    worksheet: Worksheet | None,
    deviation_criterion: str,
    deviation_finding: str,
    reason: str,
    by,
) -> OrderVersion:
    deviating = basis == Basis.DEVIATION
    return OrderVersion(
        order=order,
        version=number,
        kind=kind,
        basis=basis,
        effective_from=effective_from,
        frequency=frequency,
        current_support=current_support,
        arrearage_payment=arrearage_payment,
        cash_medical_support=cash_medical_support,
        child_care_contribution=child_care_contribution,
        current_support_weekly=to_weekly(current_support, frequency),
        medical_coverage_by=medical_coverage_by,
        unreimbursed_medical_percent=unreimbursed_medical_percent,
        worksheet=worksheet,
        guideline_amount_weekly=worksheet.current_support_weekly if worksheet else None,
        deviation_criterion=deviation_criterion if deviating else "",
        deviation_finding=deviation_finding.strip() if deviating else "",
        reason=reason.strip(),
        entered_at=timezone.now(),
        entered_by=by,
    )


def terms_summary(version: OrderVersion) -> str:
    """The terms in one line, for the diary."""
    parts = [f"{money(version.current_support)} {version.frequency} current support"]
    if version.cash_medical_support:
        parts.append(f"{money(version.cash_medical_support)} cash medical support")
    if version.child_care_contribution:
        parts.append(f"{money(version.child_care_contribution)} child care")
    if version.arrearage_payment:
        parts.append(f"{money(version.arrearage_payment)} on arrears")
    return ", ".join(parts)


# --- the end of each child's support --------------------------------------------------------


def child_support_end(
    *,
    birth_date: dt.date,
    on: dt.date,
    high_school_student: bool,
    unmarried_living_with_parent: bool,
    expected_graduation: dt.date | None,
) -> SupportEnd:
    """The end of a child's support under CGS 46b-84(b), with the ages in effect on ``on``."""
    return support_end_date(
        birth_date=birth_date,
        end_age=int_parameter("support_end_age", on),
        student_end_age=int_parameter("support_end_age_student", on),
        high_school_student=high_school_student,
        unmarried_living_with_parent=unmarried_living_with_parent,
        expected_graduation=expected_graduation,
    )


def _covered_children(
    case: Case, children: Iterable[CaseMember | int] | None, problems: list[str]
) -> list[CaseMember]:
    current = CaseMember.objects.filter(
        case=case, role=MemberRole.DEPENDENT_CHILD, left_on__isnull=True
    ).select_related("person")
    if children is None:
        members = list(current.order_by("id"))
    else:
        wanted = {c.pk if isinstance(c, CaseMember) else int(c) for c in children}
        members = list(current.filter(pk__in=wanted).order_by("id"))
        if len(members) != len(wanted):
            problems.append(_("An order covers dependent children who are on this case."))
    if not members:
        problems.append(_("An order covers at least one dependent child of the case."))
    return members


# --- actions --------------------------------------------------------------------------------


@transaction.atomic
def enter_order(
    *,
    case: Case,
    docket_number: str,
    court: str,
    issued_by: str,
    effective_from: dt.date,
    frequency: str,
    current_support: Decimal,
    arrearage_payment: Decimal = ZERO,
    cash_medical_support: Decimal = ZERO,
    child_care_contribution: Decimal = ZERO,
    medical_coverage_by: str = "",
    unreimbursed_medical_percent: Decimal = ZERO,
    basis: str,
    worksheet: Worksheet | None = None,
    deviation_criterion: str = "",
    deviation_finding: str = "",
    children: Iterable[CaseMember | int] | None = None,
    kind: str = Kind.ESTABLISHED,
    reason: str = "",
    by,
) -> SupportOrder:
    """Enter a support order made by the court or a Family Support Magistrate: the order, its
    version 1, each child covered with the day the child's support ends (CGS 46b-84(b)), a
    diary event; then the case moves on by itself (to enforcement) if its facts allow.

    ``children`` defaults to every dependent child on the case."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    docket = docket_number.strip()
    problems: list[str] = []
    if case.status == CaseStatus.CLOSED:
        problems.append(_("The case is closed: reopen it before entering an order."))
    if not docket:
        problems.append(_("The docket number is required."))
    elif SupportOrder.objects.filter(case=case, docket_number=docket).exists():
        problems.append(
            _("Order %(docket)s is already on this case: enter a modification instead.")
            % {"docket": docket}
        )
    if court not in Court.values:
        problems.append(_("Choose the court or tribunal that made the order."))
    if not issued_by.strip():
        problems.append(_("Name the magistrate or judge who made the order."))
    if kind not in ENTRY_KINDS:
        problems.append(_("An order is entered as established on the case or as a prior order."))
    if kind == Kind.ESTABLISHED and basis == Basis.COURT_RECORD:
        problems.append(
            _(
                "An order established on the case cites its guidelines worksheet or a deviation "
                "finding; the court record alone is for orders made before the case."
            )
        )
    members = _covered_children(case, children, problems)
    problems += _terms_problems(
        case=case,
        frequency=frequency,
        current_support=current_support,
        arrearage_payment=arrearage_payment,
        cash_medical_support=cash_medical_support,
        child_care_contribution=child_care_contribution,
        medical_coverage_by=medical_coverage_by,
        unreimbursed_medical_percent=unreimbursed_medical_percent,
        basis=basis,
        worksheet=worksheet,
        deviation_criterion=deviation_criterion,
        deviation_finding=deviation_finding,
        children=len(members),
    )
    ends: dict[int, SupportEnd] = {}
    for member in members:
        name = member.person.full_name
        if kind == Kind.ESTABLISHED and member.paternity_status not in PATERNITY_ESTABLISHED:
            problems.append(
                _("Paternity of %(name)s is not established: record it before the order.")
                % {"name": name}
            )
        birth = member.person.date_of_birth
        if birth is None:
            problems.append(
                _("%(name)s's date of birth is needed to know when support ends.") % {"name": name}
            )
            continue
        end = child_support_end(
            birth_date=birth,
            on=effective_from,
            high_school_student=member.high_school_student,
            unmarried_living_with_parent=True,
            expected_graduation=None,
        )
        if end.ends_on <= effective_from:
            problems.append(
                _("Support for %(name)s ended on %(on)s, before the order's effective date.")
                % {"name": name, "on": end.ends_on}
            )
        ends[member.pk] = end
    if problems:
        raise OrderRefused(problems)

    order = SupportOrder.objects.create(
        case=case,
        docket_number=docket,
        court=court,
        issued_by=issued_by.strip(),
        entered_at=timezone.now(),
        entered_by=by,
    )
    version = _version(
        order=order,
        number=1,
        kind=kind,
        basis=basis,
        effective_from=effective_from,
        frequency=frequency,
        current_support=current_support,
        arrearage_payment=arrearage_payment,
        cash_medical_support=cash_medical_support,
        child_care_contribution=child_care_contribution,
        medical_coverage_by=medical_coverage_by,
        unreimbursed_medical_percent=unreimbursed_medical_percent,
        worksheet=worksheet,
        deviation_criterion=deviation_criterion,
        deviation_finding=deviation_finding,
        reason=reason,
        by=by,
    )
    version.save()
    OrderChild.objects.bulk_create(
        OrderChild(
            order=order,
            child=member,
            support_ends_on=ends[member.pk].ends_on,
            end_basis=ends[member.pk].basis,
            high_school_student=member.high_school_student,
        )
        for member in members
    )
    record_event(
        case.pk,
        f"Support order {docket} entered ({version.get_kind_display()}; "
        f"{version.get_basis_display()}), effective {effective_from}: {terms_summary(version)}; "
        f"for {len(members)} child(ren).",
        by,
    )
    lifecycle.advance_case(case=case, reason=f"Support order {docket} entered", by=by)
    return order


def _locked_active(order: SupportOrder) -> tuple[SupportOrder, OrderVersion]:
    order = SupportOrder.objects.select_for_update().get(pk=order.pk)
    if not order.active:
        raise OrderRefused(
            [
                _("Order %(docket)s has ended; it cannot be changed.")
                % {"docket": order.docket_number}
            ]
        )
    latest = OrderVersion.objects.filter(order=order).order_by("-version").first()
    assert latest is not None, "an order always has its version 1"
    return order, latest


@transaction.atomic
def modify_order(
    *,
    order: SupportOrder,
    effective_from: dt.date,
    frequency: str,
    current_support: Decimal,
    arrearage_payment: Decimal = ZERO,
    cash_medical_support: Decimal = ZERO,
    child_care_contribution: Decimal = ZERO,
    medical_coverage_by: str = "",
    unreimbursed_medical_percent: Decimal = ZERO,
    basis: str,
    worksheet: Worksheet | None = None,
    deviation_criterion: str = "",
    deviation_finding: str = "",
    kind: str = Kind.MODIFIED,
    reason: str,
    by,
) -> OrderVersion:
    """Record a modification of the order (CGS 46b-86) as its next version, effective from its
    own date; the earlier versions stay as they were, and apply until that date."""
    order, latest = _locked_active(order)
    problems: list[str] = []
    if kind not in MODIFICATION_KINDS:
        problems.append(_("A change of the order's terms is a modification."))
    if not reason.strip():
        problems.append(_("Say why the order changed (the court's action)."))
    if effective_from < latest.effective_from:
        problems.append(
            _("A modification takes effect on or after the current terms' effective date (%(on)s).")
            % {"on": latest.effective_from}
        )
    remaining = OrderChild.objects.filter(order=order, ended=False).count()
    problems += _terms_problems(
        case=order.case,
        frequency=frequency,
        current_support=current_support,
        arrearage_payment=arrearage_payment,
        cash_medical_support=cash_medical_support,
        child_care_contribution=child_care_contribution,
        medical_coverage_by=medical_coverage_by,
        unreimbursed_medical_percent=unreimbursed_medical_percent,
        basis=basis,
        worksheet=worksheet,
        deviation_criterion=deviation_criterion,
        deviation_finding=deviation_finding,
        children=remaining,
    )
    if problems:
        raise OrderRefused(problems)
    version = _version(
        order=order,
        number=latest.version + 1,
        kind=kind,
        basis=basis,
        effective_from=effective_from,
        frequency=frequency,
        current_support=current_support,
        arrearage_payment=arrearage_payment,
        cash_medical_support=cash_medical_support,
        child_care_contribution=child_care_contribution,
        medical_coverage_by=medical_coverage_by,
        unreimbursed_medical_percent=unreimbursed_medical_percent,
        worksheet=worksheet,
        deviation_criterion=deviation_criterion,
        deviation_finding=deviation_finding,
        reason=reason,
        by=by,
    )
    version.save()
    record_event(
        order.case_id,
        f"Order {order.docket_number} modified (version {version.version}; "
        f"{version.get_basis_display()}), effective {effective_from}: {terms_summary(version)}. "
        f"{version.reason}",
        by,
    )
    return version


@transaction.atomic
def update_child_schooling(
    *,
    order_child: OrderChild,
    high_school_student: bool,
    expected_graduation: dt.date | None,
    unmarried_living_with_parent: bool,
    by,
) -> OrderChild:
    """Record what CGS 46b-84(b) asks about a child at 18 (full-time high-school student,
    expected completion of the 12th grade, unmarried and living with a parent) and recompute
    the day the child's support ends. An end already processed that now falls later is undone:
    the nightly job processes it again on the new day."""
    order, _latest = _locked_active(order_child.order)
    child = OrderChild.objects.select_related("child__person").get(pk=order_child.pk)
    first = OrderVersion.objects.filter(order=order).order_by("version").first()
    birth = child.child.person.date_of_birth
    name = child.child.person.full_name
    if birth is None:
        raise OrderRefused(
            [_("%(name)s's date of birth is needed to know when support ends.") % {"name": name}]
        )
    end = child_support_end(
        birth_date=birth,
        on=first.effective_from,
        high_school_student=high_school_student,
        unmarried_living_with_parent=unmarried_living_with_parent,
        expected_graduation=expected_graduation if high_school_student else None,
    )
    before = child.support_ends_on
    child.high_school_student = high_school_student
    child.expected_graduation = expected_graduation if high_school_student else None
    child.unmarried_living_with_parent = unmarried_living_with_parent
    child.support_ends_on = end.ends_on
    child.end_basis = end.basis
    reopened = child.ended and end.ends_on > timezone.localdate()
    if reopened:
        child.ended = False
    child.save()
    CaseMember.objects.filter(pk=child.child_id).update(high_school_student=high_school_student)
    text = (
        f"Schooling of {name} recorded on order {order.docket_number}: support ends "
        f"{end.ends_on} (was {before}). {end.basis}."
    )
    if reopened:
        text += " The end processed earlier is undone."
    record_event(order.case_id, text, by)
    return child


def termination_version(
    *, order: SupportOrder, latest: OrderVersion, on: dt.date, reason: str, by
) -> OrderVersion:
    """The last version of an ended order: every amount zero from ``on`` (unsaved)."""
    return _version(
        order=order,
        number=latest.version + 1,
        kind=Kind.TERMINATED,
        basis=Basis.TERMINATION,
        effective_from=on,
        frequency=latest.frequency,
        current_support=ZERO,
        arrearage_payment=ZERO,
        cash_medical_support=ZERO,
        child_care_contribution=ZERO,
        medical_coverage_by="",
        unreimbursed_medical_percent=ZERO,
        worksheet=None,
        deviation_criterion="",
        deviation_finding="",
        reason=reason,
        by=by,
    )


@transaction.atomic
def vacate_order(*, order: SupportOrder, on: dt.date, reason: str, by) -> OrderVersion:
    """End an order the court vacated (or that another order replaced) from ``on``: a last
    version with every amount zero; no support falls due on or after ``on``."""
    order, latest = _locked_active(order)
    problems = []
    if not reason.strip():
        problems.append(_("Say why the order ended (the court's action)."))
    if on < latest.effective_from:
        problems.append(
            _("The order ends on or after its current terms' effective date (%(on)s).")
            % {"on": latest.effective_from}
        )
    if problems:
        raise OrderRefused(problems)
    version = termination_version(order=order, latest=latest, on=on, reason=reason, by=by)
    version.save()
    OrderChild.objects.filter(order=order, ended=False).update(ended=True)
    order.active = False
    order.ended_on = on
    order.save(update_fields=["active", "ended_on"])
    record_event(
        order.case_id,
        f"Order {order.docket_number} vacated from {on}: no support falls due from that day. "
        f"{version.reason}",
        by,
    )
    return version
