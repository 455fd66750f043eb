"""Reads of paternity for the case's paternity page: each child's status, its full history and
the next step, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from cses.cases.models import OBLIGOR_ROLES, Case, CaseMember, MemberRole, PaternityStatus
from cses.paternity.models import Acknowledgment, Adjudication, GeneticTest


@dataclass
class ChildPaternity:
    """One child's paternity: the status on the case, the evidence behind it, and what to do."""

    child: CaseMember
    acknowledgments: list[Acknowledgment]
    tests: list[GeneticTest]
    adjudications: list[Adjudication]
    next_step: str = ""
    ready_for_adjudication: bool = False
    rescission_open_until: dt.date | None = None

    @property
    def is_open(self) -> bool:
        return (
            self.child.left_on is None
            and self.child.paternity_status == PaternityStatus.NOT_ESTABLISHED
        )


def case_children(case: Case) -> list[CaseMember]:
    """The case's children with every acknowledgment, genetic test and adjudication, newest
    first (four queries, however many children and records)."""
    return list(
        CaseMember.objects.filter(case=case, role=MemberRole.DEPENDENT_CHILD)
        .select_related("person")
        .prefetch_related(
            Prefetch(
                "acknowledgments",
                queryset=Acknowledgment.objects.select_related("father", "recorded_by").order_by(
                    "-recorded_at", "-id"
                ),
            ),
            Prefetch(
                "genetic_tests",
                queryset=GeneticTest.objects.select_related("alleged_father").order_by(
                    "-appointment_at", "-id"
                ),
            ),
            Prefetch(
                "adjudications",
                queryset=Adjudication.objects.select_related(
                    "alleged_father", "genetic_test"
                ).order_by("-decided_on", "-id"),
            ),
        )
        .order_by("id")
    )


def case_men(case: Case) -> list[CaseMember]:
    """The noncustodial parents and alleged fathers now on the case."""
    return list(
        CaseMember.objects.filter(case=case, role__in=OBLIGOR_ROLES, left_on__isnull=True)
        .select_related("person")
        .order_by("role", "id")
    )


def percent_text(value: Decimal | None) -> str:
    """A stored percentage as a person writes it: 99.9900 as "99.99", 100.0000 as "100"."""
    return "" if value is None else format(value.normalize(), "f")


def paternity_summary(case: Case, *, today: dt.date) -> list[ChildPaternity]:
    """Each child of the case with its paternity history and the next step."""
    rows = []
    for child in case_children(case):
        row = ChildPaternity(
            child=child,
            acknowledgments=list(child.acknowledgments.all()),
            tests=list(child.genetic_tests.all()),
            adjudications=list(child.adjudications.all()),
        )
        for test in row.tests + [a.genetic_test for a in row.adjudications if a.genetic_test]:
            test.probability_text = percent_text(test.probability_percent)
            test.threshold_text = percent_text(test.threshold_percent)
        _assess(row, today=today)
        rows.append(row)
    return rows


def _assess(row: ChildPaternity, *, today: dt.date) -> None:
    """Work out the next step (in the viewer's language) and the two flags the page shows."""
    child = row.child
    status = child.paternity_status
    filed = [a for a in row.acknowledgments if a.status == Acknowledgment.Status.FILED]
    if status == PaternityStatus.ACKNOWLEDGED and filed and filed[0].rescission_deadline >= today:
        row.rescission_open_until = filed[0].rescission_deadline
    row.ready_for_adjudication = row.is_open and any(
        t.conclusion == GeneticTest.Conclusion.PRESUMED for t in row.tests
    )
    row.next_step = _next_step(row)


def _next_step(row: ChildPaternity) -> str:
    child = row.child
    status = child.paternity_status
    if child.left_on is not None:
        return _("No longer on the case.")
    if status == PaternityStatus.NOT_APPLICABLE:
        return _("Paternity does not need to be established.")
    if status == PaternityStatus.MARITAL_PRESUMPTION:
        return _("Paternity is presumed: the child was born during the marriage.")
    if status == PaternityStatus.ADJUDICATED:
        return _("Paternity adjudicated.")
    if status == PaternityStatus.ACKNOWLEDGED:
        if row.rescission_open_until:
            return _(
                "Paternity acknowledged. Rescission window open until %(date)s: either parent "
                "may rescind until then."
            ) % {"date": row.rescission_open_until.isoformat()}
        return _("Paternity acknowledged; the acknowledgment has the effect of a judgment.")
    if any(a.status == Acknowledgment.Status.SIGNED for a in row.acknowledgments):
        return _("File the signed acknowledgment with Vital Records.")
    latest = row.tests[0] if row.tests else None
    if latest is not None and latest.status == GeneticTest.Status.SCHEDULED:
        return _("Genetic test appointment on %(date)s: record the samples, or a no-show.") % {
            "date": timezone.localtime(latest.appointment_at).date().isoformat()
        }
    if latest is not None and latest.status == GeneticTest.Status.SAMPLED:
        return _("Samples collected: waiting for the laboratory's result.")
    if row.ready_for_adjudication:
        return _("Ask a magistrate to adjudicate paternity on the genetic test result.")
    last_finding = row.adjudications[0] if row.adjudications else None
    if last_finding is not None and last_finding.finding != Adjudication.Finding.ESTABLISHED:
        return _(
            "The magistrate did not establish paternity: name another alleged father, or close "
            "the case if paternity cannot be established (45 CFR 303.11(b)(6))."
        )
    if latest is not None and latest.conclusion == GeneticTest.Conclusion.EXCLUDED:
        return _(
            "The alleged father is excluded: name another alleged father, or close the case if "
            "paternity cannot be established (45 CFR 303.11(b)(6))."
        )
    if latest is not None and latest.conclusion == GeneticTest.Conclusion.NOT_EXCLUDED:
        return _(
            "The result is below the presumption threshold: ask a magistrate to decide on the "
            "evidence, or schedule another test."
        )
    if latest is not None and latest.status == GeneticTest.Status.NO_SHOW:
        return _(
            "A party did not appear for the test: schedule another appointment, or ask a "
            "magistrate for a default."
        )
    return _("Ask the parents to sign a voluntary acknowledgment, or schedule a genetic test.")
