"""The CCSG-1 worksheet: table-driven from ct-guidelines.md §3 (A1-A6, P1, H1, E1) and the verified
rules, properties over random families, and the contract's input and output."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cses.rules.guideline_schedule import HEADER, illustrative_schedule, parse_schedule_csv
from cses.rules.guidelines import (
    DEDUCTION_LINES,
    DEVIATION_CRITERIA,
    LINE_LABELS,
    DeviationError,
    Flag,
    GuidelineParameters,
    HighIncomeChoice,
    InputError,
    Parent,
    ParentIncome,
    WorksheetError,
    WorksheetInput,
    arrearage_payment,
    compute,
    parse_contract_input,
    percentage_shares,
    record_deviation,
    total_award,
    worksheet_to_contract,
)

D = Decimal
EFFECTIVE = dt.date(2015, 7, 1)
PARAMS = GuidelineParameters(low_income_threshold_weekly=D(333), self_support_reserve_weekly=D(221))
ILLUSTRATIVE = illustrative_schedule(EFFECTIVE)
RATES = (D("0.25"), D("0.35"), D("0.41"), D("0.46"), D("0.50"), D("0.53"))


def linear_schedule():
    """Levels $100 … $4,000 by $100; amount = level * a fixed rate per number of children, so
    expected figures can be worked by hand."""
    rows = [
        ",".join([str(level), *(str(int(level * rate)) for rate in RATES)])
        for level in range(100, 4001, 100)
    ]
    return parse_schedule_csv(
        ",".join(HEADER) + "\n" + "\n".join(rows) + "\n", name="linear.csv", effective=EFFECTIVE
    )


LINEAR = linear_schedule()


def family(cp="700", ncp="900", children=1, ncp_deductions=None, **kw) -> WorksheetInput:
    return WorksheetInput(
        children=children,
        custodial=ParentIncome(D(cp)),
        noncustodial=ParentIncome(D(ncp), ncp_deductions or {}),
        **kw,
    )


# --- lines 1-14 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "line"),
    [
        ("federal_income_tax", "2"),
        ("social_security", "3"),
        ("medicare", "4"),
        ("state_local_income_tax", "5"),
        ("health_premiums", "6"),
        ("life_insurance", "7"),
        ("disability_insurance", "8"),
        ("union_dues", "9"),
        ("uniforms_tools", "10"),
        ("other_support_paid", "11"),
        ("qualified_child", "12"),
    ],
)
def test_each_deduction_goes_on_its_line(key, line):
    ws = compute(family(ncp="900", ncp_deductions={key: D("12.34")}), LINEAR, PARAMS)
    lines = ws.lines()
    assert lines[line].noncustodial == D("12.34")
    assert lines[line].custodial == D(0)
    assert lines["13"].noncustodial == D("12.34")
    assert lines["14"].noncustodial == D("887.66")


def test_lines_1_to_14_add_up():
    # given a parent with every deduction (1.00, 2.00, … 11.00)
    deductions = {key: D(i) for i, key in enumerate(DEDUCTION_LINES, start=1)}
    data = WorksheetInput(
        children=1,
        custodial=ParentIncome(D("1000.00"), deductions),
        noncustodial=ParentIncome(D("500.50")),
    )
    # when the worksheet is computed
    lines = compute(data, LINEAR, PARAMS).lines()
    # then line 1 is gross, 2-12 the deductions, 13 their sum and 14 the difference
    assert lines["1"].custodial == D("1000.00")
    assert [lines[str(n)].custodial for n in range(2, 13)] == [D(i) for i in range(1, 12)]
    assert lines["13"].custodial == D(66)
    assert lines["14"].custodial == D(934)
    assert lines["14"].noncustodial == D("500.50")
    assert lines["15"] == D("1434.50")


def test_deductions_above_income_are_an_input_error_naming_the_field():
    data = family(ncp="900", ncp_deductions={"federal_income_tax": D(600), "medicare": D(400)})
    with pytest.raises(WorksheetError) as error:
        compute(data, LINEAR, PARAMS)
    assert error.value.problems == (
        "noncustodial.deductions: the deductions total 1000.00, more than the gross weekly "
        "income 900.00",
    )
    assert error.value.by_field() == [
        (
            "noncustodial.deductions",
            "the deductions total 1000.00, more than the gross weekly income 900.00",
        )
    ]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (family(children=0), "children: must be between 1 and 6"),
        (family(children=7), "children: must be between 1 and 6"),
        (family(cp="-1"), "custodial.gross_weekly_income: must not be negative"),
        (family(ncp_deductions={"bonus": D(1)}), "noncustodial.deductions.bonus: not an allowable"),
        (family(arrears_owed=D("1.001")), "arrears_owed: must have at most two decimal places"),
    ],
)
def test_compute_refuses_bad_input(data, problem):
    with pytest.raises(WorksheetError) as error:
        compute(data, LINEAR, PARAMS)
    assert any(p.startswith(problem) for p in error.value.problems)


# --- lines 15-30: a worked example on the linear schedule ---------------------------------------


def test_a_full_worksheet_worked_by_hand():
    # given CP net 700, NCP net 820, two children, a premium, child care and arrears
    data = family(
        cp="700",
        ncp="900",
        children=2,
        ncp_deductions={"federal_income_tax": D(80)},
        child_health_premium_weekly=D(30),
        child_care_weekly=D(100),
        arrears_owed=D(5000),
    )
    # when computed on the linear schedule
    ws = compute(data, LINEAR, PARAMS)
    lines = ws.lines()
    # then (L15 1520 → row 1500 → 0.35 * 1500 = 525) …
    assert lines["15"] == D(1520)
    assert lines["16"] == D(525)
    assert (lines["17"].custodial, lines["17"].noncustodial) == (D("46.05"), D("53.95"))
    # 525 * 46.05 % = 241.76 → 242; 525 * 53.95 % = 283.24 → 283 (46b-215a-6 rounding)
    assert (lines["18"].custodial, lines["18"].noncustodial) == (D(242), D(283))
    assert lines["20"].noncustodial == D(283)
    assert lines["30"] == D(283)
    # L21: 700 + 283, 820 - 283; L25: 537 / 1520 = 35.33 %
    assert (lines["21"].custodial, lines["21"].noncustodial) == (D(983), D(537))
    assert lines["24"] == D(1520)
    assert (lines["25"].custodial, lines["25"].noncustodial) == (D("64.67"), D("35.33"))
    # L31 = min(20 % of 283, 55 % of 820 - 283) = min(56.60, 168.00)
    assert lines["31"] == D("56.60")
    assert lines["33a"] == D("10.60")  # 30 * 35.33 % = 10.599
    assert lines["34a"] == D("35.33")  # 100 * 35.33 %
    assert lines["34b"] == D(0)
    assert lines["35a"] == D("385.53")
    assert lines["35b"] == D("47.02")  # 385.53 / 820
    assert ws.unreimbursed_medical_percentage == D("35.33")
    assert ws.flags == ()
    assert ws.deviation_criteria_flagged == ()


def test_e1_cross_check_shares_and_rounding():
    # E1 (LOW confidence): nets 733 and 721, two children, L15 1454 → row 1450, L16 = 404;
    # L18 = 204 / 200. A schedule with 404 at 1450 reproduces L18.
    csv_text = (
        ",".join(HEADER)
        + "\n1440,290,400,450,500,550,600\n1450,291,404,451,501,551,601\n"
        + "1460,292,408,452,502,552,602\n"
    )
    schedule = parse_schedule_csv(csv_text, name="e1.csv", effective=EFFECTIVE)
    ws = compute(family(cp="733", ncp="721", children=2), schedule, PARAMS)
    assert ws.basic_obligation == D(404)
    assert ws.percentage_share == type(ws.percentage_share)(D("50.41"), D("49.59"))
    assert (ws.share_of_obligation.custodial, ws.share_of_obligation.noncustodial) == (
        D(204),
        D(200),
    )


def test_the_illustrative_schedule_is_flagged():
    assert compute(family(), ILLUSTRATIVE, PARAMS).flags[0] == Flag.ILLUSTRATIVE_SCHEDULE
    assert Flag.ILLUSTRATIVE_SCHEDULE not in compute(family(), LINEAR, PARAMS).flags


# --- high income, 2c(a)(2) ----------------------------------------------------------------------


@pytest.mark.parametrize("children", range(1, 7))
@pytest.mark.parametrize("choice", list(HighIncomeChoice))
def test_h1_high_income_minimum_and_maximum(children, choice):
    # given combined net weekly income of 5,000, above the illustrative schedule's 4,000 top
    ws = compute(
        family(cp="2000", ncp="3000", children=children, high_income=choice), ILLUSTRATIVE, PARAMS
    )
    at_top = ILLUSTRATIVE.amounts[-1][children - 1]
    minimum = at_top
    maximum = (D(5000) * at_top / D(4000)).quantize(D("0.01"))
    # then both are recorded, the choice picks line 16, and the worksheet is flagged
    assert ws.high_income.minimum == minimum
    assert ws.high_income.maximum == maximum
    assert ws.high_income.maximum == (D(5000) * ILLUSTRATIVE.percentage_at_top(children)).quantize(
        D("0.01")
    )
    assert ws.basic_obligation == (minimum if choice is HighIncomeChoice.MINIMUM else maximum)
    assert Flag.HIGH_INCOME in ws.flags
    out = worksheet_to_contract(ws)
    assert out["high_income"]["choice"] == choice.value
    assert out["high_income"]["minimum"] == f"{minimum:.2f}"


def test_the_top_itself_is_not_high_income():
    ws = compute(family(cp="2000", ncp="2000"), ILLUSTRATIVE, PARAMS)
    assert ws.high_income is None
    assert ws.basic_obligation == D(692)
    assert "high_income" not in worksheet_to_contract(ws)


# --- Social Security dependency benefit (lines 19-20) -------------------------------------------


@pytest.mark.parametrize(
    ("benefit", "line_20", "flagged"),
    [("0", "283", False), ("50.00", "233", False), ("283", "0", True), ("400", "0", True)],
)
def test_ss_dependency_benefit_is_credited_against_the_share(benefit, line_20, flagged):
    data = WorksheetInput(
        children=2,
        custodial=ParentIncome(D(700)),
        noncustodial=ParentIncome(D(820), {}, D(benefit)),
    )
    ws = compute(data, LINEAR, PARAMS)
    assert ws.share_of_obligation.noncustodial == D(283)
    assert ws.ss_dependency_credit.noncustodial == D(benefit)
    assert ws.share_after_ss_credit.noncustodial == D(line_20)
    assert ws.current_support == D(line_20)
    assert (Flag.SS_DEPENDENCY_BENEFIT_COVERS_SHARE in ws.flags) is flagged


# --- low-income obligor (CSES interim method) ---------------------------------------------------


@pytest.mark.parametrize(
    ("ncp", "cp", "line_20", "current", "low_income", "limited"),
    [
        ("400", "800", "100", "100", False, False),  # above the 333 threshold
        ("333", "867", "83", "83", True, False),  # at the threshold: keeps 333 - 221 = 112
        ("300", "900", "75", "75", True, False),  # 25 % of 300; limit 79 does not bind
        ("250", "1000", "65", "29", True, True),  # L15 1250 → row 1300 → 325 * 20 %; 250 - 221
        ("200", "1000", "50", "0", True, True),  # below the reserve: nothing
    ],
)
def test_low_income_obligor_keeps_the_self_support_reserve(
    ncp, cp, line_20, current, low_income, limited
):
    ws = compute(family(cp=cp, ncp=ncp), LINEAR, PARAMS)
    assert ws.share_after_ss_credit.noncustodial == D(line_20)
    assert ws.current_support == D(current)
    assert ws.low_income_obligor is low_income
    assert (Flag.LOW_INCOME_OBLIGOR in ws.flags) is low_income
    assert (Flag.LOW_INCOME_LIMIT_APPLIED in ws.flags) is limited


def test_the_low_income_figures_are_parameters():
    generous = GuidelineParameters(
        low_income_threshold_weekly=D(500), self_support_reserve_weekly=D(350)
    )
    ws = compute(family(cp="800", ncp="400"), LINEAR, generous)
    assert ws.low_income_obligor
    assert ws.current_support == D(50)  # min(100, 400 - 350)


# --- arrearage payment, 3a (A1-A6) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "kw", "expected", "flags"),
    [
        ("A1", {"current_support": D(100), "obligor_net_income": D(600)}, "20.00", ()),
        (
            "A2",
            {"current_support": D(300), "obligor_net_income": D(580)},
            "19.00",
            (Flag.ARREARAGE_PAYMENT_LIMITED_BY_55_PERCENT,),
        ),
        ("A3", {"current_support": D(25), "low_income_obligor": True}, "2.50", ()),
        ("A4", {"current_support": D(5), "low_income_obligor": True}, "1.00", ()),
        (
            "A5",
            {"current_order_exists": False, "imputed_support_obligation": D(150)},
            "30.00",
            (),
        ),
        (
            "A6",
            {
                "current_order_exists": False,
                "present_duty_of_support": False,
                "imputed_support_obligation": D(150),
            },
            "150.00",
            (),
        ),
        (
            "current over 55 %",
            {"current_support": D(400), "obligor_net_income": D(600)},
            "0.00",
            (
                Flag.ARREARAGE_PAYMENT_LIMITED_BY_55_PERCENT,
                Flag.ARREARAGE_PAYMENT_ZERO_CURRENT_OVER_55_PERCENT,
            ),
        ),
        (
            "never more than owed",
            {"current_support": D(100), "obligor_net_income": D(600), "arrears_owed": D(15)},
            "15",
            (Flag.ARREARAGE_PAYMENT_LIMITED_BY_ARREARS_OWED,),
        ),
        (
            "nothing owed",
            {"current_support": D(100), "obligor_net_income": D(600), "arrears_owed": D(0)},
            "0",
            (),
        ),
        ("cents", {"current_support": D("123.45"), "obligor_net_income": D(900)}, "24.69", ()),
    ],
)
def test_arrearage_payment(case, kw, expected, flags):
    arguments = {
        "current_support": D(0),
        "obligor_net_income": D(1000),
        "arrears_owed": D(10000),
        "low_income_obligor": False,
        "current_order_exists": True,
        "present_duty_of_support": True,
        "imputed_support_obligation": D(0),
        "params": PARAMS,
        **kw,
    }
    payment = arrearage_payment(**arguments)
    assert payment.amount == D(expected), case
    assert payment.flags == flags, case


def test_no_current_order_worksheet():
    # given arrears and no current support order, parents with a present duty of support
    ws = compute(
        family(cp="800", ncp="400", arrears_owed=D(2000), current_order_exists=False),
        LINEAR,
        PARAMS,
    )
    # then line 30 is 0 and line 31 is 20 % of the support the guidelines would set (100)
    assert ws.imputed_support_obligation == D(100)
    assert ws.current_support == D(0)
    assert ws.arrearage_payment == D("20.00")
    assert Flag.NO_CURRENT_ORDER in ws.flags


def test_arrears_on_a_worksheet_use_line_30():
    ws = compute(family(cp="800", ncp="400", arrears_owed=D(2000)), LINEAR, PARAMS)
    assert ws.current_support == D(100)
    assert ws.arrearage_payment == D("20.00")


# --- total award and the 55 % test, 4b (P1) ------------------------------------------------------


@pytest.mark.parametrize(
    ("net", "total", "percent", "over"),
    [
        ("500", "290", "58.00", True),  # P1
        ("600", "290", "48.33", False),
        ("527.27", "290", "55.00", False),  # 55.0002 rounds to 55.00: not over
        ("0", "290", None, True),
    ],
)
def test_p1_total_award_and_the_55_percent_test(net, total, percent, over):
    award = total_award(
        current_support=D(200),
        arrearage_payment=D(40),
        health_care_contribution=D(20),
        child_care_contribution=D(30),
        other_contribution_34b=D(0),
        obligor_net_income=D(net),
        params=PARAMS,
    )
    assert award.total == D(total)
    assert award.percent_of_obligor_net_income == (None if percent is None else D(percent))
    assert award.over_cap is over


def test_an_award_over_55_percent_flags_deviation_criterion_6c():
    ws = compute(family(cp="800", ncp="400", child_care_weekly=D(600)), LINEAR, PARAMS)
    assert Flag.TOTAL_AWARD_OVER_55_PERCENT in ws.flags
    assert ws.deviation_criteria_flagged == ("46b-215a-5c(b)(6)(C)",)
    out = worksheet_to_contract(ws)
    assert out["deviation_criteria_flagged"][0]["code"] == "46b-215a-5c(b)(6)(C)"


def test_no_income_at_all():
    # given neither parent has income, then nobody divides by zero and nothing is owed
    ws = compute(family(cp="0", ncp="0"), LINEAR, PARAMS)
    assert ws.percentage_share.custodial == D(100)
    assert ws.percentage_share.noncustodial == D(0)
    assert ws.basic_obligation == D(25)  # below the first level: the first row
    assert ws.current_support == D(0)
    assert ws.total_award == D(0)
    assert ws.percent_of_obligor_net_income == D(0)


def test_an_obligor_without_income_owing_arrears():
    ws = compute(family(cp="500", ncp="0", arrears_owed=D(100)), LINEAR, PARAMS)
    assert ws.current_support == D(0)
    assert ws.arrearage_payment == D("1.00")  # low-income minimum
    assert ws.percent_of_obligor_net_income is None
    assert Flag.OBLIGOR_HAS_NO_NET_INCOME in ws.flags
    assert worksheet_to_contract(ws)["percent_of_obligor_net_income"] is None


# --- deviations, 5c ------------------------------------------------------------------------------


def test_deviation_criteria_are_labelled_honestly():
    assert DEVIATION_CRITERIA["46b-215a-5c(b)(6)(C)"].verified is True
    assert DEVIATION_CRITERIA["46b-215a-5c(b)(1)(B)"].verified is True
    for code in ("46b-215a-5c(b)(2)", "46b-215a-5c(b)(5)", "46b-215a-5c(b)(6)(A)"):
        assert DEVIATION_CRITERIA[code].verified is False
        assert "UNVERIFIED" in DEVIATION_CRITERIA[code].label
    assert all(c.citation.endswith(c.code) for c in DEVIATION_CRITERIA.values())


def test_a_deviation_keeps_the_guideline_amount():
    ws = compute(family(cp="800", ncp="400"), LINEAR, PARAMS)
    deviation = record_deviation(
        ws, "46b-215a-5c(b)(1)(B)", D(150), "the father has turned down full-time work"
    )
    assert deviation.guideline_amount == D(100)
    assert deviation.ordered_amount == D(150)
    assert deviation.difference == D(50)
    assert "would require 100 weekly current support" in deviation.statement()
    assert "46b-215a-5c(b)(1)(B)" in deviation.statement()


@pytest.mark.parametrize(
    ("criterion", "amount", "finding", "message"),
    [
        ("46b-215a-5c(b)(9)", D(150), "reason", "not a 46b-215a-5c(b) deviation criterion"),
        ("46b-215a-5c(b)(1)(B)", D(150), "   ", "the factual reason for the deviation is required"),
        ("46b-215a-5c(b)(1)(B)", D(-1), "reason", "ordered_amount: must not be negative"),
        ("46b-215a-5c(b)(1)(B)", D(100), "reason", "that is no deviation"),
    ],
)
def test_a_deviation_needs_a_criterion_a_finding_and_a_different_amount(
    criterion, amount, finding, message
):
    ws = compute(family(cp="800", ncp="400"), LINEAR, PARAMS)
    with pytest.raises(DeviationError, match=re.escape(message)):
        record_deviation(ws, criterion, amount, finding)


def test_a_deviation_from_another_presumptive_amount():
    ws = compute(family(cp="800", ncp="400", arrears_owed=D(500)), LINEAR, PARAMS)
    deviation = record_deviation(
        ws, "46b-215a-5c(b)(3)", D(5), "medical bills", component="arrearage_payment"
    )
    assert deviation.guideline_amount == D("20.00")


# --- the contract ----------------------------------------------------------------------------------

CONTRACT_KEYS = {
    "net_weekly_income",
    "combined_net_weekly_income",
    "basic_obligation",
    "percentage_share",
    "share_of_obligation",
    "current_support_weekly",
    "arrearage_payment_weekly",
    "health_care_contribution_weekly",
    "child_care_contribution_weekly",
    "total_award_weekly",
    "percent_of_obligor_net_income",
    "flags",
    "lines",
    "schedule",
}
TWO_PLACES = re.compile(r"^\d+\.\d\d$")


def test_the_contract_output():
    data = parse_contract_input(
        {
            "children": 2,
            "custodial": {"gross_weekly_income": "700.00", "deductions": {}},
            "noncustodial": {
                "gross_weekly_income": "900.00",
                "deductions": {"federal_income_tax": "80.00"},
            },
            "arrears_owed": "5000",
            "child_health_premium_weekly": 30,
            "child_care_weekly": 100.0,
        }
    )
    out = worksheet_to_contract(compute(data, LINEAR, PARAMS))
    assert CONTRACT_KEYS <= set(out)
    assert out["net_weekly_income"] == {"custodial": "700.00", "noncustodial": "820.00"}
    assert out["percentage_share"] == {"custodial": "46.05", "noncustodial": "53.95"}
    assert out["share_of_obligation"] == {"custodial": "242.00", "noncustodial": "283.00"}
    assert out["current_support_weekly"] == "283.00"
    assert out["arrearage_payment_weekly"] == "56.60"
    assert out["total_award_weekly"] == "385.53"
    assert out["percent_of_obligor_net_income"] == "47.02"
    assert out["flags"] == []
    assert out["schedule"] == {
        "name": "linear.csv",
        "effective": "2015-07-01",
        "illustrative": False,
    }
    for key in CONTRACT_KEYS - {"flags", "lines", "schedule"}:
        values = out[key].values() if isinstance(out[key], dict) else [out[key]]
        assert all(TWO_PLACES.match(v) for v in values), key
    assert out["lines"]["1"] == {"custodial": "700.00", "noncustodial": "900.00"}
    assert out["lines"]["16"] == "525.00"
    assert out["lines"]["35b"] == "47.02"
    assert set(out["line_labels"]) == set(out["lines"])
    assert set(out["lines"]) <= set(LINE_LABELS)


MINIMAL = {
    "children": 1,
    "custodial": {"gross_weekly_income": "500"},
    "noncustodial": {"gross_weekly_income": "600"},
}


def test_only_three_fields_are_required():
    data = parse_contract_input(MINIMAL)
    assert data == WorksheetInput(1, ParentIncome(D(500)), ParentIncome(D(600)))
    assert data.child_health_premium_paid_by is Parent.NONCUSTODIAL
    assert data.high_income is HighIncomeChoice.MINIMUM


def test_numbers_are_read_through_their_decimal_text():
    data = parse_contract_input(
        {**MINIMAL, "noncustodial": {"gross_weekly_income": 600.1}, "arrears_owed": 12}
    )
    assert data.noncustodial.gross_weekly_income == D("600.1")
    assert data.arrears_owed == D(12)


def _with(path: str, value):
    data = {
        **MINIMAL,
        "custodial": dict(MINIMAL["custodial"]),
        "noncustodial": dict(MINIMAL["noncustodial"]),
    }
    target = data
    *parents, last = path.split(".")
    for key in parents:
        target = target.setdefault(key, {})
    if value is _DELETE:
        del target[last]
    else:
        target[last] = value
    return data


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("children", _DELETE, "children: is required"),
        ("children", 7, "children: must be between 1 and 6"),
        ("children", 0, "children: must be between 1 and 6"),
        ("children", "2", "children: must be a whole number between 1 and 6"),
        ("children", True, "children: must be a whole number between 1 and 6"),
        ("children", 2.5, "children: must be a whole number between 1 and 6"),
        ("custodial", _DELETE, "custodial.gross_weekly_income: is required"),
        ("custodial", "lots", "custodial: must be an object"),
        (
            "noncustodial.gross_weekly_income",
            _DELETE,
            "noncustodial.gross_weekly_income: is required",
        ),
        (
            "noncustodial.gross_weekly_income",
            "-1",
            "noncustodial.gross_weekly_income: must not be negative",
        ),
        (
            "noncustodial.gross_weekly_income",
            True,
            'noncustodial.gross_weekly_income: must be an amount such as "123.45"',
        ),
        (
            "noncustodial.gross_weekly_income",
            "12,50",
            "noncustodial.gross_weekly_income: must be an amount",
        ),
        (
            "noncustodial.gross_weekly_income",
            "NaN",
            "noncustodial.gross_weekly_income: must be a number",
        ),
        (
            "noncustodial.gross_weekly_income",
            "1.005",
            "noncustodial.gross_weekly_income: must have at most two decimal places",
        ),
        (
            "noncustodial.gross_weekly_income",
            "1e12",
            "noncustodial.gross_weekly_income: must not exceed",
        ),
        (
            "noncustodial.gross_weekly_income",
            [1],
            "noncustodial.gross_weekly_income: must be an amount",
        ),
        ("noncustodial.deductions", [], "noncustodial.deductions: must be an object"),
        (
            "noncustodial.deductions.bonus",
            "1",
            "noncustodial.deductions.bonus: not an allowable deduction",
        ),
        ("noncustodial.deductions.medicare", None, "noncustodial.deductions.medicare: is required"),
        (
            "noncustodial.deductions.medicare",
            "700",
            "noncustodial.deductions: the deductions total 700.00, more than the gross weekly income 600.00",
        ),
        (
            "noncustodial.ss_dependency_benefit",
            "-5",
            "noncustodial.ss_dependency_benefit: must not be negative",
        ),
        ("noncustodial.salary", "5", "noncustodial.salary: is not a field of the input"),
        ("arrear_owed", "5", "arrear_owed: is not a field of the input"),
        ("arrears_owed", "-5", "arrears_owed: must not be negative"),
        (
            "child_care_paid_by",
            "grandma",
            "child_care_paid_by: must be one of custodial, noncustodial",
        ),
        (
            "child_health_premium_paid_by",
            1,
            "child_health_premium_paid_by: must be one of custodial",
        ),
        ("high_income", "middle", "high_income: must be one of minimum, maximum"),
        ("current_order_exists", "no", "current_order_exists: must be true or false"),
    ],
)
def test_bad_input_names_the_field(path, value, message):
    with pytest.raises(InputError) as error:
        parse_contract_input(_with(path, value))
    assert any(p.startswith(message) for p in error.value.problems), error.value.problems


def test_every_problem_is_listed_at_once():
    with pytest.raises(InputError) as error:
        parse_contract_input(
            {
                "children": 9,
                "custodial": {"gross_weekly_income": "-1"},
                "noncustodial": {"gross_weekly_income": "x"},
                "high_income": "both",
            }
        )
    assert [p.split(":")[0] for p in error.value.problems] == [
        "children",
        "custodial.gross_weekly_income",
        "noncustodial.gross_weekly_income",
        "high_income",
    ]


def test_the_input_must_be_an_object():
    with pytest.raises(InputError, match="input: must be a JSON object"):
        parse_contract_input([1, 2])


# --- properties ------------------------------------------------------------------------------------

money = st.decimals(min_value=0, max_value=6000, places=2)


@given(money, money)
def test_shares_sum_to_exactly_100(a, b):
    shares = percentage_shares(a, b)
    assert shares.custodial + shares.noncustodial == D(100)
    assert D(0) <= shares.noncustodial <= D(100)
    assert shares.noncustodial.as_tuple().exponent == -2


families = st.builds(
    WorksheetInput,
    children=st.integers(1, 6),
    custodial=st.builds(ParentIncome, money, st.just({}), st.decimals(0, 300, places=2)),
    noncustodial=st.builds(ParentIncome, money, st.just({}), st.decimals(0, 300, places=2)),
    child_health_premium_weekly=st.decimals(0, 200, places=2),
    child_care_weekly=st.decimals(0, 500, places=2),
    arrears_owed=st.decimals(0, 50000, places=2),
    high_income=st.sampled_from(list(HighIncomeChoice)),
    current_order_exists=st.booleans(),
    present_duty_of_support=st.booleans(),
)


@given(families, st.sampled_from([ILLUSTRATIVE, LINEAR]))
def test_support_is_never_negative_and_shares_sum_to_100(data, schedule):
    ws = compute(data, schedule, PARAMS)
    for amount in (
        ws.current_support,
        ws.arrearage_payment,
        ws.health_care_contribution,
        ws.child_care_contribution,
        ws.total_award,
        ws.share_after_ss_credit.noncustodial,
    ):
        assert amount >= 0
    assert ws.arrearage_payment <= data.arrears_owed
    assert ws.percentage_share.custodial + ws.percentage_share.noncustodial == D(100)
    assert ws.disposable_percentage.custodial + ws.disposable_percentage.noncustodial == D(100)
    assert ws.current_support <= ws.share_of_obligation.noncustodial
    assert worksheet_to_contract(ws)["schedule"]["illustrative"] is schedule.illustrative


@given(
    custodial=money,
    ncp_low=money,
    ncp_high=money,
    children=st.integers(1, 6),
    choice=st.sampled_from(list(HighIncomeChoice)),
    schedule=st.sampled_from([ILLUSTRATIVE, LINEAR]),
)
def test_current_support_does_not_fall_as_the_obligors_income_rises(
    custodial, ncp_low, ncp_high, children, choice, schedule
):
    low, high = sorted((ncp_low, ncp_high))

    def current(ncp):
        data = WorksheetInput(
            children, ParentIncome(custodial), ParentIncome(ncp), high_income=choice
        )
        return compute(data, schedule, PARAMS).current_support

    assert current(low) <= current(high)
