import datetime as dt

import pytest
from django.urls import reverse

from cses.accounts.roles import Role
from cses.cases.intake_views import PENDING_SESSION_KEY
from cses.cases.models import Case, CaseSource, DiaryEntry
from cses.core.models import AuditEvent
from cses.people.models import Person


def form_data(**over):
    data = {
        "applicant_role": "CP",
        "other_parent_role": "NCP",
        "program_type": "never",
        "office": "HFD",
        "interstate_role": "none",
        "other_state": "",
        "existing_order_docket": "",
        "notes": "Walk-in application",
        "applicant-first_name": "Maria",
        "applicant-last_name": "Rivera",
        "applicant-date_of_birth": "1990-03-14",
        "applicant-sex": "F",
        "applicant-ssn": "",
        "applicant-language": "en",
        "applicant-line1": "1 Main Street",
        "applicant-city": "Hartford",
        "applicant-state": "CT",
        "applicant-zip_code": "06103",
        "other-first_name": "Kevin",
        "other-last_name": "Walsh",
        "other-date_of_birth": "1988-07-02",
        "other-sex": "M",
        "other-ssn": "",
        "other-language": "en",
        "child-TOTAL_FORMS": "6",
        "child-INITIAL_FORMS": "0",
        "child-MIN_NUM_FORMS": "0",
        "child-MAX_NUM_FORMS": "6",
        "child-0-first_name": "Sofia",
        "child-0-last_name": "Rivera",
        "child-0-date_of_birth": "2017-01-05",
        "child-0-sex": "F",
        "child-0-paternity_status": "open",
    }
    for i in range(1, 6):
        data[f"child-{i}-sex"] = "U"
        data[f"child-{i}-paternity_status"] = "open"
    data.update(over)
    return data


@pytest.fixture
def logged_in(client, worker):
    client.force_login(worker)
    return client


def test_the_form_opens_a_case_at_once_when_nobody_is_known(logged_in, worker):
    response = logged_in.post(reverse("intake-new"), form_data())

    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("case-detail", args=[case.case_number])
    assert case.source == CaseSource.APPLICATION
    assert case.office.code == "HFD"
    assert case.assigned_worker == worker
    assert sorted(case.members.values_list("role", flat=True)) == ["CH", "CP", "NCP"]
    assert DiaryEntry.objects.filter(case=case, text="Walk-in application").exists()


@pytest.mark.parametrize(
    ("over", "field", "message"),
    [
        (
            {"applicant-ssn": "000-12-3456"},
            "applicant-ssn",
            "Not a valid SSN: area number 000 is never issued",
        ),
        (
            {"applicant-date_of_birth": "2999-01-01"},
            "applicant-date_of_birth",
            "A date of birth cannot be in the future.",
        ),
        (
            {"child-0-date_of_birth": "2000-01-01"},
            "child-0-date_of_birth",
            "A child must be under 19.",
        ),
        (
            {"interstate_role": "initiating"},
            "other_state",
            "An interstate case needs the other state.",
        ),
        (
            {"other-first_name": ""},
            "other-first_name",
            "Give the other parent&#x27;s name, or leave all blank.",
        ),
    ],
)
def test_bad_answers_get_field_errors_and_open_nothing(logged_in, over, field, message):
    response = logged_in.post(reverse("intake-new"), form_data(**over))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Case.objects.count() == 0


def test_at_least_one_child_is_needed(logged_in):
    data = form_data()
    for key in [k for k in data if k.startswith("child-0-")]:
        data[key] = {"child-0-sex": "U", "child-0-paternity_status": "open"}.get(key, "")

    response = logged_in.post(reverse("intake-new"), data)

    assert response.status_code == 400
    assert "Name at least one child." in response.content.decode()


def test_the_other_parent_may_be_unknown(logged_in):
    data = form_data(**{"other-first_name": "", "other-last_name": "", "other-date_of_birth": ""})

    logged_in.post(reverse("intake-new"), data)

    assert sorted(Case.objects.get().members.values_list("role", flat=True)) == ["CH", "CP"]


def test_a_duplicate_by_ssn_is_offered_and_reused(logged_in, case_of):
    known = case_of(ncp_ssn="123-45-6789", cp_last="Other")
    ncp = known.members.get(role="NCP").person

    response = logged_in.post(
        reverse("intake-new"),
        form_data(
            **{"other-ssn": "123456789", "other-first_name": "Kev", "other-date_of_birth": ""}
        ),
    )
    assert response.status_code == 302 and response["Location"] == reverse("intake-matches")
    assert Case.objects.count() == 1
    assert "123456789" not in logged_in.session[PENDING_SESSION_KEY]

    page = logged_in.get(reverse("intake-matches"))
    html = page.content.decode()
    assert ncp.full_name in html and "***-**-6789" in html
    assert known.case_number in html
    assert "123-45-6789" not in html and "123456789" not in html
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW_SSN_MASKED, object_id=str(ncp.pk)
    ).exists()

    persons_before = Person.objects.count()
    done = logged_in.post(reverse("intake-matches"), {"party-1": str(ncp.pk)})

    new_case = Case.objects.exclude(pk=known.pk).get()
    assert done["Location"] == reverse("case-detail", args=[new_case.case_number])
    assert new_case.members.get(role="NCP").person == ncp
    assert Person.objects.count() == persons_before + 2  # the CP and the child, not the NCP
    assert PENDING_SESSION_KEY not in logged_in.session


def test_a_duplicate_by_name_and_birth_date_may_be_a_new_person(logged_in, case_of):
    case_of(cp_last="Rivera")  # Maria Rivera, born 1990-03-14

    logged_in.post(reverse("intake-new"), form_data())
    page = logged_in.get(reverse("intake-matches"))
    assert "Use this person" in page.content.decode()

    unanswered = logged_in.post(reverse("intake-matches"), {})
    assert unanswered.status_code == 400
    assert "Choose an existing person or a new one for Maria Rivera." in unanswered.content.decode()

    logged_in.post(reverse("intake-matches"), {"party-0": "new", "party-1": "new"})

    assert Case.objects.count() == 2
    assert Person.objects.filter(first_name="Maria", last_name="Rivera").count() == 2


def test_a_person_not_offered_cannot_be_chosen(logged_in, case_of):
    known = case_of(cp_last="Rivera")
    stranger = known.members.get(role="NCP").person

    logged_in.post(reverse("intake-new"), form_data())
    response = logged_in.post(reverse("intake-matches"), {"party-0": str(stranger.pk)})

    assert response.status_code == 400
    assert Case.objects.count() == 1


def test_matches_without_a_pending_application_go_back_to_the_form(logged_in):
    assert logged_in.get(reverse("intake-matches"))["Location"] == reverse("intake-new")


def test_the_office_defaults_to_the_workers(client, user_of):
    client.force_login(user_of(Role.OCSS_WORKER, "NHV"))

    html = client.get(reverse("intake-new")).content.decode()

    assert '<option value="NHV" selected>' in html


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.SES_OFFICER])
def test_roles_without_intake_create_are_refused(client, user_of, role):
    client.force_login(user_of(role))

    assert client.get(reverse("intake-new")).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client, db):
    response = client.get(reverse("intake-new"))

    assert response.status_code == 302 and "login" in response["Location"]


def test_dates_are_dates(logged_in):
    logged_in.post(reverse("intake-new"), form_data())

    assert Person.objects.get(first_name="Sofia").date_of_birth == dt.date(2017, 1, 5)
