"""Referrals from the public-assistance (IV-A) eligibility system: TANF and Medicaid cases that
meet child support criteria (45 CFR 302.33(a)(4), 303.2(a)(3)), each opened as a IV-D case.

The file's layout is ``REFERRAL_FILE`` (documented in ``docs/iv-a-referral-layout.md``). A load:

1. archives the file once under ``CSES_ARCHIVE_DIR/<sha256>``; the same content loaded again is
   reported as already loaded and creates nothing;
2. checks the file's frame (header first, trailer last, record count) in one streaming pass;
3. streams the referrals (a C line and the P lines after it) and loads each one in its own
   transaction, which also records the referral's outcome and the last line done, so a load killed
   half-way resumes where it stopped and ends as one clean run would.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from cses.cases import intake
from cses.cases.intake import AddressInput, Application, ChildInput, PartyInput
from cses.cases.models import (
    Case,
    CaseSource,
    InterstateRole,
    MemberRole,
    PaternityStatus,
    ProgramType,
)
from cses.core import crypto
from cses.core.models import Town
from cses.interfaces.layout import Field, FieldError, FieldType, FileLayout, Layout, Record
from cses.interfaces.models import InboundFile, LoadedRecord, RejectedRecord
from cses.people.models import Person

STATES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI"
).split()

PROGRAMS = {"TANF": ProgramType.CURRENT_ASSISTANCE, "MEDICAID": ProgramType.MEDICAID_ONLY}
PATERNITY = {
    "OPEN": PaternityStatus.NOT_ESTABLISHED,
    "MARITAL": PaternityStatus.MARITAL_PRESUMPTION,
    "ACK": PaternityStatus.ACKNOWLEDGED,
    "ADJ": PaternityStatus.ADJUDICATED,
}
ROLES = ("CP", "NCP", "AF", "CH")
CHILD_AGE_LIMIT = 19

HEADER = Layout(
    "H",
    (
        Field("file_id", required=True, max_length=20, description="Sender's id of this file"),
        Field("created_on", FieldType.DATE, required=True, description="Date the file was made"),
        Field("sender", required=True, max_length=40, description="Sending system"),
    ),
    description="Header: the first line of the file",
)
REFERRAL = Layout(
    "C",
    (
        Field(
            "referral_key", required=True, max_length=40, description="Unique id of the referral"
        ),
        Field("iv_a_case_number", required=True, max_length=20, description="IV-A case number"),
        Field("program", FieldType.CODE, required=True, codes=tuple(PROGRAMS)),
        Field("town", required=True, max_length=60, description="Connecticut town of the family"),
        Field("referral_date", FieldType.DATE, required=True),
        Field(
            "family_violence",
            FieldType.CODE,
            required=True,
            codes=("Y", "N"),
            description="Family violence or good cause claimed by the custodial party",
        ),
        Field(
            "other_state", FieldType.CODE, codes=tuple(STATES), description="Other state, if any"
        ),
    ),
    description="Referral: one per assistance case",
)
PARTICIPANT = Layout(
    "P",
    (
        Field("referral_key", required=True, max_length=40),
        Field("role", FieldType.CODE, required=True, codes=ROLES),
        Field("last_name", required=True, max_length=60),
        Field("first_name", required=True, max_length=60),
        Field("middle_name", max_length=60),
        Field("date_of_birth", FieldType.DATE),
        Field("sex", FieldType.CODE, codes=("F", "M", "U")),
        Field("ssn", FieldType.SSN),
        Field("address_line1", max_length=100),
        Field("address_line2", max_length=100),
        Field("city", max_length=60),
        Field("state", FieldType.CODE, codes=tuple(STATES)),
        Field("zip", FieldType.ZIP),
        Field("phone", max_length=20),
        Field("employer_fein", FieldType.FEIN),
        Field("employer_name", max_length=120),
        Field("paternity_status", FieldType.CODE, codes=tuple(PATERNITY)),
    ),
    description="Participant: a person of the referral, on the lines right after its C line",
)
TRAILER = Layout(
    "T",
    (Field("record_count", FieldType.COUNT, required=True, description="C and P lines"),),
    description="Trailer: the last line of the file",
)
REFERRAL_FILE = FileLayout("IV-A referrals", (HEADER, REFERRAL, PARTICIPANT, TRAILER))


@dataclass(frozen=True)
class Rejection:
    line_number: int
    record_key: str
    field: str
    reason: str

    def __str__(self) -> str:
        where = f"line {self.line_number}"
        if self.record_key:
            where += f" (referral {self.record_key})"
        return f"{where}, {self.field}: {self.reason}" if self.field else f"{where}: {self.reason}"


@dataclass
class LoadReport:
    file_id: int
    name: str
    sha256: str
    status: str
    already_loaded: bool = False
    records_read: int = 0
    accepted: list[tuple[str, str]] = field(default_factory=list)  # (referral key, case number)
    duplicates: list[str] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)

    @classmethod
    def of(cls, inbound: InboundFile, *, already_loaded: bool = False) -> LoadReport:
        """The report as saved: the same whether the load ran once or was resumed."""
        loaded = list(inbound.loaded_records.select_related("case"))
        return cls(
            file_id=inbound.pk,
            name=inbound.name,
            sha256=inbound.sha256,
            status=inbound.status,
            already_loaded=already_loaded,
            records_read=inbound.records_read,
            accepted=[
                (r.record_key, r.case.case_number)
                for r in loaded
                if r.outcome == LoadedRecord.Outcome.ACCEPTED and r.case
            ],
            duplicates=[
                r.record_key for r in loaded if r.outcome == LoadedRecord.Outcome.DUPLICATE
            ],
            rejections=[
                Rejection(r.line_number, r.record_key, r.field, r.reason)
                for r in inbound.rejected_records.all()
            ],
        )

    @property
    def rejected_referrals(self) -> list[str]:
        return sorted({r.record_key for r in self.rejections if r.record_key})

    def lines(self) -> list[str]:
        out = [f"File {self.name} (sha256 {self.sha256[:16]}…): {self.status}"]
        if self.already_loaded:
            out.append("Already loaded: nothing was done this time.")
        out.append(
            f"Records read: {self.records_read}; referrals accepted: {len(self.accepted)}, "
            f"rejected: {len(self.rejected_referrals)}, duplicates skipped: {len(self.duplicates)}"
        )
        out += [f"  accepted {key} -> case {number}" for key, number in self.accepted]
        out += [f"  duplicate {key}: already loaded" for key in self.duplicates]
        out += [f"  rejected {r}" for r in self.rejections]
        return out


# --- Reading the file: lines grouped into the units that are loaded one transaction each --------


@dataclass
class Group:
    """A referral (its C line and the P lines right after it) or one line standing alone."""

    kind: str  # "H", "T", "referral", or "stray"
    key: str
    lines: list[tuple[int, str]]

    @property
    def first_line(self) -> int:
        return self.lines[0][0]

    @property
    def last_line(self) -> int:
        return self.lines[-1][0]


def _type_and_key(text: str) -> tuple[str, str]:
    parts = text.split("|", 2)
    return parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")


def _groups(path: Path) -> Iterator[Group]:
    """The file's units in order, reading one line at a time (blank lines are skipped)."""
    current: Group | None = None
    with path.open("r", encoding="utf-8", errors="replace", newline="") as f:
        for number, raw in enumerate(f, start=1):
            text = raw.rstrip("\r\n")
            if not text.strip():
                continue
            record_type, key = _type_and_key(text)
            if record_type == "P" and current is not None and key == current.key:
                current.lines.append((number, text))
                continue
            if current is not None:
                yield current
                current = None
            if record_type == "C":
                current = Group("referral", key, [(number, text)])
            elif record_type in ("H", "T"):
                yield Group(record_type, key, [(number, text)])
            else:
                yield Group("stray", key, [(number, text)])
    if current is not None:
        yield current


@dataclass
class _Frame:
    """What the first pass learns: the frame's faults, and the referrals that cannot be loaded
    because their lines are scattered or their key is used twice."""

    faults: list[Rejection] = field(default_factory=list)
    records: int = 0
    c_line_of: dict[str, int] = field(default_factory=dict)
    bad_keys: dict[str, str] = field(default_factory=dict)


def _check_frame(path: Path) -> _Frame:
    frame = _Frame()
    header_seen = False
    trailer: tuple[int, Record] | None = None
    for g in _groups(path):
        number, text = g.lines[0]
        if not header_seen:
            header_seen = True
            if g.kind != "H":
                frame.faults.append(
                    Rejection(number, "", "record_type", "the first record must be the H header")
                )
                return frame
            header = HEADER.parse(text)
            frame.faults += [Rejection(number, "", e.field, e.reason) for e in header.errors]
            continue
        if trailer is not None:
            frame.faults.append(
                Rejection(number, "", "record_type", "a record follows the T trailer")
            )
            return frame
        if g.kind == "T":
            trailer = (number, TRAILER.parse(text))
            continue
        if g.kind == "H":
            frame.faults.append(Rejection(number, "", "record_type", "a second H header"))
            continue
        frame.records += len(g.lines)
        if g.kind == "referral" and g.key:
            first = frame.c_line_of.setdefault(g.key, number)
            if first != number:
                frame.bad_keys[g.key] = (
                    f"referral key {g.key} is used by more than one C record "
                    f"(lines {first} and {number}); neither is loaded"
                )
        elif g.kind == "stray" and _type_and_key(text)[0] == "P" and g.key:
            frame.bad_keys.setdefault(
                g.key,
                f"participant line {number} is away from this referral's C line; a referral's "
                "lines must be contiguous, so it is not loaded",
            )
    if not header_seen:
        frame.faults.append(Rejection(0, "", "record_type", "the file is empty"))
    elif trailer is None:
        frame.faults.append(
            Rejection(0, "", "record_type", "the file has no T trailer: it may be cut short")
        )
    else:
        number, record = trailer
        frame.faults += [Rejection(number, "", e.field, e.reason) for e in record.errors]
        count = record.values.get("record_count")
        if record.ok and count != frame.records:
            frame.faults.append(
                Rejection(
                    number,
                    "",
                    "record_count",
                    f"the trailer counts {count} records, the file has {frame.records}",
                )
            )
    return frame


# --- One referral ----------------------------------------------------------------------------


def _age_on(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _party(values: dict) -> PartyInput:
    address = None
    if values["address_line1"]:
        address = AddressInput(
            line1=values["address_line1"],
            line2=values["address_line2"] or "",
            city=values["city"] or "",
            state=values["state"] or "CT",
            zip_code=values["zip"] or "",
        )
    return PartyInput(
        last_name=values["last_name"],
        first_name=values["first_name"],
        middle_name=values["middle_name"] or "",
        date_of_birth=values["date_of_birth"],
        sex=values["sex"] or "U",
        ssn=values["ssn"] or "",
        phone=values["phone"] or "",
        address=address,
        employer_name=values["employer_name"] or "",
        employer_fein=values["employer_fein"] or "",
        existing_person_id=_person_with_ssn(values["ssn"]),
    )


def _child(values: dict) -> ChildInput:
    return ChildInput(
        last_name=values["last_name"],
        first_name=values["first_name"],
        date_of_birth=values["date_of_birth"],
        sex=values["sex"] or "U",
        ssn=values["ssn"] or "",
        paternity_status=PATERNITY[values["paternity_status"] or "OPEN"],
        existing_person_id=_person_with_ssn(values["ssn"]),
    )


def _person_with_ssn(ssn: str | None) -> int | None:
    if not ssn:
        return None
    return (
        Person.objects.filter(ssn_index=crypto.blind_index(ssn))
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )


def _participant_faults(values: dict, referral_date: dt.date) -> list[FieldError]:
    faults = []
    born = values["date_of_birth"]
    if born and born > referral_date:
        faults.append(FieldError("date_of_birth", "is after the referral date"))
    if values["role"] == "CH":
        if born is None:
            faults.append(FieldError("date_of_birth", "is required for a child"))
        elif _age_on(born, referral_date) >= CHILD_AGE_LIMIT:
            faults.append(FieldError("date_of_birth", f"a child must be under {CHILD_AGE_LIMIT}"))
    elif values["paternity_status"]:
        faults.append(FieldError("paternity_status", "only a child (CH) has a paternity status"))
    if values["address_line1"] and not (values["city"] and values["zip"]):
        faults.append(FieldError("address_line1", "an address needs its city and zip"))
    return faults


def _application(group: Group, today: dt.date) -> tuple[Application | None, list[Rejection]]:
    """The referral as an application, or the reasons it cannot be one."""
    key = group.key
    c_number, c_text = group.lines[0]
    rejections: list[Rejection] = []
    c = REFERRAL.parse(c_text)
    rejections += [Rejection(c_number, key, e.field, e.reason) for e in c.errors]
    town = None
    if c.values.get("town"):
        town = Town.objects.select_related("office").filter(name__iexact=c.values["town"]).first()
        if town is None:
            rejections.append(
                Rejection(c_number, key, "town", f"{c.values['town']!r} is not a Connecticut town")
            )
    referral_date = c.values.get("referral_date")
    if referral_date and referral_date > today:
        rejections.append(Rejection(c_number, key, "referral_date", "is in the future"))
    participants: list[tuple[int, dict]] = []
    ssn_line: dict[str, int] = {}
    for number, text in group.lines[1:]:
        p = PARTICIPANT.parse(text)
        rejections += [Rejection(number, key, e.field, e.reason) for e in p.errors]
        if not p.ok:
            continue
        if referral_date:
            rejections += [
                Rejection(number, key, e.field, e.reason)
                for e in _participant_faults(p.values, referral_date)
            ]
        if p.values["ssn"]:
            first = ssn_line.setdefault(p.values["ssn"], number)
            if first != number:
                rejections.append(
                    Rejection(number, key, "ssn", f"the same SSN as line {first} of this referral")
                )
        participants.append((number, p.values))
    if rejections:
        return None, rejections

    by_role: dict[str, list[tuple[int, dict]]] = {r: [] for r in ROLES}
    for number, values in participants:
        by_role[values["role"]].append((number, values))
    if len(by_role["CP"]) != 1:
        reason = (
            "the referral has no custodial party (CP)"
            if not by_role["CP"]
            else "the referral has more than one custodial party (CP) "
            f"(lines {', '.join(str(n) for n, _ in by_role['CP'])})"
        )
        rejections.append(Rejection(c_number, key, "role", reason))
    if not by_role["CH"]:
        rejections.append(Rejection(c_number, key, "role", "the referral has no child (CH)"))
    others = by_role["NCP"] + by_role["AF"]
    if len(others) > 1:
        rejections.append(
            Rejection(
                others[1][0],
                key,
                "role",
                "a referral names at most one noncustodial parent or alleged father",
            )
        )
    if rejections:
        return None, rejections

    other_state = c.values["other_state"] or ""
    other_role = MemberRole.NONCUSTODIAL_PARENT
    if others and others[0][1]["role"] == "AF":
        other_role = MemberRole.ALLEGED_FATHER
    return (
        Application(
            applicant_role=MemberRole.CUSTODIAL_PARTY,
            applicant=_party(by_role["CP"][0][1]),
            other_parent=_party(others[0][1]) if others else None,
            other_parent_role=other_role,
            children=[_child(values) for _, values in by_role["CH"]],
            program_type=PROGRAMS[c.values["program"]],
            office_code=town.office.code,
            application_date=referral_date,
            # A referral naming another state is one this state starts with that state.
            interstate_role=InterstateRole.INITIATING if other_state else InterstateRole.NONE,
            other_state=other_state,
            applicant_family_violence=c.values["family_violence"] == "Y",
            iv_a_case_number=c.values["iv_a_case_number"],
            referral_key=key,
        ),
        [],
    )


def _load_group(inbound: InboundFile, group: Group, frame: _Frame, today: dt.date) -> None:
    """Load one unit and record its outcome, all in one transaction with the progress mark."""
    first = group.first_line
    rejections: list[Rejection] = []
    with transaction.atomic():
        if group.kind == "stray":
            record_type, key = _type_and_key(group.lines[0][1])
            if record_type != "P":
                parsed = REFERRAL_FILE.parse(group.lines[0][1])
                rejections = [Rejection(first, "", e.field, e.reason) for e in parsed.errors]
            elif key in frame.c_line_of:
                rejections = [
                    Rejection(
                        first,
                        key,
                        "referral_key",
                        f"this participant line is away from its referral's C line "
                        f"(line {frame.c_line_of[key]})",
                    )
                ]
            else:
                rejections = [
                    Rejection(first, key, "referral_key", f"no C record for referral {key!r}")
                ]
        elif group.kind == "referral":
            if not group.key:
                rejections = [Rejection(first, "", "referral_key", "is required")]
            elif group.key in frame.bad_keys:
                rejections = [
                    Rejection(first, group.key, "referral_key", frame.bad_keys[group.key])
                ]
            elif Case.objects.filter(referral_key=group.key).exists():
                LoadedRecord.objects.create(
                    file=inbound,
                    line_number=first,
                    record_key=group.key,
                    outcome=LoadedRecord.Outcome.DUPLICATE,
                )
            else:
                application, rejections = _application(group, today)
                if application is not None:
                    case = intake.open_case(
                        application=application,
                        by=None,
                        source=CaseSource.IV_A_REFERRAL,
                        today=today,
                    )
                    LoadedRecord.objects.create(
                        file=inbound,
                        line_number=first,
                        record_key=group.key,
                        outcome=LoadedRecord.Outcome.ACCEPTED,
                        case=case,
                    )
        RejectedRecord.objects.bulk_create(
            [
                RejectedRecord(
                    file=inbound,
                    line_number=r.line_number,
                    record_key=r.record_key[:40],
                    field=r.field[:40],
                    reason=r.reason[:300],
                )
                for r in rejections
            ]
        )
        InboundFile.objects.filter(pk=inbound.pk).update(lines_done=group.last_line)


# --- The load --------------------------------------------------------------------------------


def _archive(source: str | os.PathLike | bytes) -> tuple[Path, str, int]:
    """Copy the file into the archive under its SHA-256 (once) and return (path, hash, size)."""
    archive_dir = Path(settings.CSES_ARCHIVE_DIR)
    archive_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with tempfile.NamedTemporaryFile(dir=archive_dir, prefix=".incoming-", delete=False) as tmp:
        try:
            if isinstance(source, bytes):
                digest.update(source)
                tmp.write(source)
                size = len(source)
            else:
                with open(source, "rb") as f:
                    while chunk := f.read(1 << 20):
                        digest.update(chunk)
                        tmp.write(chunk)
                        size += len(chunk)
        except BaseException:
            os.unlink(tmp.name)
            raise
    target = archive_dir / digest.hexdigest()
    if target.exists():
        os.unlink(tmp.name)
    else:
        os.replace(tmp.name, target)
    return target, digest.hexdigest(), size


def _finish(inbound: InboundFile, *, records: int, status: str) -> None:
    loaded = inbound.loaded_records
    inbound.status = status
    inbound.completed_at = timezone.now()
    inbound.records_read = records
    inbound.accepted = loaded.filter(outcome=LoadedRecord.Outcome.ACCEPTED).count()
    inbound.duplicates = loaded.filter(outcome=LoadedRecord.Outcome.DUPLICATE).count()
    rejected = inbound.rejected_records
    # A referral rejected for several faults counts once; a line that belongs to no referral
    # counts by itself.
    inbound.rejected = (
        rejected.exclude(record_key="").values("record_key").distinct().count()
        + rejected.filter(record_key="").count()
    )
    inbound.save(
        update_fields=[
            "status",
            "completed_at",
            "records_read",
            "accepted",
            "duplicates",
            "rejected",
        ]
    )


def load_referral_file(
    path_or_bytes: str | os.PathLike | bytes,
    *,
    name: str,
    by=None,
    today: dt.date | None = None,
) -> LoadReport:
    """Load a IV-A referral file: every good referral becomes a case in intake; bad records are
    rejected with line, field and reason; referrals already loaded are skipped as duplicates."""
    today = today or timezone.localdate()
    path, sha256, size = _archive(path_or_bytes)
    kind = InboundFile.Kind.IV_A_REFERRALS
    inbound = InboundFile.objects.filter(kind=kind, sha256=sha256).first()
    if inbound is not None and inbound.status != InboundFile.Status.LOADING:
        return LoadReport.of(inbound, already_loaded=True)
    if inbound is None:
        try:
            with transaction.atomic():
                inbound = InboundFile.objects.create(
                    kind=kind,
                    name=name[:200],
                    sha256=sha256,
                    size=size,
                    received_at=timezone.now(),
                    received_by=by if by is not None and by.is_authenticated else None,
                )
        except IntegrityError:
            # Another load of the same content started at the same moment: it owns the file.
            return LoadReport.of(
                InboundFile.objects.get(kind=kind, sha256=sha256), already_loaded=True
            )

    frame = _check_frame(path)
    if frame.faults:
        with transaction.atomic():
            inbound.rejected_records.all().delete()
            RejectedRecord.objects.bulk_create(
                [
                    RejectedRecord(
                        file=inbound, line_number=r.line_number, field=r.field, reason=r.reason
                    )
                    for r in frame.faults
                ]
            )
            _finish(inbound, records=frame.records, status=InboundFile.Status.REJECTED)
        return LoadReport.of(inbound)

    for group in _groups(path):
        if group.kind in ("H", "T") or group.last_line <= inbound.lines_done:
            continue
        _load_group(inbound, group, frame, today)
    _finish(inbound, records=frame.records, status=InboundFile.Status.LOADED)
    return LoadReport.of(inbound)
