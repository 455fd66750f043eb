import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command

from cses.cases import intake
from cses.cases.models import Case, CaseMember, CaseSource, ProgramType
from cses.interfaces.iv_a_referrals import (
    PARTICIPANT,
    REFERRAL_FILE,
    LoadReport,
    Rejection,
    load_referral_file,
)
from cses.interfaces.models import InboundFile, LoadedRecord, RejectedRecord
from cses.people.models import Address, Person

TODAY = dt.date(2025, 3, 3)
DOCS = Path(__file__).resolve().parents[3] / "docs"


@pytest.fixture(autouse=True)
def archive(settings, tmp_path):
    settings.CSES_ARCHIVE_DIR = tmp_path / "archive"
    return settings.CSES_ARCHIVE_DIR


def c_line(key, *, town="Hartford", program="TANF", fv="N", other_state="", date="20250228"):
    return f"C|{key}|IVA-{key}|{program}|{town}|{date}|{fv}|{other_state}"


def p_line(key, role, last, first, *, dob="19900101", ssn="", sex="U", paternity="", **more):
    values = {
        "referral_key": key,
        "role": role,
        "last_name": last,
        "first_name": first,
        "date_of_birth": dob,
        "sex": sex,
        "ssn": ssn,
        "paternity_status": paternity,
        **more,
    }
    return "P|" + "|".join(values.get(n, "") for n in PARTICIPANT.field_names)


def family(key, *, cp_ssn="", ncp_ssn="", town="Hartford", **c):
    return [
        c_line(key, town=town, **c),
        p_line(
            key,
            "CP",
            "Rivera",
            f"Maria{key}",
            ssn=cp_ssn,
            address_line1="1 Main St",
            city="Hartford",
            zip="06103",
        ),
        p_line(key, "NCP", "Walsh", f"Kevin{key}", ssn=ncp_ssn),
        p_line(key, "CH", "Rivera", f"Sofia{key}", dob="20170105", paternity="OPEN"),
    ]


def referral_file(*lines, file_id="F1") -> bytes:
    body = [f"H|{file_id}|20250301|ImpaCT", *lines, f"T|{len(lines)}"]
    return ("\n".join(body) + "\n").encode()


def load(content, name="referrals.txt"):
    return load_referral_file(content, name=name, today=TODAY)


def end_state():
    """What a load leaves behind, independent of database ids."""
    cases = {
        c.referral_key: (
            c.program_type,
            c.office.code,
            sorted(
                (m.role, m.person.first_name, m.person.ssn_last4)
                for m in c.members.select_related("person")
            ),
        )
        for c in Case.objects.select_related("office")
    }
    return {
        "cases": cases,
        "persons": Person.objects.count(),
        "addresses": Address.objects.count(),
        "loaded": sorted(LoadedRecord.objects.values_list("record_key", "outcome", "line_number")),
        "rejected": sorted(
            RejectedRecord.objects.values_list("line_number", "record_key", "field", "reason")
        ),
        "files": list(
            InboundFile.objects.values_list(
                "status", "records_read", "accepted", "rejected", "duplicates"
            )
        ),
    }


def shape(report):
    """A report without its database ids and case numbers."""
    return (
        report.status,
        report.records_read,
        [key for key, _ in report.accepted],
        report.duplicates,
        report.rejections,
    )


def test_good_referrals_become_cases_in_intake(db, archive):
    content = referral_file(
        *family("R1", cp_ssn="123-45-6701", ncp_ssn="123-45-6702"),
        *family("R2", town="New Haven", program="MEDICAID", fv="Y", other_state="NY"),
    )

    report = load(content)

    assert report.status == InboundFile.Status.LOADED
    assert [key for key, _ in report.accepted] == ["R1", "R2"]
    assert report.rejections == [] and report.duplicates == []
    r1 = Case.objects.get(referral_key="R1")
    assert (r1.source, r1.program_type, r1.office.code) == (
        CaseSource.IV_A_REFERRAL,
        ProgramType.CURRENT_ASSISTANCE,
        "HFD",
    )
    assert r1.iv_a_case_number == "IVA-R1"
    assert r1.application_date == dt.date(2025, 2, 28)
    assert sorted(r1.members.values_list("role", flat=True)) == ["CH", "CP", "NCP"]
    cp_address = Address.objects.get(person__memberships__case=r1, person__memberships__role="CP")
    assert cp_address.verified_on == TODAY
    r2 = Case.objects.get(referral_key="R2")
    assert (r2.program_type, r2.office.code, r2.interstate_role, r2.other_state) == (
        ProgramType.MEDICAID_ONLY,
        "NHV",
        "initiating",
        "NY",
    )
    assert r2.members.get(role="CP").family_violence
    assert (archive / report.sha256).read_bytes() == content


def test_a_person_with_a_known_ssn_is_reused(db):
    load(referral_file(*family("R1", ncp_ssn="123-45-6702")))

    load(referral_file(*family("R2", ncp_ssn="123456702"), file_id="F2"))

    ncps = CaseMember.objects.filter(role="NCP").values_list("person_id", flat=True)
    assert len(set(ncps)) == 1


def test_unknown_father_is_allowed_and_alleged_father_is_kept(db):
    lines = family("R1")
    lines[2] = p_line("R1", "AF", "Doe", "John")
    no_father = family("R2")
    del no_father[2]

    load(referral_file(*lines, *no_father))

    assert Case.objects.get(referral_key="R1").members.filter(role="AF").count() == 1
    assert sorted(Case.objects.get(referral_key="R2").members.values_list("role", flat=True)) == [
        "CH",
        "CP",
    ]


def test_the_same_file_twice_creates_nothing_the_second_time(db):
    content = referral_file(*family("R1"))
    load(content)
    before = end_state()

    again = load(content, name="renamed.txt")

    assert again.already_loaded
    assert "Already loaded: nothing was done this time." in again.lines()
    assert end_state() == before
    assert InboundFile.objects.count() == 1


def test_a_referral_already_loaded_from_another_file_is_a_duplicate(db):
    load(referral_file(*family("R1")))

    report = load(referral_file(*family("R1"), *family("R3"), file_id="F2"))

    assert report.duplicates == ["R1"]
    assert [key for key, _ in report.accepted] == ["R3"]
    assert Case.objects.filter(referral_key="R1").count() == 1
    second = InboundFile.objects.get(pk=report.file_id)
    assert (second.accepted, second.duplicates, second.rejected) == (1, 1, 0)


def test_bad_records_are_rejected_with_line_field_and_reason_and_the_rest_load(db):
    bad_ssn = family("B1")  # lines 2-5
    bad_ssn[1] = p_line("B1", "CP", "Brown", "Tia", ssn="000-12-3456")
    bad_date = family("B2")  # lines 6-9
    bad_date[3] = p_line("B2", "CH", "Brown", "Jada", dob="20191332")
    bad_role = family("B3")  # lines 10-13
    bad_role[2] = p_line("B3", "XX", "Doe", "John")
    no_cp = family("B4")  # lines 14-16
    del no_cp[1]
    bad_town = family("B5", town="Atlantis")  # lines 17-20
    stray = [p_line("B9", "CH", "Stray", "Pat", dob="20200101")]  # line 21
    content = referral_file(
        *family("G1"), *bad_ssn, *bad_date, *bad_role, *no_cp, *bad_town, *stray, *family("G2")
    )
    # G1 is on lines 2-5, so everything after it is four lines further down.
    report = load(content)

    assert [key for key, _ in report.accepted] == ["G1", "G2"]
    assert report.rejections == [
        Rejection(7, "B1", "ssn", "area number 000 is never issued"),
        Rejection(13, "B2", "date_of_birth", "'20191332' is not a real date"),
        Rejection(16, "B3", "role", "'XX' is not one of CP, NCP, AF, CH"),
        Rejection(18, "B4", "role", "the referral has no custodial party (CP)"),
        Rejection(21, "B5", "town", "'Atlantis' is not a Connecticut town"),
        Rejection(25, "B9", "referral_key", "no C record for referral 'B9'"),
    ]
    assert str(report.rejections[0]) == (
        "line 7 (referral B1), ssn: area number 000 is never issued"
    )
    assert report.rejected_referrals == ["B1", "B2", "B3", "B4", "B5", "B9"]
    assert not Case.objects.filter(referral_key__startswith="B").exists()
    inbound = InboundFile.objects.get(pk=report.file_id)
    assert (inbound.accepted, inbound.rejected, inbound.duplicates) == (2, 6, 0)
    assert inbound.records_read == 28


def test_a_referral_whose_lines_are_scattered_is_rejected(db):
    r1 = family("R1")
    content = referral_file(*r1[:3], *family("R2"), r1[3])

    report = load(content)

    assert [key for key, _ in report.accepted] == ["R2"]
    assert report.rejections == [
        Rejection(
            2,
            "R1",
            "referral_key",
            "participant line 9 is away from this referral's C line; a referral's lines must be "
            "contiguous, so it is not loaded",
        ),
        Rejection(
            9,
            "R1",
            "referral_key",
            "this participant line is away from its referral's C line (line 2)",
        ),
    ]


def test_business_rules_on_participants(db):
    lines = family("R1")
    lines[3] = p_line("R1", "CH", "Rivera", "Old", dob="20000101")
    lines[2] = p_line("R1", "NCP", "Walsh", "Kevin", paternity="OPEN")
    lines.append(p_line("R1", "CH", "Rivera", "Twin", ssn="123-45-6701"))
    lines.append(p_line("R1", "CH", "Rivera", "Twin2", ssn="123-45-6701", dob="20200101"))

    report = load(referral_file(*lines))

    assert report.rejections == [
        Rejection(4, "R1", "paternity_status", "only a child (CH) has a paternity status"),
        Rejection(5, "R1", "date_of_birth", "a child must be under 19"),
        Rejection(6, "R1", "date_of_birth", "a child must be under 19"),
        Rejection(7, "R1", "ssn", "the same SSN as line 6 of this referral"),
    ]


@pytest.mark.parametrize(
    ("content", "rejection"),
    [
        (
            b"C|R1|X|TANF|Hartford|20250228|N|\n",
            Rejection(1, "", "record_type", "the first record must be the H header"),
        ),
        (
            b"H|F|20250301|S\n" + "\n".join(family("R1")).encode() + b"\n",
            Rejection(0, "", "record_type", "the file has no T trailer: it may be cut short"),
        ),
        (
            b"H|F|20250301|S\n" + "\n".join(family("R1")).encode() + b"\nT|3\n",
            Rejection(6, "", "record_count", "the trailer counts 3 records, the file has 4"),
        ),
    ],
)
def test_a_file_with_a_broken_frame_loads_nothing(db, content, rejection):
    report = load(content)

    assert report.status == InboundFile.Status.REJECTED
    assert report.rejections == [rejection]
    assert Case.objects.count() == 0


def test_a_load_killed_half_way_and_rerun_ends_as_one_clean_run(db, monkeypatch):
    content = referral_file(
        *family("R1", ncp_ssn="123-45-6702"),
        *family("R2", ncp_ssn="123-45-6702"),
        *family("B1", town="Atlantis"),
        *family("R3"),
        *family("R4"),
    )
    real_open_case = intake.open_case
    calls = {"n": 0}

    def crash_on_third(**kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("killed")
        return real_open_case(**kwargs)

    monkeypatch.setattr(intake, "open_case", crash_on_third)
    with pytest.raises(RuntimeError):
        load(content)
    assert InboundFile.objects.get().status == InboundFile.Status.LOADING
    assert set(Case.objects.values_list("referral_key", flat=True)) == {"R1", "R2"}

    rerun = load(content)
    resumed = end_state()
    resumed_report = shape(rerun)

    for model in (LoadedRecord, RejectedRecord, InboundFile, Case, Person):
        model.objects.all().delete()
    monkeypatch.setattr(intake, "open_case", real_open_case)
    clean = load(content)

    assert resumed == end_state()
    assert resumed_report == shape(clean)
    assert [key for key, _ in clean.accepted] == ["R1", "R2", "R3", "R4"]


def test_the_sample_files_load_as_documented(db):
    first = load_referral_file(
        DOCS / "samples" / "iv-a-referrals-sample.txt", name="sample", today=TODAY
    )
    second = load_referral_file(
        DOCS / "samples" / "iv-a-referrals-sample-2.txt", name="sample-2", today=TODAY
    )

    assert [k for k, _ in first.accepted] == ["R2025-0001", "R2025-0002"]
    assert first.rejected_referrals == ["R2025-0003", "R2025-0004", "R2025-0099"]
    assert second.duplicates == ["R2025-0001"]
    assert [k for k, _ in second.accepted] == ["R2025-0005"]
    walsh = Person.objects.filter(last_name="Walsh")
    assert walsh.count() == 1
    assert walsh.get().memberships.count() == 2


def test_the_layout_doc_describes_every_field():
    doc = (DOCS / "iv-a-referral-layout.md").read_text()

    for layout in REFERRAL_FILE.layouts:
        assert f"`{layout.record_type}`" in doc
        for name in layout.field_names:
            assert f"`{name}`" in doc, name


def test_the_command_prints_the_report(db, tmp_path):
    path = tmp_path / "in.txt"
    path.write_bytes(referral_file(*family("R1"), *family("B1", town="Atlantis")))
    from io import StringIO

    out = StringIO()
    call_command("load-referrals", str(path), stdout=out)

    text = out.getvalue()
    assert "referrals accepted: 1, rejected: 1, duplicates skipped: 0" in text
    assert "rejected line 6 (referral B1), town: 'Atlantis' is not a Connecticut town" in text
    assert LoadReport.of(InboundFile.objects.get()).accepted[0][0] == "R1"
