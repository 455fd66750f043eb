"""Distribution of one receipt (42 USC 657; 45 CFR 302.51, 303.72): worked examples for each family
type, the federal tax refund offset, the pass-through and the URA cap (federal-rules.md §1.9 among
them); properties over random cases (every cent conserved, shares sum, nothing over-paid); the
contract's input and output; proration among a parent's cases (45 CFR 303.100(a)(5))."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cses.rules.distribution import (
    ARREARS,
    CURRENT_DUE,
    Arrears,
    Assistance,
    Basis,
    Category,
    CurrentDue,
    Distribution,
    DistributionInput,
    DistributionInputError,
    Ordering,
    Payee,
    ProrationError,
    Receipt,
    Source,
    distribute,
    distribution_to_contract,
    parse_contract_input,
    prorate,
)

D = Decimal
DAY = dt.date(2026, 5, 15)
HALF = D("0.50")


def case(
    assistance: str,
    amount: str,
    *,
    source: str = "employer_withholding",
    current: str = "0",
    medical: str = "0",
    child_care: str = "0",
    pa: str = "0",
    ta: str = "0",
    ca: str = "0",
    na: str = "0",
    ud: str = "0",
    pass_through: str = "0",  # noqa: S107 (an amount, not a password)
    ordering: str = "prwora",
    ura: str | None = None,
    fmap: Decimal = HALF,
) -> Distribution:
    return distribute(
        DistributionInput(
            assistance=Assistance(assistance),
            receipt=Receipt(D(amount), Source(source), DAY),
            current_due=CurrentDue(D(current), D(medical), D(child_care)),
            arrears=Arrears(D(pa), D(ta), D(ca), D(na), D(ud)),
            fmap=fmap,
            pass_through=D(pass_through),
            ordering=Ordering(ordering),
            ura=None if ura is None else D(ura),
        )
    )


def lines(d: Distribution) -> list[tuple[str, str, str]]:
    """The allocations as (to, amount, payee), for comparing with a worked example."""
    return [(str(a.to), f"{a.amount:.2f}", str(a.payee)) for a in d.allocations]


def totals(d: Distribution) -> tuple[str, str, str, str, str]:
    return tuple(
        f"{x:.2f}" for x in (d.to_family, d.retained, d.federal_share, d.state_share, d.unallocated)
    )


# --- worked examples: current assistance (42 USC 657(a)(1)) -------------------------------------


def test_current_assistance_without_pass_through_reimburses_assistance():
    # given a family on TANF, $200 current support due and $500 permanently assigned arrears
    d = case("current", "300.00", current="200.00", pa="500.00", na="100.00", ura="5000.00")
    # then current support and then the assigned arrears are retained, half federal
    assert lines(d) == [
        ("current_support", "200.00", "state"),
        ("permanently_assigned", "100.00", "state"),
    ]
    # to_family, retained, federal, state, unallocated
    assert totals(d) == ("0.00", "300.00", "150.00", "150.00", "0.00")
    assert d.ura_remaining == D("4700.00")
    assert d.allocations[0].basis is Basis.REIMBURSES_ASSISTANCE
    assert d.allocations[0].reason.startswith(
        "$200.00 to current support due for the period, retained by the state: current support "
        "is paid first (45 CFR 302.51(a)(1); 42 USC 657(a))"
    )
    assert "42 USC 657(a)(1)" in d.allocations[1].reason


def test_current_assistance_pass_through_goes_to_the_family_with_no_federal_share():
    # given Connecticut's $50 pass-through still unpaid this month
    d = case("current", "300.00", current="200.00", pa="500.00", pass_through="50.00")
    assert lines(d) == [
        ("current_support", "50.00", "family"),
        ("current_support", "150.00", "state"),
        ("permanently_assigned", "100.00", "state"),
    ]
    # the federal share is half of the $250 retained, not of the $300 collected
    assert totals(d) == ("50.00", "250.00", "125.00", "125.00", "0.00")
    assert d.pass_through_paid == D("50.00")
    assert d.allocations[0].basis is Basis.PASS_THROUGH
    assert "passes through" in d.allocations[0].reason
    assert "42 USC 657(a)(6)" in d.allocations[0].reason


def test_current_assistance_pass_through_is_of_current_support_only():
    # given no current support due, the pass-through does not apply to arrears
    d = case("current", "100.00", ta="40.00", pa="100.00", pass_through="50.00")
    assert lines(d) == [
        ("temporarily_assigned", "40.00", "state"),
        ("permanently_assigned", "60.00", "state"),
    ]
    assert d.pass_through_paid == 0


def test_current_assistance_pays_the_familys_arrears_after_the_assigned_arrears():
    d = case(
        "current",
        "1000.00",
        current="200.00",
        medical="20.00",
        ta="100.00",
        pa="400.00",
        na="100.00",
        ca="50.00",
        pass_through="50.00",
    )
    assert lines(d) == [
        ("current_support", "50.00", "family"),
        ("current_support", "150.00", "state"),
        ("medical_support", "20.00", "state"),
        ("temporarily_assigned", "100.00", "state"),
        ("permanently_assigned", "400.00", "state"),
        ("never_assigned", "100.00", "family"),
        ("conditionally_assigned", "50.00", "family"),
    ]
    assert totals(d) == ("200.00", "670.00", "335.00", "335.00", "130.00")


def test_current_assistance_federal_tax_offset():
    # given an offset and current support due: the offset pays arrears only, assigned first,
    # conditionally assigned kept by the state, no pass-through
    d = case(
        "current",
        "350.00",
        source="federal_tax_offset",
        current="200.00",
        ta="100.00",
        ca="100.00",
        pa="100.00",
        na="100.00",
        pass_through="50.00",
    )
    assert lines(d) == [
        ("temporarily_assigned", "100.00", "state"),
        ("conditionally_assigned", "100.00", "state"),
        ("permanently_assigned", "100.00", "state"),
        ("never_assigned", "50.00", "family"),
    ]
    assert d.pass_through_paid == 0
    assert all("never applied to current support" in a.reason for a in d.allocations)


# --- former assistance (42 USC 657(a)(2)): federal-rules.md §1.9 --------------------------------

EXAMPLE = {"current": "400.00", "na": "1000.00", "ca": "600.00", "pa": "2000.00", "ura": "5000.00"}


@pytest.mark.parametrize("ordering", ["prwora", "dra"])
def test_example_a_wage_withholding_for_a_former_assistance_family(ordering):
    d = case("former", "900.00", ordering=ordering, **EXAMPLE)
    assert lines(d) == [
        ("current_support", "400.00", "family"),
        ("never_assigned", "500.00", "family"),
    ]
    assert totals(d) == ("900.00", "0.00", "0.00", "0.00", "0.00")
    assert d.ura_remaining == D("5000.00")
    assert d.allocations[0].basis is Basis.CURRENT_SUPPORT_TO_FAMILY
    assert "42 USC 657(a)(2)(A)" in d.allocations[0].reason
    assert "42 USC 657(a)(2)(B)" in d.allocations[1].reason


def test_example_b_federal_tax_offset_prwora_pays_assigned_arrears_first():
    d = case("former", "1800.00", source="federal_tax_offset", **EXAMPLE)
    assert lines(d) == [
        ("conditionally_assigned", "600.00", "state"),
        ("permanently_assigned", "1200.00", "state"),
    ]
    assert totals(d) == ("0.00", "1800.00", "900.00", "900.00", "0.00")
    assert d.ura_remaining == D("3200.00")
    assert {a.basis for a in d.allocations} == {Basis.OFFSET_ASSIGNED_FIRST}
    assert "conditionally assigned arrears collected by federal tax refund offset are kept" in (
        d.allocations[0].reason
    )
    assert "42 USC 657(a)(2)(B)(iv)" in d.allocations[1].reason


def test_example_b_federal_tax_offset_dra_pays_the_family_first():
    d = case("former", "1800.00", source="federal_tax_offset", ordering="dra", **EXAMPLE)
    assert lines(d) == [
        ("never_assigned", "1000.00", "family"),
        ("conditionally_assigned", "600.00", "family"),
        ("permanently_assigned", "200.00", "state"),
    ]
    assert totals(d) == ("1600.00", "200.00", "100.00", "100.00", "0.00")
    assert d.allocations[0].basis is Basis.OFFSET_FAMILY_FIRST
    assert "45 CFR 303.72(h)(3)(ii)" in d.allocations[0].reason


def test_former_prwora_offset_pays_the_family_once_assigned_arrears_are_paid():
    d = case("former", "500.00", source="federal_tax_offset", current="400.00", pa="300.00")
    assert lines(d) == [("permanently_assigned", "300.00", "state")]
    # current support is never paid by an offset; the rest is refunded to the obligor
    assert totals(d) == ("0.00", "300.00", "150.00", "150.00", "200.00")
    assert "refunded to the obligor (45 CFR 303.72(h)(4)" in (d.unallocated_reason or "")

    d = case("former", "500.00", source="federal_tax_offset", pa="300.00", ud="100.00", na="50.00")
    assert lines(d) == [
        ("permanently_assigned", "300.00", "state"),
        ("never_assigned", "50.00", "family"),
        ("unassigned_during_assistance", "100.00", "family"),
    ]
    assert d.allocations[1].basis is Basis.OFFSET_FAMILY_ARREARS


def test_former_conditionally_assigned_arrears_go_to_the_family_unless_collected_by_offset():
    d = case("former", "1000.00", current="400.00", ca="600.00", pa="2000.00")
    assert lines(d) == [
        ("current_support", "400.00", "family"),
        ("conditionally_assigned", "600.00", "family"),
    ]
    assert "collected other than by federal tax refund offset go to the family" in (
        d.allocations[1].reason
    )


def test_former_pays_all_current_due_then_family_arrears_then_assigned():
    d = case(
        "former",
        "1000.00",
        current="100.00",
        medical="25.00",
        child_care="75.00",
        na="100.00",
        ud="100.00",
        ca="100.00",
        pa="300.00",
        ta="100.00",
        ura="10000.00",
    )
    assert lines(d) == [
        ("current_support", "100.00", "family"),
        ("medical_support", "25.00", "family"),
        ("child_care", "75.00", "family"),
        ("never_assigned", "100.00", "family"),
        ("unassigned_during_assistance", "100.00", "family"),
        ("conditionally_assigned", "100.00", "family"),
        ("permanently_assigned", "300.00", "state"),
        ("temporarily_assigned", "100.00", "state"),
    ]
    assert totals(d) == ("500.00", "400.00", "200.00", "200.00", "100.00")


def test_a_state_tax_offset_is_distributed_like_any_collection():
    d = case("former", "500.00", source="state_tax_offset", current="400.00", pa="300.00")
    assert lines(d) == [
        ("current_support", "400.00", "family"),
        ("permanently_assigned", "100.00", "state"),
    ]


# --- never assistance (42 USC 657(a)(4)) --------------------------------------------------------


def test_never_assistance_everything_to_the_family():
    d = case("never", "200.00", current="100.00", medical="20.00", child_care="30.00", na="500.00")
    assert lines(d) == [
        ("current_support", "100.00", "family"),
        ("medical_support", "20.00", "family"),
        ("child_care", "30.00", "family"),
        ("never_assigned", "50.00", "family"),
    ]
    assert totals(d) == ("200.00", "0.00", "0.00", "0.00", "0.00")
    assert {a.basis for a in d.allocations} == {Basis.NEVER_ASSISTANCE}
    assert "42 USC 657(a)(4)" in d.allocations[0].reason


def test_never_assistance_federal_tax_offset_pays_arrears_only():
    d = case("never", "700.00", source="federal_tax_offset", current="100.00", na="500.00")
    assert lines(d) == [("never_assigned", "500.00", "family")]
    assert totals(d) == ("500.00", "0.00", "0.00", "0.00", "200.00")
    assert "never applied to current support" in d.allocations[0].reason


# --- the URA cap (42 USC 657(a)(3)) -------------------------------------------------------------


def test_the_state_retains_no_more_than_the_unreimbursed_assistance():
    d = case(
        "current", "500.00", current="300.00", pa="1000.00", pass_through="50.00", ura="100.00"
    )
    assert lines(d) == [
        ("current_support", "50.00", "family"),
        ("current_support", "100.00", "state"),
        ("current_support", "150.00", "family"),
        ("permanently_assigned", "200.00", "family"),
    ]
    assert totals(d) == ("400.00", "100.00", "50.00", "50.00", "0.00")
    assert d.ura_remaining == 0
    assert d.allocations[2].basis is Basis.URA_EXHAUSTED
    assert d.allocations[2].reason == (
        "$150.00 to current support due for the period, paid to the family: the state may "
        "retain no more than the unreimbursed assistance ($100.00), which is now fully "
        "reimbursed, so the rest goes to the family (42 USC 657(a)(3))"
    )


def test_former_assistance_assigned_arrears_above_the_ura_go_to_the_family():
    d = case("former", "100.00", pa="1000.00", ura="30.00")
    assert lines(d) == [
        ("permanently_assigned", "30.00", "state"),
        ("permanently_assigned", "70.00", "family"),
    ]
    assert case("former", "100.00", pa="1000.00", ura="0").retained == 0


def test_without_ura_there_is_no_cap():
    d = case("former", "100.00", pa="1000.00")
    assert d.retained == D("100.00")
    assert d.ura_remaining is None


# --- overpayment, zero receipt, shares ----------------------------------------------------------


def test_what_exceeds_everything_owed_is_unallocated():
    d = case("former", "150.00", current="100.00")
    assert lines(d) == [("current_support", "100.00", "family")]
    assert totals(d) == ("100.00", "0.00", "0.00", "0.00", "50.00")
    assert d.unallocated_reason == (
        "$50.00 is more than everything owed: it is refunded to the payer or held for future "
        "support as policy says (45 CFR 302.51(b))"
    )


@pytest.mark.parametrize("assistance", ["current", "former", "never"])
def test_a_zero_receipt_allocates_nothing(assistance):
    d = case(assistance, "0", current="100.00", pa="100.00", na="100.00", pass_through="50.00")
    assert d.allocations == ()
    assert totals(d) == ("0.00", "0.00", "0.00", "0.00", "0.00")
    assert d.unallocated_reason is None


def test_the_federal_share_is_rounded_to_the_cent_and_the_state_takes_the_rest():
    d = case("former", "0.01", pa="1.00")
    assert (d.federal_share, d.state_share) == (D("0.01"), D("0.00"))
    d = case("former", "100.03", pa="1000.00", fmap=D("0.5823"))
    assert (d.federal_share, d.state_share) == (D("58.25"), D("41.78"))


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: Receipt(D("-1.00"), Source.LEVY, DAY), "receipt.amount"),
        (lambda: Receipt(D("1.001"), Source.LEVY, DAY), "receipt.amount"),
        (lambda: CurrentDue(current_support=D("-0.01")), "current_due.current_support"),
        (lambda: Arrears(never_assigned=D("-5")), "arrears.never_assigned"),
        (lambda: Arrears(never_assigned=5), "arrears.never_assigned"),  # type: ignore[arg-type]
    ],
)
def test_negative_or_fractional_cent_amounts_are_refused(make, field):
    with pytest.raises(ValueError, match=field):
        make()


def test_a_bad_fmap_or_ura_is_refused():
    receipt = Receipt(D("1.00"), Source.LEVY, DAY)
    with pytest.raises(ValueError, match="fmap"):
        DistributionInput(Assistance.FORMER, receipt, CurrentDue(), Arrears(), fmap=D("1.5"))
    with pytest.raises(ValueError, match="ura"):
        DistributionInput(Assistance.FORMER, receipt, CurrentDue(), Arrears(), HALF, ura=D(-1))


# --- properties ---------------------------------------------------------------------------------

cents = st.integers(min_value=0, max_value=2_000_000).map(lambda c: D(c) / 100)
small_cents = st.one_of(st.just(D("0.00")), cents, st.integers(0, 500).map(lambda c: D(c) / 100))
inputs = st.builds(
    DistributionInput,
    assistance=st.sampled_from(Assistance),
    receipt=st.builds(Receipt, amount=cents, source=st.sampled_from(Source), date=st.just(DAY)),
    current_due=st.builds(CurrentDue, small_cents, small_cents, small_cents),
    arrears=st.builds(Arrears, small_cents, small_cents, small_cents, small_cents, small_cents),
    fmap=st.integers(0, 10_000).map(lambda n: D(n) / 10_000),
    pass_through=small_cents,
    ordering=st.sampled_from(Ordering),
    ura=st.one_of(st.none(), small_cents),
)


@given(inputs)
def test_every_cent_is_conserved_and_the_shares_sum(data):
    d = distribute(data)
    amount = data.receipt.amount
    assert d.to_family + d.retained + d.unallocated == amount
    assert sum(a.amount for a in d.allocations) + d.unallocated == amount
    assert d.retained == d.federal_share + d.state_share
    assert d.federal_share == (d.retained * data.fmap).quantize(D("0.01"), ROUND_HALF_UP)
    assert d.to_family == sum(a.amount for a in d.allocations if a.payee is Payee.FAMILY)
    assert d.retained == sum(a.amount for a in d.allocations if a.payee is Payee.STATE)
    for total in (d.to_family, d.retained, d.federal_share, d.state_share, d.unallocated):
        assert total >= 0 and total == total.quantize(D("0.01"))


@given(inputs)
def test_nothing_is_paid_beyond_what_is_owed_and_nothing_is_negative(data):
    d = distribute(data)
    assert all(a.amount > 0 for a in d.allocations)
    for category in Category:
        assert d.applied_to(category) <= data.owed(category)
        assert d.owed_after(category) >= 0


@given(inputs)
def test_the_state_never_retains_more_than_the_unreimbursed_assistance(data):
    d = distribute(data)
    if data.ura is not None:
        assert d.retained <= data.ura
        assert d.ura_remaining == data.ura - d.retained
    if data.assistance is Assistance.NEVER:
        assert d.retained == 0


@given(inputs)
def test_the_federal_tax_offset_and_pass_through_rules_hold(data):
    d = distribute(data)
    offset = data.receipt.source is Source.FEDERAL_TAX_OFFSET
    if offset:
        assert not any(a.to.is_current for a in d.allocations)
    assert d.pass_through_paid <= data.pass_through
    if data.assistance is not Assistance.CURRENT or offset:
        assert d.pass_through_paid == 0
    payable = [c for c in Category if not (offset and c.is_current)]
    if d.unallocated > 0:
        # money is left over only when everything the receipt may pay is paid
        assert all(d.owed_after(c) == 0 for c in payable)


@given(inputs)
def test_every_allocation_is_explained_with_its_amount_and_a_citation(data):
    d = distribute(data)
    for a in d.allocations:
        assert a.reason.startswith(f"${a.amount:,.2f} to {a.to.label}, ")
        assert "USC" in a.reason or "CFR" in a.reason
    assert (d.unallocated_reason is None) == (d.unallocated == 0)


# --- the contract's input and output ------------------------------------------------------------

CONTRACT = {
    "assistance": "former",
    "receipt": {"amount": "300.00", "source": "employer_withholding", "date": "2026-05-15"},
    "current_due": {"current_support": "100.00", "medical_support": "0", "child_care": "0"},
    "arrears": {
        "permanently_assigned": "1000.00",
        "temporarily_assigned": "0",
        "conditionally_assigned": "0",
        "never_assigned": "150.00",
        "unassigned_during_assistance": "0",
    },
    "fmap": "0.50",
    "pass_through": "0",
    "ordering": "prwora",
    "ura": "5000.00",
}


def test_the_contract_example():
    out = distribution_to_contract(distribute(parse_contract_input(CONTRACT)))
    assert [{k: a[k] for k in ("to", "amount", "payee")} for a in out["allocations"]] == [
        {"to": "current_support", "amount": "100.00", "payee": "family"},
        {"to": "never_assigned", "amount": "150.00", "payee": "family"},
        {"to": "permanently_assigned", "amount": "50.00", "payee": "state"},
    ]
    assert {k: out[k] for k in ("to_family", "retained", "federal_share", "state_share")} == {
        "to_family": "250.00",
        "retained": "50.00",
        "federal_share": "25.00",
        "state_share": "25.00",
    }
    assert out["unallocated"] == "0.00"
    assert out["owed_after"]["arrears"]["permanently_assigned"] == "950.00"
    assert out["ura_remaining"] == "4950.00"


def test_optional_fields_and_numbers():
    data = {
        "assistance": "never",
        "receipt": {"amount": 12.5, "source": "parent_payment", "date": "2026-05-15"},
        "current_due": {"current_support": 10},
        "arrears": {},
    }
    parsed = parse_contract_input(data)
    assert parsed.receipt.amount == D("12.50")
    assert parsed.ordering is Ordering.PRWORA
    assert parsed.ura is None
    assert parsed.fmap == 0 and parsed.pass_through == 0
    assert parsed.arrears == Arrears()


def problems(change: dict, *, drop: tuple[str, ...] = ()) -> tuple[str, ...]:
    data = {k: v for k, v in {**CONTRACT, **change}.items() if k not in drop}
    with pytest.raises(DistributionInputError) as error:
        parse_contract_input(data)
    return error.value.problems


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"assistance": "sometimes"}, "assistance: must be one of current, former, never"),
        ({"ordering": "fifo"}, "ordering: must be one of prwora, dra"),
        ({"receipt": {**CONTRACT["receipt"], "amount": "-1"}}, "receipt.amount: must not be"),
        ({"receipt": {**CONTRACT["receipt"], "amount": "1.234"}}, "receipt.amount: must have"),
        ({"receipt": {**CONTRACT["receipt"], "amount": "ten"}}, "receipt.amount: must be an"),
        ({"receipt": {**CONTRACT["receipt"], "amount": True}}, "receipt.amount: must be an"),
        ({"receipt": {**CONTRACT["receipt"], "source": "cash"}}, "receipt.source: must be one"),
        ({"receipt": {**CONTRACT["receipt"], "date": "2026-02-30"}}, "receipt.date: must be a"),
        ({"receipt": {"source": "levy", "date": "2026-01-01"}}, "receipt.amount: is required"),
        ({"receipt": "300"}, "receipt: must be an object"),
        ({"current_due": {"current_support": "-5"}}, "current_due.current_support: must not"),
        ({"current_due": {"spousal": "5"}}, "current_due.spousal: is not a field"),
        ({"arrears": {"unassigned_pre_assistance": "5"}}, "arrears.unassigned_pre_assistance:"),
        ({"arrears": {"never_assigned": "NaN"}}, "arrears.never_assigned: must be an amount"),
        ({"arrears": []}, "arrears: must be an object"),
        ({"fmap": "1.5"}, "fmap: must be a fraction between 0 and 1"),
        ({"fmap": "50"}, "fmap: must be a fraction between 0 and 1"),
        ({"fmap": "0.1234567"}, "fmap: must have at most 6 decimal places"),
        ({"pass_through": "-50"}, "pass_through: must not be negative"),
        ({"ura": "-1"}, "ura: must not be negative"),
        ({"case": "X1"}, "case: is not a field of the input"),
    ],
)
def test_bad_input_names_the_field(change, expected):
    assert any(p.startswith(expected) for p in problems(change)), problems(change)


@pytest.mark.parametrize("field", ["assistance", "receipt", "current_due", "arrears", "fmap"])
def test_required_fields(field):
    assert any(p.startswith(f"{field}: is required") for p in problems({}, drop=(field,)))


def test_pass_through_is_required_for_a_family_on_assistance():
    found = problems({"assistance": "current"}, drop=("pass_through",))
    assert found == (
        "pass_through: is required for a family receiving assistance (what is still to pass "
        'through this month; "0" if none)',
    )


def test_every_problem_is_reported_at_once():
    found = problems({"assistance": "x", "fmap": "2", "receipt": {"amount": "-1"}})
    assert [p.split(":")[0] for p in found] == [
        "assistance",
        "receipt.amount",
        "receipt.source",
        "receipt.date",
        "fmap",
    ]


def test_input_that_is_not_an_object():
    with pytest.raises(DistributionInputError, match="input: must be a JSON object"):
        parse_contract_input([CONTRACT])


@given(inputs)
def test_the_contract_output_has_the_contract_keys_and_sums(data):
    out = distribution_to_contract(distribute(data))
    assert {
        "allocations",
        "to_family",
        "retained",
        "federal_share",
        "state_share",
        "unallocated",
    } <= set(out)
    for a in out["allocations"]:
        assert a["to"] in {str(c) for c in (*CURRENT_DUE, *ARREARS)}
        assert a["payee"] in {"family", "state"}
    amount = D(out["receipt"]["amount"])
    assert D(out["to_family"]) + D(out["retained"]) + D(out["unallocated"]) == amount
    assert D(out["retained"]) == D(out["federal_share"]) + D(out["state_share"])


# --- proration among a parent's cases (45 CFR 303.100(a)(5)) -----------------------------------


def test_prorate_by_current_support_due_with_the_largest_remainder():
    parts = prorate(D("100.00"), {"A": D("300.00"), "B": D("200.00"), "C": D("100.00")})
    # exact shares 50, 33.333…, 16.666…: the left-over cent goes to C's larger remainder
    assert parts == {"A": D("50.00"), "B": D("33.33"), "C": D("16.67")}


def test_prorate_ties_go_to_more_support_due_then_to_the_first_case():
    # exact shares 0.005 and 0.015: equal remainders, the cent goes to B (more due)
    assert prorate(D("0.02"), {"A": D("1.00"), "B": D("3.00")}) == {
        "A": D("0.00"),
        "B": D("0.02"),
    }
    assert prorate(D("0.01"), {7: D("100.00"), 3: D("100.00")}) == {7: D("0.01"), 3: D("0.00")}


def test_prorate_is_not_monotonic_in_the_amount_the_documented_alabama_paradox():
    dues = {"A": D(1), "B": D(3), "C": D(3)}
    assert list(prorate(D("0.03"), dues).values()) == [D("0.01"), D("0.01"), D("0.01")]
    assert list(prorate(D("0.04"), dues).values()) == [D("0.00"), D("0.02"), D("0.02")]


def test_prorate_edge_cases():
    assert prorate(D("10.00"), {"only": D("1.00")}) == {"only": D("10.00")}
    assert prorate(D("10.00"), {"A": D("0"), "B": D("5.00")}) == {"A": D(0), "B": D("10.00")}
    assert prorate(D("0"), {"A": D("0"), "B": D("0")}) == {"A": D(0), "B": D(0)}
    with pytest.raises(ProrationError, match="no case has current support due"):
        prorate(D("1.00"), {"A": D("0"), "B": D("0")})
    with pytest.raises(ProrationError, match="no cases"):
        prorate(D("1.00"), {})
    with pytest.raises(ValueError, match="amount: must not be negative"):
        prorate(D("-1.00"), {"A": D("1.00")})
    with pytest.raises(ValueError, match="case 'B'"):
        prorate(D("1.00"), {"A": D("1.00"), "B": D("-1.00")})


dues = st.dictionaries(
    st.integers(0, 50), st.integers(0, 500_000).map(lambda c: D(c) / 100), min_size=1, max_size=8
).filter(lambda d: sum(d.values()) > 0)


@given(cents, dues)
def test_proration_sums_exactly_and_stays_within_a_cent(amount, due_by_case):
    parts = prorate(amount, due_by_case)
    assert list(parts) == list(due_by_case)
    assert sum(parts.values()) == amount
    total = sum(due_by_case.values())
    for case_id, part in parts.items():
        assert part >= 0 and part == part.quantize(D("0.01"))
        assert abs(part - amount * due_by_case[case_id] / total) < D("0.01")


@given(cents, dues)
def test_proration_is_monotonic_in_support_due(amount, due_by_case):
    parts = prorate(amount, due_by_case)
    for a in due_by_case:
        for b in due_by_case:
            if due_by_case[a] > due_by_case[b]:
                assert parts[a] >= parts[b]
            elif due_by_case[a] == due_by_case[b]:
                assert abs(parts[a] - parts[b]) <= D("0.01")
    assert prorate(amount, due_by_case) == parts  # deterministic
