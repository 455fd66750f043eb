"""Establishing paternity: the voluntary acknowledgment's dates and rescission window, and what a
genetic test result concludes (no framework imports).

The numbers (the rescission period, the genetic-test presumption threshold) are parameters with
an effective date; they arrive here as data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

HUNDRED = Decimal(100)
ZERO = Decimal(0)


@dataclass(frozen=True)
class AcknowledgmentDates:
    """The dates on a voluntary Acknowledgment of Paternity (Connecticut form VS56)."""

    mother_signed_on: dt.date
    father_signed_on: dt.date
    witness_signed_on: dt.date | None
    filed_on: dt.date | None = None

    @property
    def last_signature(self) -> dt.date:
        """The later of the two parents' signatures: the acknowledgment is complete then."""
        return max(self.mother_signed_on, self.father_signed_on)

    @property
    def first_signature(self) -> dt.date:
        return min(self.mother_signed_on, self.father_signed_on)


@dataclass(frozen=True)
class Problem:
    """Why an action is refused, naming the field at fault ("" when it is no single field)."""

    field: str
    message: str


def acknowledgment_problems(
    dates: AcknowledgmentDates, *, witness_name: str, today: dt.date
) -> list[Problem]:
    """Every reason the acknowledgment's dates are not acceptable (empty when none).

    42 USC 666(a)(5)(C): the acknowledgment is signed by both parents and witnessed (CGS 46b-172:
    the VS56 is signed under penalty of false statement before a witness or notary) and is filed
    with the registry of vital records (the Department of Public Health). So: both parents and a
    witness have signed, no signature is dated in the future, the witness did not sign before the
    first parent did, and it is filed on or after every signature and not in the future."""
    problems: list[Problem] = []
    if not witness_name.strip():
        problems.append(Problem("witness_name", "the witness's name is required"))
    if dates.witness_signed_on is None:
        problems.append(Problem("witness_signed_on", "the witness's signature date is required"))
    for field, signed_on, who in (
        ("mother_signed_on", dates.mother_signed_on, "the mother's signature"),
        ("father_signed_on", dates.father_signed_on, "the father's signature"),
        ("witness_signed_on", dates.witness_signed_on, "the witness's signature"),
    ):
        if signed_on is not None and signed_on > today:
            problems.append(Problem(field, f"{who} cannot be dated in the future"))
    if dates.witness_signed_on is not None and dates.witness_signed_on < dates.first_signature:
        problems.append(
            Problem(
                "witness_signed_on",
                "the witness cannot sign before either parent has signed",
            )
        )
    if dates.filed_on is not None:
        problems += filing_problems(dates, filed_on=dates.filed_on, today=today)
    return problems


def filing_problems(
    dates: AcknowledgmentDates, *, filed_on: dt.date, today: dt.date
) -> list[Problem]:
    """Why the acknowledgment cannot be recorded as filed on ``filed_on`` (empty when it can).

    42 USC 666(a)(5)(C), (M): a signed acknowledgment is filed with the state's registry of birth
    records; it can only be filed once both parents (and the witness) have signed it."""
    problems: list[Problem] = []
    signatures = [dates.mother_signed_on, dates.father_signed_on]
    if dates.witness_signed_on is not None:
        signatures.append(dates.witness_signed_on)
    if filed_on < max(signatures):
        problems.append(
            Problem("filed_on", "the acknowledgment cannot be filed before every signature")
        )
    if filed_on > today:
        problems.append(Problem("filed_on", "the filing date cannot be in the future"))
    return problems


def rescission_deadline(dates: AcknowledgmentDates, *, rescission_days: int) -> dt.date:
    """The last day either signatory may rescind the acknowledgment: ``rescission_days`` (60)
    days after the later of the two parents' signatures.

    42 USC 666(a)(5)(D)(ii): a signed voluntary acknowledgment is a legal finding of paternity
    subject to the right of any signatory to rescind it within the earlier of 60 days or the
    date of a proceeding relating to the child (see ``rescission_problems`` for the second)."""
    if rescission_days < 0:
        raise ValueError("the rescission period cannot be negative")
    return dates.last_signature + dt.timedelta(days=rescission_days)


def rescission_problems(
    dates: AcknowledgmentDates,
    *,
    on: dt.date,
    deadline: dt.date,
    today: dt.date,
    proceeding_on: dt.date | None = None,
) -> list[Problem]:
    """Why the acknowledgment cannot be rescinded on ``on`` (empty when it can).

    42 USC 666(a)(5)(D)(ii): a signatory may rescind within the earlier of (I) 60 days (the
    ``deadline``, inclusive) or (II) the date of an administrative or judicial proceeding
    relating to the child in which the signatory is a party (``proceeding_on``, if any). After
    that the acknowledgment may be challenged in court only for fraud, duress or material
    mistake of fact (666(a)(5)(D)(iii))."""
    problems: list[Problem] = []
    if on > today:
        problems.append(Problem("rescinded_on", "the rescission date cannot be in the future"))
    if on < dates.last_signature:
        problems.append(
            Problem(
                "rescinded_on",
                "an acknowledgment cannot be rescinded before both parents have signed it",
            )
        )
    if on > deadline:
        problems.append(
            Problem(
                "rescinded_on",
                f"the rescission period ended on {deadline.isoformat()}; the acknowledgment can "
                "now be challenged only in court for fraud, duress or material mistake of fact",
            )
        )
    elif proceeding_on is not None and dates.last_signature <= proceeding_on < on:
        problems.append(
            Problem(
                "rescinded_on",
                f"a proceeding about the child on {proceeding_on.isoformat()} ended the "
                "rescission period",
            )
        )
    return problems


def can_rescind(
    dates: AcknowledgmentDates,
    *,
    on: dt.date,
    deadline: dt.date,
    today: dt.date,
    proceeding_on: dt.date | None = None,
) -> bool:
    """Whether a signatory may still rescind on ``on`` (42 USC 666(a)(5)(D)(ii))."""
    return not rescission_problems(
        dates, on=on, deadline=deadline, today=today, proceeding_on=proceeding_on
    )


class GeneticConclusion(StrEnum):
    PRESUMED = "presumed"  # at or above the threshold: paternity is presumed
    NOT_EXCLUDED = "not_excluded"  # the man is not excluded, but below the threshold
    EXCLUDED = "excluded"  # the man cannot be the father


def genetic_conclusion(
    probability_percent: Decimal, *, threshold_percent: Decimal, excluded: bool = False
) -> GeneticConclusion:
    """What a genetic test result concludes about the alleged father.

    42 USC 666(a)(5)(G): a genetic test result indicating a threshold probability of paternity
    creates a rebuttable (or, at the state's option, conclusive) presumption of paternity.
    Connecticut's threshold (CGS 46b-168; ct-policy.md) is the ``genetic_test_presumption_percent``
    parameter, 99 % by default. A
    probability at or above the threshold presumes; a laboratory's exclusion, or a probability of
    0 %, excludes; anything in between does not exclude but does not presume either.

    Raises ValueError for a probability outside 0 to 100 % or an exclusion reported together with a
    probability at or above the threshold."""
    if not ZERO <= probability_percent <= HUNDRED:
        raise ValueError("the probability of paternity must be between 0 and 100 percent")
    if not ZERO < threshold_percent <= HUNDRED:
        raise ValueError("the presumption threshold must be above 0 and at most 100 percent")
    if excluded and probability_percent >= threshold_percent:
        raise ValueError(
            "a result that excludes the alleged father cannot show a probability at or above "
            "the presumption threshold"
        )
    if excluded or probability_percent == ZERO:
        return GeneticConclusion.EXCLUDED
    if probability_percent >= threshold_percent:
        return GeneticConclusion.PRESUMED
    return GeneticConclusion.NOT_EXCLUDED
