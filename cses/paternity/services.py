"""Establishing paternity: each business action on acknowledgments, genetic tests and
adjudications, in one transaction with the case row locked.

Every action writes a system event to the case diary. When a child's paternity becomes legal
(an acknowledgment filed, a magistrate's finding) the alleged father becomes the noncustodial
parent and the case moves on by itself (``lifecycle.advance_case``) once every child has legal
paternity; a rescission sends a case in establishment back to paternity.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from cses.cases import lifecycle
from cses.cases.models import (
    OBLIGOR_ROLES,
    PATERNITY_ESTABLISHED,
    Case,
    CaseMember,
    MemberRole,
    PaternityStatus,
)
from cses.cases.services import record_event
from cses.core.parameters import decimal_parameter, int_parameter
from cses.paternity.models import Acknowledgment, Adjudication, GeneticTest
from cses.rules import case_lifecycle
from cses.rules import paternity as rules
from cses.rules.paternity import AcknowledgmentDates, GeneticConclusion, Problem

RESCINDING_PARTIES = ("mother", "father")
ADVANCE_REASON = "Paternity established for every child on the case"


def _refuse(problems: list[Problem]) -> None:
    """Raise one ValidationError naming each field at fault, if there is any problem."""
    if not problems:
        return
    errors: dict[str, list[str]] = {}
    for problem in problems:
        errors.setdefault(problem.field or "__all__", []).append(problem.message)
    raise ValidationError(errors)


def _lock_case(case_id: int) -> Case:
    return Case.objects.select_for_update().get(pk=case_id)


def _open_child(child: CaseMember, field: str = "child") -> list[Problem]:
    """A child whose paternity is still to be established."""
    if child.role != MemberRole.DEPENDENT_CHILD or child.left_on is not None:
        return [Problem(field, "this person is not a dependent child on the case")]
    if child.paternity_status != PaternityStatus.NOT_ESTABLISHED:
        return [
            Problem(
                field,
                f"paternity is not open for this child ({child.get_paternity_status_display()})",
            )
        ]
    return []


def _obligor_on(case_id: int, father: CaseMember, field: str) -> list[Problem]:
    """A current noncustodial parent or alleged father on the same case."""
    if father.case_id != case_id or father.role not in OBLIGOR_ROLES or father.left_on is not None:
        return [
            Problem(field, "he must be a noncustodial parent or alleged father on the same case")
        ]
    return []


def _excluded(child: CaseMember, father: CaseMember) -> bool:
    """A genetic test excluded him, or a magistrate found he is not the father of the child."""
    return (
        GeneticTest.objects.filter(
            child=child,
            alleged_father_id=father.person_id,
            conclusion=GeneticTest.Conclusion.EXCLUDED,
        ).exists()
        or Adjudication.objects.filter(
            child=child,
            alleged_father_id=father.person_id,
            finding=Adjudication.Finding.NOT_FATHER,
        ).exists()
    )


def _locked_members(case: Case, *members: CaseMember) -> list[CaseMember]:
    """The members as they are now, read under the case lock (a stale form cannot win)."""
    fresh = {
        m.pk: m
        for m in CaseMember.objects.select_related("person").filter(pk__in=[m.pk for m in members])
    }
    return [fresh[m.pk] for m in members]


def _establish(case: Case, child: CaseMember, father: CaseMember, *, status: str, by) -> Case:
    """The child's paternity is legal now: record it, make the alleged father the noncustodial
    parent, and let the case move on if every child has paternity."""
    child.paternity_status = status
    child.save(update_fields=["paternity_status"])
    if father.role == MemberRole.ALLEGED_FATHER:
        father.role = MemberRole.NONCUSTODIAL_PARENT
        father.save(update_fields=["role"])
        record_event(
            case.pk,
            by=by,
            text=f"{father.person.full_name} is now the noncustodial parent (paternity of "
            f"{child.person.full_name} established).",
        )
    return lifecycle.advance_case(case=case, reason=ADVANCE_REASON, by=None)


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _dates(ack: Acknowledgment) -> AcknowledgmentDates:
    return AcknowledgmentDates(
        mother_signed_on=ack.mother_signed_on,
        father_signed_on=ack.father_signed_on,
        witness_signed_on=ack.witness_signed_on,
        filed_on=ack.filed_on,
    )


# --- the voluntary acknowledgment (VS56) ---------------------------------------------------


@transaction.atomic
def record_acknowledgment(
    *,
    child: CaseMember,
    father: CaseMember,
    mother_signed_on: dt.date,
    father_signed_on: dt.date,
    witness_name: str,
    witness_signed_on: dt.date | None,
    filed_on: dt.date | None = None,
    by,
    today: dt.date | None = None,
) -> Acknowledgment:
    """Record a signed Acknowledgment of Paternity (VS56) for a child. Filed with it (a filing
    date given) it establishes paternity at once; otherwise ``file_acknowledgment`` does."""
    today = _today(today)
    case = _lock_case(child.case_id)
    child, father = _locked_members(case, child, father)
    problems = _open_child(child) + _obligor_on(case.pk, father, "father")
    if not problems:
        if (
            Acknowledgment.objects.filter(child=child)
            .exclude(status=Acknowledgment.Status.RESCINDED)
            .exists()
        ):
            problems.append(
                Problem("child", "an acknowledgment for this child is already recorded")
            )
        if _excluded(child, father):
            problems.append(
                Problem("father", "genetic testing or a magistrate has excluded him as the father")
            )
    dates = AcknowledgmentDates(mother_signed_on, father_signed_on, witness_signed_on, filed_on)
    problems += rules.acknowledgment_problems(dates, witness_name=witness_name, today=today)
    _refuse(problems)
    days = int_parameter("acknowledgment_rescission_days", dates.last_signature)
    ack = Acknowledgment.objects.create(
        child=child,
        father_id=father.person_id,
        mother_signed_on=mother_signed_on,
        father_signed_on=father_signed_on,
        witness_name=witness_name.strip(),
        witness_signed_on=witness_signed_on,
        rescission_deadline=rules.rescission_deadline(dates, rescission_days=days),
        recorded_by=by,
    )
    record_event(
        case.pk,
        by=by,
        text=f"Acknowledgment of paternity (VS56) of {child.person.full_name} by "
        f"{father.person.full_name} recorded; signed {dates.last_signature.isoformat()}, "
        f"rescission possible until {ack.rescission_deadline.isoformat()}.",
    )
    if filed_on is not None:
        _file(case, ack, child, father, filed_on=filed_on, by=by)
    return ack


def _file(
    case: Case,
    ack: Acknowledgment,
    child: CaseMember,
    father: CaseMember,
    *,
    filed_on: dt.date,
    by,
) -> None:
    ack.status = Acknowledgment.Status.FILED
    ack.filed_on = filed_on
    ack.save(update_fields=["status", "filed_on"])
    record_event(
        case.pk,
        by=by,
        text=f"Acknowledgment of paternity of {child.person.full_name} filed with Vital Records "
        f"on {filed_on.isoformat()}: paternity acknowledged.",
    )
    _establish(case, child, father, status=PaternityStatus.ACKNOWLEDGED, by=by)


def _father_member(case: Case, person_id: int) -> CaseMember | None:
    return (
        CaseMember.objects.select_related("person").filter(case=case, person_id=person_id).first()
    )


@transaction.atomic
def file_acknowledgment(
    *, ack: Acknowledgment, filed_on: dt.date, by, today: dt.date | None = None
) -> Acknowledgment:
    """Record that a signed acknowledgment was filed with Vital Records (42 USC 666(a)(5)(M)):
    from then the child's paternity is acknowledged."""
    today = _today(today)
    case = _lock_case(ack.child.case_id)
    ack = Acknowledgment.objects.select_related("child__person").get(pk=ack.pk)
    problems: list[Problem] = []
    if ack.status != Acknowledgment.Status.SIGNED:
        problems.append(Problem("ack", f"the acknowledgment is {ack.get_status_display().lower()}"))
    child = ack.child
    father = _father_member(case, ack.father_id)
    if not problems:
        problems += _open_child(child)
        if father is None:
            problems.append(Problem("ack", "the father is no longer on the case"))
        else:
            problems += _obligor_on(case.pk, father, "ack")
    problems += rules.filing_problems(_dates(ack), filed_on=filed_on, today=today)
    _refuse(problems)
    assert father is not None
    _file(case, ack, child, father, filed_on=filed_on, by=by)
    return ack


def _proceeding_on(ack: Acknowledgment) -> dt.date | None:
    """The first proceeding about the child (a magistrate's decision) after the signatures."""
    return Adjudication.objects.filter(
        child_id=ack.child_id, decided_on__gte=_dates(ack).last_signature
    ).aggregate(first=Min("decided_on"))["first"]


@transaction.atomic
def rescind_acknowledgment(
    *,
    ack: Acknowledgment,
    rescinded_on: dt.date,
    by_party: str,
    by,
    today: dt.date | None = None,
) -> Acknowledgment:
    """A signatory rescinds the acknowledgment within the window (42 USC 666(a)(5)(D)(ii)): the
    child's paternity is open again, and a case in establishment goes back to paternity."""
    today = _today(today)
    case = _lock_case(ack.child.case_id)
    ack = Acknowledgment.objects.select_related("child__person", "father").get(pk=ack.pk)
    problems: list[Problem] = []
    if by_party not in RESCINDING_PARTIES:
        problems.append(Problem("by_party", "only the mother or the father can rescind"))
    if ack.status == Acknowledgment.Status.RESCINDED:
        problems.append(Problem("ack", "the acknowledgment is already rescinded"))
    else:
        problems += rules.rescission_problems(
            _dates(ack),
            on=rescinded_on,
            deadline=ack.rescission_deadline,
            today=today,
            proceeding_on=_proceeding_on(ack),
        )
    _refuse(problems)
    was_filed = ack.status == Acknowledgment.Status.FILED
    ack.status = Acknowledgment.Status.RESCINDED
    ack.rescinded_on = rescinded_on
    ack.rescinded_by = by_party
    ack.save(update_fields=["status", "rescinded_on", "rescinded_by"])
    child = CaseMember.objects.select_related("person").get(pk=ack.child_id)
    record_event(
        case.pk,
        by=by,
        text=f"Acknowledgment of paternity of {child.person.full_name} by {ack.father.full_name} "
        f"rescinded by the {by_party} on {rescinded_on.isoformat()}.",
    )
    if was_filed and child.paternity_status == PaternityStatus.ACKNOWLEDGED:
        child.paternity_status = PaternityStatus.NOT_ESTABLISHED
        child.save(update_fields=["paternity_status"])
        record_event(case.pk, by=by, text=f"Paternity of {child.person.full_name} is open again.")
        _father_alleged_again(case, ack.father_id, by=by)
        _send_back_to_paternity(case)
    return ack


def _father_alleged_again(case: Case, person_id: int, *, by) -> None:
    """A noncustodial parent is an alleged father again once no child on the case has legal
    paternity. While another child has it he stays the noncustodial parent: the case record does
    not say whose the other child's paternity is."""
    father = _father_member(case, person_id)
    if father is None or father.role != MemberRole.NONCUSTODIAL_PARENT:
        return
    if CaseMember.objects.filter(
        case=case,
        role=MemberRole.DEPENDENT_CHILD,
        left_on__isnull=True,
        paternity_status__in=PATERNITY_ESTABLISHED,
    ).exists():
        return
    father.role = MemberRole.ALLEGED_FATHER
    father.save(update_fields=["role"])
    record_event(
        case.pk,
        by=by,
        text=f"{father.person.full_name} is an alleged father again: no child on the case has "
        "legal paternity.",
    )


def _send_back_to_paternity(case: Case) -> None:
    """A case whose order is still to be set goes back to the stage its facts support now
    (paternity, or locate if the parent is no longer located). A case with an order stays
    where it is: what happens to the order is for the court."""
    case.refresh_from_db(fields=["status"])
    if case.state is not case_lifecycle.CaseState.ESTABLISHMENT:
        return
    target = case_lifecycle.furthest_stage(lifecycle.case_facts(case))
    if target in case_lifecycle.EDGES[case.state]:
        lifecycle.move_case(
            case=case,
            to=target,
            by=None,
            reason="Acknowledgment of paternity rescinded (42 USC 666(a)(5)(D)(ii)): paternity "
            "is no longer established for every child",
        )


# --- genetic testing -----------------------------------------------------------------------


@transaction.atomic
def schedule_genetic_test(
    *,
    child: CaseMember,
    alleged_father: CaseMember,
    appointment_at: dt.datetime,
    location: str,
    laboratory: str,
    by,
) -> GeneticTest:
    """Schedule the genetic test of a child, the mother and an alleged father (42 USC
    666(a)(5)(B): the agency orders genetic tests in a contested case)."""
    case = _lock_case(child.case_id)
    child, alleged_father = _locked_members(case, child, alleged_father)
    problems = _open_child(child) + _obligor_on(case.pk, alleged_father, "alleged_father")
    if not problems and (
        GeneticTest.objects.filter(
            child=child,
            alleged_father_id=alleged_father.person_id,
            status__in=[GeneticTest.Status.SCHEDULED, GeneticTest.Status.SAMPLED],
        ).exists()
    ):
        problems.append(
            Problem("alleged_father", "a test of this child and this man is already under way")
        )
    if not location.strip():
        problems.append(Problem("location", "the location of the appointment is required"))
    if not laboratory.strip():
        problems.append(Problem("laboratory", "the laboratory is required"))
    if timezone.is_naive(appointment_at):
        problems.append(Problem("appointment_at", "the appointment needs a time zone"))
    _refuse(problems)
    test = GeneticTest.objects.create(
        child=child,
        alleged_father_id=alleged_father.person_id,
        appointment_at=appointment_at,
        location=location.strip(),
        laboratory=laboratory.strip(),
        recorded_by=by,
    )
    local = timezone.localtime(appointment_at)
    record_event(
        case.pk,
        by=by,
        text=f"Genetic test of {child.person.full_name} and {alleged_father.person.full_name} "
        f"scheduled for {local:%Y-%m-%d %H:%M} at {test.location} ({test.laboratory}).",
    )
    return test


def _locked_test(test: GeneticTest) -> tuple[Case, GeneticTest]:
    case = _lock_case(test.child.case_id)
    return case, GeneticTest.objects.select_related("child__person", "alleged_father").get(
        pk=test.pk
    )


def _status_is(test: GeneticTest, *allowed: str, doing: str) -> list[Problem]:
    if test.status in allowed:
        return []
    return [Problem("test", f"cannot {doing}: the test is {test.get_status_display().lower()}")]


@transaction.atomic
def record_no_show(*, test: GeneticTest, party: str = "", by) -> GeneticTest:
    """A party did not appear for the genetic test appointment; the worker schedules another, or
    asks the court for a default."""
    case, test = _locked_test(test)
    _refuse(_status_is(test, GeneticTest.Status.SCHEDULED, doing="record a no-show"))
    test.status = GeneticTest.Status.NO_SHOW
    test.save(update_fields=["status"])
    who = f" ({party.strip()})" if party.strip() else ""
    record_event(
        case.pk,
        by=by,
        text=f"Genetic test appointment of {timezone.localtime(test.appointment_at):%Y-%m-%d}"
        f" for {test.child.person.full_name}: a party did not appear{who}.",
    )
    return test


@transaction.atomic
def cancel_genetic_test(*, test: GeneticTest, reason: str, by) -> GeneticTest:
    """Cancel a test that is scheduled or whose samples were taken (the appointment cannot be
    kept, the laboratory rejected the samples, the case no longer needs it). Another test may
    then be scheduled."""
    case, test = _locked_test(test)
    problems = []
    if test.status not in (GeneticTest.Status.SCHEDULED, GeneticTest.Status.SAMPLED):
        problems.append(
            Problem(
                "status", f"a test that is {test.get_status_display().lower()} cannot be cancelled"
            )
        )
    if not reason.strip():
        problems.append(Problem("reason", "a reason is required"))
    _refuse(problems)
    test.status = GeneticTest.Status.CANCELLED
    test.save(update_fields=["status"])
    record_event(
        case.pk,
        by=by,
        text=f"Genetic test of {timezone.localtime(test.appointment_at):%Y-%m-%d} for "
        f"{test.child.person.full_name} cancelled: {reason.strip()}",
    )
    return test


@transaction.atomic
def record_samples(
    *, test: GeneticTest, sampled_on: dt.date, by, today: dt.date | None = None
) -> GeneticTest:
    """The samples of the child, the mother and the alleged father were collected."""
    today = _today(today)
    case, test = _locked_test(test)
    problems = _status_is(test, GeneticTest.Status.SCHEDULED, doing="record samples")
    if sampled_on > today:
        problems.append(Problem("sampled_on", "the sampling date cannot be in the future"))
    _refuse(problems)
    test.status = GeneticTest.Status.SAMPLED
    test.sampled_on = sampled_on
    test.save(update_fields=["status", "sampled_on"])
    record_event(
        case.pk,
        by=by,
        text=f"Genetic test samples for {test.child.person.full_name} collected on "
        f"{sampled_on.isoformat()}; sent to {test.laboratory}.",
    )
    return test


@transaction.atomic
def record_genetic_result(
    *,
    test: GeneticTest,
    received_on: dt.date,
    probability_percent: Decimal,
    excluded: bool = False,
    lab_reference: str = "",
    by,
    today: dt.date | None = None,
) -> GeneticTest:
    """Record the laboratory's result with the presumption threshold in force on the day it was
    received (``genetic_test_presumption_percent``). A presumption makes the child ready for
    adjudication (42 USC 666(a)(5)(G)); the status stays open until a magistrate decides."""
    today = _today(today)
    case, test = _locked_test(test)
    if test.status == GeneticTest.Status.SCHEDULED:
        problems = [Problem("test", "record the samples before the result")]
    else:
        problems = _status_is(test, GeneticTest.Status.SAMPLED, doing="record a result")
    if received_on > today:
        problems.append(Problem("received_on", "the date received cannot be in the future"))
    if test.sampled_on and received_on < test.sampled_on:
        problems.append(
            Problem("received_on", "the result cannot arrive before the samples were taken")
        )
    threshold = decimal_parameter("genetic_test_presumption_percent", received_on)
    conclusion: GeneticConclusion | None = None
    try:
        conclusion = rules.genetic_conclusion(
            probability_percent, threshold_percent=threshold, excluded=excluded
        )
    except ValueError as e:
        problems.append(Problem("probability_percent", str(e)))
    _refuse(problems)
    assert conclusion is not None
    test.status = GeneticTest.Status.RESULTED
    test.result_received_on = received_on
    test.probability_percent = probability_percent
    test.threshold_percent = threshold
    test.conclusion = conclusion.value
    test.lab_reference = lab_reference.strip()
    test.save(
        update_fields=[
            "status",
            "result_received_on",
            "probability_percent",
            "threshold_percent",
            "conclusion",
            "lab_reference",
        ]
    )
    outcome = {
        GeneticConclusion.PRESUMED: "paternity is presumed; ready for adjudication",
        GeneticConclusion.NOT_EXCLUDED: "not excluded, below the presumption threshold",
        GeneticConclusion.EXCLUDED: "the alleged father is excluded",
    }[conclusion]
    record_event(
        case.pk,
        by=by,
        text=f"Genetic test result for {test.child.person.full_name} and "
        f"{test.alleged_father.full_name}: probability {probability_percent} % (threshold "
        f"{threshold} %): {outcome}.",
    )
    return test


# --- adjudication ------------------------------------------------------------------------


@transaction.atomic
def adjudicate_paternity(
    *,
    child: CaseMember,
    alleged_father: CaseMember,
    docket_number: str,
    decided_on: dt.date,
    finding: str,
    basis: str,
    genetic_test: GeneticTest | None = None,
    magistrate,
    magistrate_name: str = "",
    notes: str = "",
    today: dt.date | None = None,
) -> Adjudication:
    """Record a Family Support Magistrate's finding on paternity (CGS 46b-160, 46b-231). A finding
    that he is the father makes the child's paternity adjudicated; any other finding leaves it
    open (another alleged father, or closure under 45 CFR 303.11(b)(6))."""
    today = _today(today)
    case = _lock_case(child.case_id)
    child, alleged_father = _locked_members(case, child, alleged_father)
    problems = _open_child(child) + _obligor_on(case.pk, alleged_father, "alleged_father")
    if not docket_number.strip():
        problems.append(Problem("docket_number", "the docket number is required"))
    if decided_on > today:
        problems.append(Problem("decided_on", "the decision date cannot be in the future"))
    if finding not in Adjudication.Finding.values:
        problems.append(Problem("finding", "choose the magistrate's finding"))
    if basis not in Adjudication.Basis.values:
        problems.append(Problem("basis", "choose the basis of the finding"))
    if genetic_test is not None:
        genetic_test = GeneticTest.objects.get(pk=genetic_test.pk)
        if (
            genetic_test.child_id != child.pk
            or genetic_test.alleged_father_id != alleged_father.person_id
        ):
            problems.append(
                Problem("genetic_test", "the test is not of this child and this alleged father")
            )
        elif genetic_test.status != GeneticTest.Status.RESULTED:
            problems.append(Problem("genetic_test", "the test has no result yet"))
        elif (
            finding == Adjudication.Finding.ESTABLISHED
            and genetic_test.conclusion == GeneticTest.Conclusion.EXCLUDED
        ):
            problems.append(
                Problem("genetic_test", "the test excluded him; paternity cannot rest on it")
            )
    elif basis == Adjudication.Basis.GENETIC_TEST:
        problems.append(Problem("genetic_test", "name the genetic test the finding rests on"))
    _refuse(problems)
    name = magistrate_name.strip() or (
        (magistrate.get_full_name() or magistrate.get_username()) if magistrate else ""
    )
    adjudication = Adjudication.objects.create(
        child=child,
        alleged_father_id=alleged_father.person_id,
        docket_number=docket_number.strip(),
        decided_on=decided_on,
        finding=finding,
        basis=basis,
        genetic_test=genetic_test,
        magistrate=magistrate,
        magistrate_name=name,
        notes=notes.strip(),
    )
    record_event(
        case.pk,
        by=magistrate,
        text=f"Paternity of {child.person.full_name}, alleged father "
        f"{alleged_father.person.full_name}, docket {adjudication.docket_number}, decided "
        f"{decided_on.isoformat()}: {adjudication.get_finding_display()} "
        f"({adjudication.get_basis_display()}).",
    )
    if finding == Adjudication.Finding.ESTABLISHED:
        _establish(case, child, alleged_father, status=PaternityStatus.ADJUDICATED, by=magistrate)
    return adjudication
