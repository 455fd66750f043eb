"""Intake: turning an application or a referral into a case.

One path for all three ways in (a worker's form, the public online application, a public-assistance
referral): describe the application as ``Application``, find likely duplicate persons, then
``open_case`` with the worker's (or the import's) decision for each party.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cses.cases.models import (
    Case,
    CaseMember,
    CaseSource,
    CaseStatus,
    CaseStatusChange,
    DiaryEntry,
    IntakeApplication,
    InterstateRole,
    MemberRole,
    PaternityStatus,
)
from cses.core import crypto
from cses.core.counters import allocate
from cses.core.models import Office
from cses.people.models import Address, Employer, Employment, Person, Phone, VerificationSource
from cses.rules.ssn import normalize_ssn


@dataclass
class AddressInput:
    line1: str
    city: str
    zip_code: str
    line2: str = ""
    state: str = "CT"


@dataclass
class PartyInput:
    """A person named on an application. ``existing_person_id`` reuses a person already known."""

    last_name: str
    first_name: str
    middle_name: str = ""
    date_of_birth: dt.date | None = None
    sex: str = "U"
    ssn: str = ""
    phone: str = ""
    email: str = ""
    language: str = "en"
    address: AddressInput | None = None
    employer_name: str = ""
    employer_fein: str = ""
    existing_person_id: int | None = None


@dataclass
class ChildInput:
    last_name: str
    first_name: str
    date_of_birth: dt.date | None = None
    sex: str = "U"
    ssn: str = ""
    paternity_status: str = PaternityStatus.NOT_ESTABLISHED
    high_school_student: bool = False
    existing_person_id: int | None = None


@dataclass
class Application:
    applicant_role: str  # CP or NCP
    applicant: PartyInput
    other_parent: PartyInput | None
    children: list[ChildInput]
    program_type: str
    office_code: str
    other_parent_role: str = MemberRole.NONCUSTODIAL_PARENT  # NCP or AF; CP if applicant is NCP
    application_date: dt.date | None = None
    interstate_role: str = InterstateRole.NONE
    other_state: str = ""
    existing_order_docket: str = ""
    applicant_family_violence: bool = False
    iv_a_case_number: str = ""
    referral_key: str | None = None
    notes: str = ""
    extra: dict = field(default_factory=dict)

    def parties(self) -> list[tuple[str, PartyInput | ChildInput]]:
        """(role, input) for everyone on the application, applicant first."""
        other_role = (
            MemberRole.CUSTODIAL_PARTY
            if self.applicant_role == MemberRole.NONCUSTODIAL_PARENT
            else self.other_parent_role
        )
        out: list[tuple[str, PartyInput | ChildInput]] = [(self.applicant_role, self.applicant)]
        if self.other_parent is not None:
            out.append((other_role, self.other_parent))
        out += [(MemberRole.DEPENDENT_CHILD, c) for c in self.children]
        return out


def find_likely_duplicates(
    *, ssn: str = "", last_name: str = "", first_name: str = "", date_of_birth=None
) -> list[Person]:
    """Persons already known with the same SSN, or the same name and date of birth."""
    match = Q(pk__in=[])
    if ssn:
        match |= Q(ssn_index=crypto.blind_index(normalize_ssn(ssn)))
    if last_name and first_name and date_of_birth:
        match |= Q(
            last_name__iexact=last_name.strip(),
            first_name__iexact=first_name.strip(),
            date_of_birth=date_of_birth,
        )
    return list(Person.objects.filter(match).order_by("pk")[:10])


def _new_person(p: PartyInput | ChildInput, *, source: str, today: dt.date) -> Person:
    person = Person(
        last_name=p.last_name.strip(),
        first_name=p.first_name.strip(),
        middle_name=getattr(p, "middle_name", "").strip(),
        date_of_birth=p.date_of_birth,
        sex=p.sex or "U",
        preferred_language=getattr(p, "language", "en") or "en",
        email=getattr(p, "email", ""),
    )
    person.set_ssn(p.ssn)
    person.save()
    return person


def _add_contact(person: Person, p: PartyInput, *, source: str, today: dt.date) -> None:
    if p.phone and not person.phones.filter(number=p.phone).exists():
        Phone.objects.create(person=person, number=p.phone)
    a = p.address
    if (
        a
        and not person.addresses.filter(
            line1__iexact=a.line1, zip_code=a.zip_code, end_date__isnull=True
        ).exists()
    ):
        # A referral from the assistance program is a verified source; an applicant's word is not.
        verified = source == VerificationSource.IV_A
        Address.objects.create(
            person=person,
            line1=a.line1,
            line2=a.line2,
            city=a.city,
            state=a.state or "CT",
            zip_code=a.zip_code,
            source=source,
            verified_by=source if verified else "",
            verified_on=today if verified else None,
            start_date=today,
        )
    if p.employer_fein:
        employer, _ = Employer.objects.get_or_create(
            fein=p.employer_fein,
            defaults={
                "name": p.employer_name or p.employer_fein,
                "line1": "",
                "city": "",
                "zip_code": "",
            },
        )
        if not Employment.objects.filter(
            person=person, employer=employer, end_date__isnull=True
        ).exists():
            Employment.objects.create(
                person=person, employer=employer, start_date=today, source=source
            )


def new_case_number() -> str:
    return f"CS{allocate('case_number')[0]:09d}"


@transaction.atomic
def open_case(*, application: Application, by, source: str, today: dt.date | None = None) -> Case:
    """Create the case, its persons (or reuse the ones chosen) and members, in intake."""
    today = today or timezone.localdate()
    office = Office.objects.get(code=application.office_code)
    case = Case.objects.create(
        case_number=new_case_number(),
        program_type=application.program_type,
        interstate_role=application.interstate_role,
        other_state=application.other_state,
        office=office,
        assigned_worker=by if by is not None and getattr(by, "profile", None) else None,
        status=CaseStatus.INTAKE,
        status_since=today,
        source=source,
        application_date=application.application_date or today,
        opened_on=today,
        iv_a_case_number=application.iv_a_case_number,
        referral_key=application.referral_key,
        existing_order_docket=application.existing_order_docket,
    )
    address_source = (
        VerificationSource.IV_A
        if source == CaseSource.IV_A_REFERRAL
        else VerificationSource.APPLICANT
    )
    events = []
    for role, party in application.parties():
        if party.existing_person_id:
            person = Person.objects.get(pk=party.existing_person_id)
            events.append(f"{role}: existing person #{person.pk} used")
        else:
            person = _new_person(party, source=address_source, today=today)
            dupes = [
                d.pk
                for d in find_likely_duplicates(
                    last_name=person.last_name,
                    first_name=person.first_name,
                    date_of_birth=person.date_of_birth,
                )
                if d.pk != person.pk
            ]
            if dupes:
                events.append(
                    f"{role}: new person #{person.pk} may duplicate person(s) "
                    + ", ".join(f"#{d}" for d in dupes)
                    + " (same name and date of birth): review"
                )
        if isinstance(party, PartyInput):
            _add_contact(person, party, source=address_source, today=today)
        is_child = role == MemberRole.DEPENDENT_CHILD
        CaseMember.objects.create(
            case=case,
            person=person,
            role=role,
            paternity_status=party.paternity_status if is_child else PaternityStatus.NOT_APPLICABLE,
            high_school_student=getattr(party, "high_school_student", False),
            family_violence=application.applicant_family_violence
            and party is application.applicant,
            family_violence_since=today
            if application.applicant_family_violence and party is application.applicant
            else None,
            joined_on=today,
        )
    now = timezone.now()
    CaseStatusChange.objects.create(
        case=case,
        from_status="",
        to_status=CaseStatus.INTAKE,
        at=now,
        by=by,
        reason=f"Case opened from {CaseSource(source).label.lower()}",
    )
    DiaryEntry.objects.bulk_create(
        [
            DiaryEntry(
                case=case,
                at=now,
                author=by,
                kind=DiaryEntry.Kind.EVENT,
                text=f"Case opened from {CaseSource(source).label.lower()}",
            )
        ]
        + [
            DiaryEntry(case=case, at=now, author=by, kind=DiaryEntry.Kind.EVENT, text=t)
            for t in events
        ]
        + (
            [
                DiaryEntry(
                    case=case, at=now, author=by, kind=DiaryEntry.Kind.NOTE, text=application.notes
                )
            ]
            if application.notes
            else []
        )
    )
    return case


# The online application's answers are kept encrypted: they hold names, SSNs and addresses.


def application_to_json(application: Application) -> str:
    return json.dumps(asdict(application), default=str)


def application_from_json(text: str) -> Application:
    data = json.loads(text)

    def date(v):
        return dt.date.fromisoformat(v) if v else None

    def party(d):
        if d is None:
            return None
        addr = d.pop("address", None)
        d["date_of_birth"] = date(d.get("date_of_birth"))
        return PartyInput(**d, address=AddressInput(**addr) if addr else None)

    def child(d):
        d["date_of_birth"] = date(d.get("date_of_birth"))
        return ChildInput(**d)

    data["applicant"] = party(data["applicant"])
    data["other_parent"] = party(data["other_parent"])
    data["children"] = [child(c) for c in data["children"]]
    data["application_date"] = date(data.get("application_date"))
    return Application(**data)


def submit_application(
    *, application: Application, channel: str, language: str = "en"
) -> IntakeApplication:
    """Put an application in the intake queue of its office for a worker to accept."""
    applicant = application.applicant
    return IntakeApplication.objects.create(
        reference=secrets.token_hex(4).upper(),
        submitted_at=timezone.now(),
        channel=channel,
        applicant_role=application.applicant_role,
        applicant_name=f"{applicant.first_name} {applicant.last_name}"[:130],
        language=language,
        office=Office.objects.get(code=application.office_code),
        payload_encrypted=crypto.encrypt(application_to_json(application)),
    )


def application_of(item: IntakeApplication) -> Application:
    return application_from_json(crypto.decrypt(item.payload_encrypted))


class AlreadyDecided(ValueError):
    pass


@transaction.atomic
def accept_application(*, item: IntakeApplication, application: Application, by) -> Case:
    """Open the case for a queued application, with the worker's choices of existing persons."""
    item = IntakeApplication.objects.select_for_update().get(pk=item.pk)
    if item.status != IntakeApplication.Status.PENDING:
        raise AlreadyDecided(
            f"application {item.reference} was already {item.get_status_display()}"
        )
    application.application_date = timezone.localdate(item.submitted_at)
    case = open_case(application=application, by=by, source=item.channel)
    item.status = IntakeApplication.Status.ACCEPTED
    item.decided_at = timezone.now()
    item.decided_by = by
    item.case = case
    item.save(update_fields=["status", "decided_at", "decided_by", "case"])
    return case


@transaction.atomic
def reject_application(*, item: IntakeApplication, reason: str, by) -> IntakeApplication:
    item = IntakeApplication.objects.select_for_update().get(pk=item.pk)
    if item.status != IntakeApplication.Status.PENDING:
        raise AlreadyDecided(
            f"application {item.reference} was already {item.get_status_display()}"
        )
    if not reason.strip():
        raise ValueError("a reason is required to reject an application")
    item.status = IntakeApplication.Status.REJECTED
    item.rejection_reason = reason
    item.decided_at = timezone.now()
    item.decided_by = by
    item.save(update_fields=["status", "rejection_reason", "decided_at", "decided_by"])
    return item
