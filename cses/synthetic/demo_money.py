"""Money for the demo: six weeks of charges under the seeded orders, last month rolled into
arrears, a week of employer payments (a few left in suspense), distributed and disbursed, so the
payment history, the suspense queue and the daily balancing report have something to show.

Runs once: a second call finds the demo receipts and does nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from cses.cases.models import CaseMember, MemberRole
from cses.disbursement.jobs import disburse_due
from cses.disbursement.models import PaymentInstruction
from cses.disbursement.models import PaymentMethod as PayeeMethod
from cses.distribution.services import distribute_pending
from cses.ledger.jobs import accrue_through, months_ending_between, roll_over_month
from cses.ledger.receipts_posting import post_receipts
from cses.orders.models import SupportOrder
from cses.receipts.models import PaymentMethod, Receipt, ReceiptSource

PREFIX = "demo:"
CHARGE_DAYS = 42
PAYING_SHARE = 0.6
SUSPENSE_RECEIPTS = 3


def give_payees_debit_cards(case_ids: list[int], on: dt.date) -> None:
    """Every custodial party of the cases without a payment instruction gets a debit card
    (synthetic data: the demo and the benchmark)."""
    have = set(
        PaymentInstruction.objects.filter(ended_on__isnull=True).values_list("person_id", flat=True)
    )
    payees = (
        CaseMember.objects.filter(
            case_id__in=case_ids, role=MemberRole.CUSTODIAL_PARTY, left_on__isnull=True
        )
        .values_list("person_id", flat=True)
        .distinct()
    )
    PaymentInstruction.objects.bulk_create(
        (
            PaymentInstruction(
                person_id=p,
                method=PayeeMethod.DEBIT_CARD,
                card_account_id=f"CARD{p:010d}",
                effective_from=on,
            )
            for p in payees.iterator(chunk_size=5000)
            if p not in have
        ),
        batch_size=5000,
    )


def set_up_demo_money(today: dt.date, *, seed_value: int = 2026) -> int:
    """Returns how many receipts were added (0 when the demo already has its money)."""
    if Receipt.objects.filter(source_reference__startswith=PREFIX).exists():
        return 0
    start = today - dt.timedelta(days=CHARGE_DAYS)
    accrue_through(start, today)
    for month_end in months_ending_between(start, today - dt.timedelta(days=1)):
        roll_over_month(month_end)
    case_ids = list(
        SupportOrder.objects.filter(active=True).values_list("case_id", flat=True).distinct()
    )
    rng = random.Random(seed_value)
    paying = sorted(rng.sample(case_ids, int(len(case_ids) * PAYING_SHARE)))
    received_on = today - dt.timedelta(days=3)
    receipts = [
        Receipt(
            source_reference=f"{PREFIX}{case_id}:{received_on}",
            source=ReceiptSource.EMPLOYER_WITHHOLDING,
            method=PaymentMethod.ACH,
            received_on=received_on,
            amount=Decimal(rng.randint(40, 400)),
            case_id=case_id,
            payer_name="Nutmeg Tool & Die",
            status=Receipt.Status.IDENTIFIED,
        )
        for case_id in paying
    ]
    receipts += [
        Receipt(
            source_reference=f"{PREFIX}suspense:{n}",
            source=ReceiptSource.PARENT_PAYMENT,
            method=PaymentMethod.MONEY_ORDER,
            received_on=today - dt.timedelta(days=n * 9 + 1),
            amount=Decimal(rng.randint(25, 150)),
            payer_name="Unreadable signature",
            case_reference=f"CS{rng.randint(1, 99):09d}X",
            status=Receipt.Status.SUSPENSE,
            status_reason="The case number given matches no case",
        )
        for n in range(SUSPENSE_RECEIPTS)
    ]
    created = Receipt.objects.bulk_create(receipts)
    post_receipts([r.pk for r in created], posted_on=received_on)
    distribute_pending(received_on)
    give_payees_debit_cards(paying, received_on)
    disburse_due(today - dt.timedelta(days=1))
    return len(created)
