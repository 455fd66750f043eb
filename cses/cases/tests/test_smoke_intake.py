from cses.cases.models import CaseMember, CaseStatus


def test_open_case_creates_members_in_intake(case):
    assert case.status == CaseStatus.INTAKE
    roles = sorted(CaseMember.objects.filter(case=case).values_list("role", flat=True))
    assert roles == ["CH", "CP", "NCP"]
    assert case.case_number.startswith("CS")
