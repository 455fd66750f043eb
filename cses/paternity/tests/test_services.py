"""Establishing paternity on real cases: each action, its refusals, and the case moving by
itself from paternity to establishment (and back on a rescission)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cses.accounts.roles import Role
from cses.cases.models import (
    CaseMember,
    CaseStatus,
    CaseStatusChange,
    DiaryEntry,
    MemberRole,
    PaternityStatus,
)
from cses.core.models import Parameter
from cses.paternity import services
from cses.paternity.models import Acknowledgment, Adjudication, GeneticTest
from cses.paternity.tests.support import children_of, man_of, mother_of

TODAY = dt.date(2026, 6, 1)
SIGNED = dt.date(2026, 3, 2)


def refused_fields(excinfo) -> set[str]:
    return set(excinfo.value.message_dict)


def acknowledge(child, father, worker, *, filed_on=SIGNED, signed=SIGNED, today=TODAY):
    return services.record_acknowledgment(
        child=child,
        father=father,
        mother_signed_on=signed,
        father_signed_on=signed,
        witness_name="Rosa Clerk, Hartford Hospital",
        witness_signed_on=signed,
        filed_on=filed_on,
        by=worker,
        today=today,
    )


def resulted_test(child, father, worker, *, probability="99.9", excluded=False) -> GeneticTest:
    test = services.schedule_genetic_test(
        child=child,
        alleged_father=father,
        appointment_at=timezone.make_aware(dt.datetime(2026, 4, 6, 9, 30)),
        location="DNA Diagnostics, 100 Main St, Hartford",
        laboratory="DNA Diagnostics Center",
        by=worker,
    )
    services.record_samples(test=test, sampled_on=dt.date(2026, 4, 6), by=worker, today=TODAY)
    return services.record_genetic_result(
        test=test,
        received_on=dt.date(2026, 4, 20),
        probability_percent=Decimal(probability),
        excluded=excluded,
        lab_reference="DDC-4471",
        by=worker,
        today=TODAY,
    )


@pytest.fixture
def magistrate(user_of):
    return user_of(Role.MAGISTRATE, None)


# --- acknowledgment ------------------------------------------------------------------------


def test_a_filed_acknowledgment_establishes_paternity_and_moves_the_case(paternity_case, worker):
    # given a case in paternity with one child and an alleged father
    case = paternity_case()
    (child,) = children_of(case)
    father = man_of(case)
    # when a VS56 signed and filed is recorded
    ack = acknowledge(child, father, worker)
    # then the child's paternity is acknowledged, the deadline is 60 days after the signatures
    child.refresh_from_db()
    father.refresh_from_db()
    case.refresh_from_db()
    assert (ack.status, ack.filed_on) == (Acknowledgment.Status.FILED, SIGNED)
    assert ack.rescission_deadline == SIGNED + dt.timedelta(days=60)
    assert child.paternity_status == PaternityStatus.ACKNOWLEDGED
    # the alleged father is now the noncustodial parent, and the case moved on by itself
    assert father.role == MemberRole.NONCUSTODIAL_PARENT
    assert case.status == CaseStatus.ESTABLISHMENT
    change = CaseStatusChange.objects.filter(case=case).latest("at", "id")
    assert (change.from_status, change.to_status, change.by) == ("paternity", "establishment", None)
    texts = list(DiaryEntry.objects.filter(case=case).values_list("text", flat=True))
    assert any("VS56" in t and "recorded" in t for t in texts)
    assert any("filed with Vital Records" in t for t in texts)
    assert all(
        e.kind == DiaryEntry.Kind.EVENT
        for e in DiaryEntry.objects.filter(case=case, text__contains="paternity")
    )


def test_a_signed_acknowledgment_waits_for_its_filing(paternity_case, worker):
    case = paternity_case()
    (child,) = children_of(case)
    ack = acknowledge(child, man_of(case), worker, filed_on=None)
    child.refresh_from_db()
    case.refresh_from_db()
    assert ack.status == Acknowledgment.Status.SIGNED
    assert child.paternity_status == PaternityStatus.NOT_ESTABLISHED
    assert case.status == CaseStatus.PATERNITY
    # when it is filed
    services.file_acknowledgment(ack=ack, filed_on=dt.date(2026, 3, 9), by=worker, today=TODAY)
    child.refresh_from_db()
    case.refresh_from_db()
    assert child.paternity_status == PaternityStatus.ACKNOWLEDGED
    assert case.status == CaseStatus.ESTABLISHMENT
    # and it cannot be filed twice
    with pytest.raises(ValidationError) as e:
        services.file_acknowledgment(ack=ack, filed_on=dt.date(2026, 3, 9), by=worker, today=TODAY)
    assert refused_fields(e) == {"ack"}


def test_the_case_moves_only_when_the_last_child_has_paternity(paternity_case, worker, magistrate):
    # given two children
    case = paternity_case(children=2)
    first, second = children_of(case)
    father = man_of(case)
    # when only the first is acknowledged, the case stays in paternity
    acknowledge(first, father, worker)
    case.refresh_from_db()
    assert case.status == CaseStatus.PATERNITY
    # when the second is adjudicated, it moves to establishment
    services.adjudicate_paternity(
        child=second,
        alleged_father=man_of(case),
        docket_number="HHD-FA-26-5001234",
        decided_on=dt.date(2026, 5, 1),
        finding=Adjudication.Finding.ESTABLISHED,
        basis=Adjudication.Basis.STIPULATION,
        magistrate=magistrate,
        today=TODAY,
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.ESTABLISHMENT
    assert CaseStatusChange.objects.filter(case=case, to_status="establishment").count() == 1


def test_acknowledgment_refusals_name_every_field(paternity_case, worker):
    case = paternity_case()
    mother = mother_of(case)
    with pytest.raises(ValidationError) as e:
        services.record_acknowledgment(
            child=mother,
            father=mother,
            mother_signed_on=dt.date(2026, 6, 5),
            father_signed_on=SIGNED,
            witness_name=" ",
            witness_signed_on=None,
            filed_on=dt.date(2026, 3, 1),
            by=worker,
            today=TODAY,
        )
    assert refused_fields(e) == {
        "child",
        "father",
        "witness_name",
        "witness_signed_on",
        "mother_signed_on",
        "filed_on",
    }
    assert not Acknowledgment.objects.exists()


def test_a_child_with_paternity_cannot_be_acknowledged_again(paternity_case, worker):
    case = paternity_case()
    (child,) = children_of(case)
    acknowledge(child, man_of(case), worker)
    with pytest.raises(ValidationError, match="not open") as e:
        acknowledge(child, man_of(case), worker)
    assert refused_fields(e) == {"child"}


def test_a_second_pending_acknowledgment_is_refused(paternity_case, worker):
    case = paternity_case()
    (child,) = children_of(case)
    acknowledge(child, man_of(case), worker, filed_on=None)
    with pytest.raises(ValidationError, match="already recorded"):
        acknowledge(child, man_of(case), worker, filed_on=None)


def test_a_man_from_another_case_cannot_acknowledge(paternity_case, worker):
    case, other = paternity_case(), paternity_case(ncp_ssn="")
    (child,) = children_of(case)
    with pytest.raises(ValidationError) as e:
        acknowledge(child, man_of(other), worker)
    assert refused_fields(e) == {"father"}


def test_an_excluded_man_cannot_acknowledge(paternity_case, worker):
    case = paternity_case()
    (child,) = children_of(case)
    resulted_test(child, man_of(case), worker, probability="0")
    with pytest.raises(ValidationError, match="excluded") as e:
        acknowledge(child, man_of(case), worker)
    assert refused_fields(e) == {"father"}


# --- rescission ----------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "allowed"), [(60, True), (61, False)])
def test_the_rescission_window_closes_after_day_60(paternity_case, worker, day, allowed):
    case = paternity_case()
    (child,) = children_of(case)
    ack = acknowledge(child, man_of(case), worker)
    on = SIGNED + dt.timedelta(days=day)
    if allowed:
        services.rescind_acknowledgment(
            ack=ack, rescinded_on=on, by_party="father", by=worker, today=on
        )
        ack.refresh_from_db()
        assert (ack.status, ack.rescinded_on, ack.rescinded_by) == ("rescinded", on, "father")
    else:
        with pytest.raises(ValidationError, match="rescission period ended") as e:
            services.rescind_acknowledgment(
                ack=ack, rescinded_on=on, by_party="father", by=worker, today=on
            )
        assert refused_fields(e) == {"rescinded_on"}
        ack.refresh_from_db()
        assert ack.status == Acknowledgment.Status.FILED


def test_a_rescission_reopens_paternity_and_sends_the_case_back(paternity_case, worker):
    # given an acknowledged child whose case moved to establishment
    case = paternity_case()
    (child,) = children_of(case)
    ack = acknowledge(child, man_of(case), worker)
    case.refresh_from_db()
    assert case.status == CaseStatus.ESTABLISHMENT
    # when the mother rescinds within the window
    on = dt.date(2026, 4, 1)
    services.rescind_acknowledgment(
        ack=ack, rescinded_on=on, by_party="mother", by=worker, today=on
    )
    # then paternity is open again, he is an alleged father again, the case is back in paternity
    child.refresh_from_db()
    case.refresh_from_db()
    assert child.paternity_status == PaternityStatus.NOT_ESTABLISHED
    assert man_of(case).role == MemberRole.ALLEGED_FATHER
    assert case.status == CaseStatus.PATERNITY
    back = CaseStatusChange.objects.filter(case=case).latest("at", "id")
    assert (back.from_status, back.to_status, back.by) == ("establishment", "paternity", None)
    assert "rescinded" in back.reason
    # and a rescinded acknowledgment cannot be rescinded again
    with pytest.raises(ValidationError) as e:
        services.rescind_acknowledgment(
            ack=ack, rescinded_on=on, by_party="mother", by=worker, today=on
        )
    assert refused_fields(e) == {"ack"}


def test_a_rescission_needs_a_signatory_and_a_real_date(paternity_case, worker):
    case = paternity_case()
    (child,) = children_of(case)
    ack = acknowledge(child, man_of(case), worker)
    with pytest.raises(ValidationError) as e:
        services.rescind_acknowledgment(
            ack=ack,
            rescinded_on=dt.date(2026, 3, 20),
            by_party="grandmother",
            by=worker,
            today=dt.date(2026, 3, 10),
        )
    assert refused_fields(e) == {"by_party", "rescinded_on"}


# --- genetic testing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("probability", "conclusion"),
    [
        ("98.99", GeneticTest.Conclusion.NOT_EXCLUDED),
        ("99.00", GeneticTest.Conclusion.PRESUMED),
        ("0", GeneticTest.Conclusion.EXCLUDED),
    ],
)
def test_the_threshold_is_99_percent(paternity_case, worker, probability, conclusion):
    case = paternity_case()
    (child,) = children_of(case)
    test = resulted_test(child, man_of(case), worker, probability=probability)
    assert test.status == GeneticTest.Status.RESULTED
    assert test.threshold_percent == Decimal("99")
    assert test.conclusion == conclusion
    # a presumption readies the child for adjudication; it does not establish paternity
    child.refresh_from_db()
    case.refresh_from_db()
    assert child.paternity_status == PaternityStatus.NOT_ESTABLISHED
    assert case.status == CaseStatus.PATERNITY


def test_the_threshold_in_force_on_the_day_received_applies(paternity_case, worker):
    Parameter.objects.create(
        name="genetic_test_presumption_percent",
        value="99.9",
        effective_from=dt.date(2026, 4, 15),
        basis="test",
    )
    case = paternity_case()
    (child,) = children_of(case)
    test = resulted_test(child, man_of(case), worker, probability="99.5")
    assert (test.threshold_percent, test.conclusion) == (Decimal("99.9"), "not_excluded")


def test_a_test_goes_scheduled_sampled_resulted_in_order(paternity_case, worker):
    case = paternity_case()
    (child,) = children_of(case)
    father = man_of(case)
    test = services.schedule_genetic_test(
        child=child,
        alleged_father=father,
        appointment_at=timezone.make_aware(dt.datetime(2026, 4, 6, 9, 30)),
        location="Hartford",
        laboratory="DDC",
        by=worker,
    )
    # a result before samples is refused
    with pytest.raises(ValidationError, match="samples before the result") as e:
        services.record_genetic_result(
            test=test,
            received_on=dt.date(2026, 4, 20),
            probability_percent=Decimal("99.9"),
            by=worker,
            today=TODAY,
        )
    assert refused_fields(e) == {"test"}
    # a second test of the same pair while this one is under way is refused
    with pytest.raises(ValidationError, match="under way"):
        services.schedule_genetic_test(
            child=child,
            alleged_father=father,
            appointment_at=timezone.make_aware(dt.datetime(2026, 4, 9, 9, 30)),
            location="Hartford",
            laboratory="DDC",
            by=worker,
        )
    # samples in the future are refused
    with pytest.raises(ValidationError) as e:
        services.record_samples(test=test, sampled_on=dt.date(2026, 7, 1), by=worker, today=TODAY)
    assert refused_fields(e) == {"sampled_on"}
    services.record_samples(test=test, sampled_on=dt.date(2026, 4, 6), by=worker, today=TODAY)
    # a result dated before the samples, or impossible, is refused
    with pytest.raises(ValidationError) as e:
        services.record_genetic_result(
            test=test,
            received_on=dt.date(2026, 4, 1),
            probability_percent=Decimal("99.6"),
            excluded=True,
            by=worker,
            today=TODAY,
        )
    assert refused_fields(e) == {"received_on", "probability_percent"}
    texts = " ".join(DiaryEntry.objects.filter(case=case).values_list("text", flat=True))
    assert "scheduled for 2026-04-06 09:30" in texts and "samples" in texts


def test_a_no_show_ends_the_appointment_and_another_can_be_scheduled(paternity_case, worker):
    case = paternity_case()
    (child,) = children_of(case)
    father = man_of(case)
    kw = {
        "child": child,
        "alleged_father": father,
        "location": "Hartford",
        "laboratory": "DDC",
        "by": worker,
    }
    first = services.schedule_genetic_test(
        appointment_at=timezone.make_aware(dt.datetime(2026, 4, 6, 9, 30)), **kw
    )
    services.record_no_show(test=first, party="the alleged father", by=worker)
    first.refresh_from_db()
    assert first.status == GeneticTest.Status.NO_SHOW
    with pytest.raises(ValidationError, match="no-show"):
        services.record_no_show(test=first, by=worker)
    second = services.schedule_genetic_test(
        appointment_at=timezone.make_aware(dt.datetime(2026, 4, 20, 9, 30)), **kw
    )
    assert second.status == GeneticTest.Status.SCHEDULED
    assert DiaryEntry.objects.filter(
        case=case, text__contains="did not appear (the alleged father)"
    ).exists()


def test_a_cancelled_test_needs_a_reason_and_frees_the_pair_for_another(paternity_case, worker):
    case = paternity_case()
    (child,) = children_of(case)
    kw = {
        "child": child,
        "alleged_father": man_of(case),
        "location": "Hartford",
        "laboratory": "DDC",
        "by": worker,
    }
    first = services.schedule_genetic_test(
        appointment_at=timezone.make_aware(dt.datetime(2026, 4, 6, 9, 30)), **kw
    )
    with pytest.raises(ValidationError) as refused:
        services.cancel_genetic_test(test=first, reason=" ", by=worker)
    assert refused_fields(refused) == {"reason"}
    services.cancel_genetic_test(test=first, reason="The laboratory closed", by=worker)
    first.refresh_from_db()
    assert first.status == GeneticTest.Status.CANCELLED
    with pytest.raises(ValidationError, match="cannot be cancelled"):
        services.cancel_genetic_test(test=first, reason="again", by=worker)
    second = services.schedule_genetic_test(
        appointment_at=timezone.make_aware(dt.datetime(2026, 4, 20, 9, 30)), **kw
    )
    assert second.status == GeneticTest.Status.SCHEDULED
    assert DiaryEntry.objects.filter(
        case=case, text__contains="cancelled: The laboratory closed"
    ).exists()


def test_scheduling_refusals(paternity_case, worker):
    case = paternity_case()
    mother = mother_of(case)
    with pytest.raises(ValidationError) as e:
        services.schedule_genetic_test(
            child=mother,
            alleged_father=mother,
            appointment_at=dt.datetime(2026, 4, 6, 9, 30),  # naive: no time zone
            location="",
            laboratory=" ",
            by=worker,
        )
    assert refused_fields(e) == {
        "child",
        "alleged_father",
        "location",
        "laboratory",
        "appointment_at",
    }


# --- adjudication ---------------------------------------------------------------------------


def test_a_magistrate_adjudicates_on_a_presuming_test(paternity_case, worker, magistrate):
    case = paternity_case()
    (child,) = children_of(case)
    test = resulted_test(child, man_of(case), worker, probability="99.97")
    adjudication = services.adjudicate_paternity(
        child=child,
        alleged_father=man_of(case),
        docket_number="HHD-FA-26-5001234",
        decided_on=dt.date(2026, 5, 12),
        finding=Adjudication.Finding.ESTABLISHED,
        basis=Adjudication.Basis.GENETIC_TEST,
        genetic_test=test,
        magistrate=magistrate,
        magistrate_name="FSM Ortiz",
        today=TODAY,
    )
    child.refresh_from_db()
    case.refresh_from_db()
    assert adjudication.magistrate == magistrate and adjudication.magistrate_name == "FSM Ortiz"
    assert child.paternity_status == PaternityStatus.ADJUDICATED
    assert man_of(case).role == MemberRole.NONCUSTODIAL_PARENT
    assert case.status == CaseStatus.ESTABLISHMENT
    assert DiaryEntry.objects.filter(
        case=case, author=magistrate, text__contains="HHD-FA-26-5001234"
    ).exists()


def test_not_the_father_leaves_the_child_open(paternity_case, worker, magistrate):
    case = paternity_case()
    (child,) = children_of(case)
    services.adjudicate_paternity(
        child=child,
        alleged_father=man_of(case),
        docket_number="HHD-FA-26-5001235",
        decided_on=dt.date(2026, 5, 12),
        finding=Adjudication.Finding.NOT_FATHER,
        basis=Adjudication.Basis.HEARING,
        magistrate=magistrate,
        today=TODAY,
    )
    child.refresh_from_db()
    case.refresh_from_db()
    assert child.paternity_status == PaternityStatus.NOT_ESTABLISHED
    assert man_of(case).role == MemberRole.ALLEGED_FATHER
    assert case.status == CaseStatus.PATERNITY
    # and he can no longer acknowledge the child
    with pytest.raises(ValidationError, match="excluded"):
        acknowledge(child, man_of(case), worker)


def test_adjudication_refusals(paternity_case, worker, magistrate):
    case = paternity_case()
    (child,) = children_of(case)
    excluded = resulted_test(child, man_of(case), worker, probability="0", excluded=True)
    with pytest.raises(ValidationError) as e:
        services.adjudicate_paternity(
            child=child,
            alleged_father=man_of(case),
            docket_number=" ",
            decided_on=dt.date(2026, 7, 1),
            finding=Adjudication.Finding.ESTABLISHED,
            basis=Adjudication.Basis.GENETIC_TEST,
            genetic_test=excluded,
            magistrate=magistrate,
            today=TODAY,
        )
    assert refused_fields(e) == {"docket_number", "decided_on", "genetic_test"}
    with pytest.raises(ValidationError) as e:
        services.adjudicate_paternity(
            child=child,
            alleged_father=man_of(case),
            docket_number="X-1",
            decided_on=dt.date(2026, 5, 1),
            finding="maybe",
            basis=Adjudication.Basis.GENETIC_TEST,
            magistrate=magistrate,
            today=TODAY,
        )
    assert refused_fields(e) == {"finding", "genetic_test"}
    assert not Adjudication.objects.exists()


def test_an_adjudication_ends_the_rescission_window_of_a_signed_acknowledgment(
    paternity_case, worker, magistrate
):
    case = paternity_case(children=2)
    first, _second = children_of(case)
    ack = acknowledge(first, man_of(case), worker, filed_on=None)
    services.adjudicate_paternity(
        child=first,
        alleged_father=man_of(case),
        docket_number="HHD-FA-26-5001236",
        decided_on=dt.date(2026, 3, 20),
        finding=Adjudication.Finding.DISMISSED,
        basis=Adjudication.Basis.HEARING,
        magistrate=magistrate,
        today=TODAY,
    )
    with pytest.raises(ValidationError, match="proceeding about the child"):
        services.rescind_acknowledgment(
            ack=ack,
            rescinded_on=dt.date(2026, 3, 25),
            by_party="father",
            by=worker,
            today=dt.date(2026, 3, 25),
        )


def test_a_stale_child_object_cannot_reopen_settled_paternity(paternity_case, worker):
    # given a worker's form loaded before the child's paternity was acknowledged
    case = paternity_case()
    (child,) = children_of(case)
    stale = CaseMember.objects.get(pk=child.pk)
    acknowledge(child, man_of(case), worker)
    # the service reads the child again under the case lock
    with pytest.raises(ValidationError, match="not open"):
        acknowledge(stale, man_of(case), worker)
