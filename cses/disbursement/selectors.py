"""Reading disbursement: a case's balances by category, its disbursements and holds, the payee
and how the payee is paid, and the day's files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from cses.cases.models import Case, CaseMember, MemberRole
from cses.disbursement.models import (
    Disbursement,
    DisbursementFile,
    DisbursementHold,
    PaymentInstruction,
    PaymentMethod,
    holds_in_force,
)
from cses.ledger.models import RECEIVABLE_ACCOUNTS, Account
from cses.ledger.selectors import case_balances

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class BalanceLine:
    account: str
    label: str
    amount: Decimal


@dataclass
class BalanceGroup:
    """Accounts shown together, each amount signed so that what the group names is positive."""

    key: str
    title: str
    hint: str
    lines: list[BalanceLine] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)


# (key, title, hint, accounts, sign): receivables are debit balances (owed by the noncustodial
# parent); what the State Disbursement Unit holds or has paid out is a credit balance, shown
# negated.
GROUPS = (
    (
        "owed",
        _("Owed by the noncustodial parent"),
        _("Current charges not yet paid, and arrears by assignment category."),
        RECEIVABLE_ACCOUNTS,
        1,
    ),
    (
        "held",
        _("Held by the State Disbursement Unit"),
        _("Received for the case and not yet distributed, or more than everything owed."),
        (Account.UNDISTRIBUTED, Account.HELD),
        -1,
    ),
    (
        "payable",
        _("Payable to the family"),
        _("Distributed to the family and not yet disbursed (a hold keeps it here)."),
        (Account.PAYABLE_FAMILY,),
        -1,
    ),
    (
        "retained",
        _("Retained by the state"),
        _("Collections kept to repay assistance, with the federal and state shares."),
        (Account.RETAINED_FEDERAL, Account.RETAINED_STATE),
        -1,
    ),
    (
        "fees",
        _("Fees and unclaimed money"),
        _("The annual fee taken from the family's payments, and money escheated."),
        (Account.FEE_INCOME, Account.ESCHEATED),
        -1,
    ),
)


def balances_by_category(case_id: int, as_of: dt.date) -> list[BalanceGroup]:
    """The case's ledger balances at the end of ``as_of``, labelled and grouped: what is owed,
    what the SDU holds, what is payable to the family, what the state retained, fees. Every
    account of a group is listed, zero or not."""
    balances = case_balances(case_id, as_of)
    groups = []
    for key, title, hint, accounts, sign in GROUPS:
        group = BalanceGroup(key=key, title=title, hint=hint)
        for account in accounts:
            amount = sign * balances.get(account, ZERO)
            group.lines.append(BalanceLine(account, Account(account).label, amount + ZERO))
        groups.append(group)
    return groups


def payee_of(case: Case):
    """The custodial party, who receives the family's payments (None if the case has none)."""
    member = (
        CaseMember.objects.filter(case=case, role=MemberRole.CUSTODIAL_PARTY)
        .select_related("person")
        .order_by("id")
        .first()
    )
    return member.person if member else None


def instruction_in_force(person) -> PaymentInstruction | None:
    if person is None:
        return None
    return (
        PaymentInstruction.objects.filter(person=person, ended_on__isnull=True)
        .select_related("mailing_address")
        .first()
    )


def instruction_history(person, limit: int = 10) -> list[PaymentInstruction]:
    if person is None:
        return []
    return list(
        PaymentInstruction.objects.filter(person=person, ended_on__isnull=False)
        .select_related("mailing_address")
        .order_by("-effective_from", "-id")[:limit]
    )


def masked_method(method: str, instruction: PaymentInstruction | None, check_number=None) -> str:
    """How a payment goes, with no more than the last four digits of an account or card."""
    label = str(PaymentMethod(method).label)
    if instruction is None:
        return label
    if method == PaymentMethod.DIRECT_DEPOSIT and instruction.account_last4:
        return f"{label} {instruction.account_masked}"
    if method == PaymentMethod.DEBIT_CARD and instruction.card_account_id:
        return f"{label} ****{instruction.card_account_id[-4:]}"
    if method == PaymentMethod.CHECK and check_number:
        return f"{label} #{check_number}"
    return label


def case_disbursements(case: Case) -> list[Disbursement]:
    """The case's disbursements, newest first, each with ``shown_method`` (masked)."""
    items = list(
        Disbursement.objects.filter(case=case)
        .select_related("instruction", "file")
        .order_by("-created_on", "-id")
    )
    for d in items:
        d.shown_method = masked_method(d.method, d.instruction, d.check_number)
    return items


def case_holds(case: Case, on: dt.date) -> tuple[list[DisbursementHold], list[DisbursementHold]]:
    """(holds in force on ``on``, the others: released, expired or not yet begun)."""
    holds = list(DisbursementHold.objects.filter(case=case).order_by("-held_from", "-id"))
    in_force = set(
        DisbursementHold.objects.filter(holds_in_force(on), case=case).values_list("pk", flat=True)
    )
    return [h for h in holds if h.pk in in_force], [h for h in holds if h.pk not in in_force]


def day_files(on: dt.date) -> list[DisbursementFile]:
    """The disbursement files written on a day (the content is left to the download)."""
    return list(DisbursementFile.objects.filter(created_on=on).defer("content").order_by("kind"))
