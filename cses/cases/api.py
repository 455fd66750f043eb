"""The case and intake endpoints: thin over the selectors and services the pages use.

Every case is read through ``visible_cases`` (a case outside the caller's offices is not found);
every SSN shown, masked as it always is here, is written to the audit log."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from cses.accounts.access import can
from cses.accounts.roles import Cap
from cses.api.base import CHANNEL, CsesAPIView, errors
from cses.cases import lifecycle, services
from cses.cases.intake import (
    AlreadyDecided,
    accept_application,
    application_of,
    reject_application,
    submit_application,
)
from cses.cases.models import Case, CaseMember, CaseSource, DiaryEntry, IntakeApplication
from cses.cases.selectors import (
    SearchError,
    pending_applications,
    search_cases,
    visible_case_or_404,
    visible_cases,
)
from cses.cases.serializers import (
    AcceptedSerializer,
    ApplicationSerializer,
    CaseDetailSerializer,
    CaseListSerializer,
    CasePageSerializer,
    CaseSearchSerializer,
    CaseSsnSearchSerializer,
    CaseStatusSerializer,
    DiaryEntrySerializer,
    DiaryNoteSerializer,
    QueuedApplicationSerializer,
    RefusalSerializer,
    RejectionSerializer,
    SubmittedSerializer,
    TransitionSerializer,
)
from cses.core.audit import record_view_set, record_views
from cses.core.models import AuditEvent
from cses.rules.case_lifecycle import CaseState, TransitionRefused

SSN_NOT_IN_ADDRESS = gettext_noop(
    "Send an SSN in the body of POST /api/v1/cases/search/, never in the address."
)


def _with_parties(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.prefetch_related(
        Prefetch("members", queryset=CaseMember.objects.select_related("person").order_by("id"))
    )


class _CaseListing(CsesAPIView):
    required_capabilities = (Cap.CASES_VIEW,)
    serializer_class = CaseListSerializer

    def _page(self, cases: QuerySet[Case]) -> Response:
        page = self.paginate_queryset(_with_parties(cases))
        return self.get_paginated_response(CaseListSerializer(page, many=True).data)


class CaseListView(_CaseListing):
    """Cases in the caller's offices, filtered by any of the query's criteria. An SSN never
    travels in an address (it would stay in logs): search by SSN with ``POST cases/search/``."""

    @extend_schema(
        operation_id="cases_list",
        summary="List and filter cases",
        parameters=[CaseSearchSerializer],
        responses={200: CaseListSerializer(many=True), **errors(400, 403)},
    )
    def get(self, request: Request) -> Response:
        if "ssn" in request.query_params:
            raise ValidationError({"ssn": [_(SSN_NOT_IN_ADDRESS)]})
        criteria = CaseSearchSerializer(data=request.query_params)
        criteria.is_valid(raise_exception=True)
        return self._page(search(request, criteria.validated_data))


class CaseSearchView(_CaseListing):
    """The case search with every criterion in the body, the exact SSN among them."""

    @extend_schema(
        operation_id="cases_search",
        summary="Search cases, by SSN among other criteria",
        request=CaseSsnSearchSerializer,
        parameters=[
            OpenApiParameter("limit", int, description="Number of results to return per page."),
            OpenApiParameter("offset", int, description="The index of the first result."),
        ],
        responses={200: CasePageSerializer, **errors(400, 403)},
    )
    def post(self, request: Request) -> Response:
        criteria = CaseSsnSearchSerializer(data=request.data)
        criteria.is_valid(raise_exception=True)
        cases = search(request, criteria.validated_data)
        if "ssn" in criteria.validated_data:
            record_views(
                request,
                AuditEvent.Action.SEARCH_SSN,
                "case_search",
                [""],
                channel=CHANNEL,
                detail=f"API case search by SSN: {cases.count()} case(s) found",
            )
        return self._page(cases)


def search(request: Request, criteria: dict) -> QuerySet[Case]:
    criteria = dict(criteria)
    office = criteria.pop("office", None)
    try:
        cases = search_cases(request.user, **criteria)
    except SearchError as e:
        raise ValidationError({"ssn": [str(e)]}) from e
    return cases.filter(office=office) if office else cases


class CaseDetailView(CsesAPIView):
    required_capabilities = (Cap.CASES_VIEW,)
    serializer_class = CaseDetailSerializer

    @extend_schema(
        operation_id="case_retrieve",
        summary="A case: parties, status history and the next step",
        responses={200: CaseDetailSerializer, **errors(403, 404)},
    )
    def get(self, request: Request, case_number: str) -> Response:
        case = get_object_or_404(
            visible_cases(request.user).select_related("office", "assigned_worker"),
            case_number=case_number,
        )
        case.member_list = list(
            CaseMember.objects.filter(case=case).select_related("person").order_by("role", "id")
        )
        case.history = list(case.status_changes.select_related("by"))
        case.next_step, moves = lifecycle.outlook(case)
        case.allowed_moves = [s.value for s in moves]
        record_view_set(
            request,
            [
                (AuditEvent.Action.VIEW_SSN_MASKED, "person", m.person_id)
                for m in case.member_list
                if m.person.has_ssn
            ],
            case_id=case.pk,
            channel=CHANNEL,
            detail="API: case",
        )
        return Response(CaseDetailSerializer(case).data)


class CaseDiaryView(CsesAPIView):
    """The case diary, newest first; a POST adds a worker's note."""

    required_capabilities = (Cap.CASES_VIEW,)
    write_capabilities = (Cap.CASES_VIEW, Cap.CASES_NOTE)
    serializer_class = DiaryEntrySerializer

    @extend_schema(
        operation_id="case_diary_list",
        summary="The case diary, newest first",
        responses={200: DiaryEntrySerializer(many=True), **errors(403, 404)},
    )
    def get(self, request: Request, case_number: str) -> Response:
        case = visible_case_or_404(request.user, case_number)
        page = self.paginate_queryset(DiaryEntry.objects.filter(case=case).select_related("author"))
        return self.get_paginated_response(DiaryEntrySerializer(page, many=True).data)

    @extend_schema(
        operation_id="case_diary_create",
        summary="Add a note to the case diary",
        request=DiaryNoteSerializer,
        responses={201: DiaryEntrySerializer, **errors(400, 403, 404)},
    )
    def post(self, request: Request, case_number: str) -> Response:
        case = visible_case_or_404(request.user, case_number)
        note = DiaryNoteSerializer(data=request.data)
        note.is_valid(raise_exception=True)
        try:
            entry = services.add_diary_note(
                case=case, text=note.validated_data["text"], by=request.user
            )
        except ValueError as e:
            raise ValidationError({"text": [str(e)]}) from e
        return Response(DiaryEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class CaseTransitionView(CsesAPIView):
    """Moves a case between stages of work, or closes, keeps open or reopens it. A move the
    lifecycle rules refuse answers 409 with every reason."""

    required_capabilities = (Cap.CASES_VIEW,)
    serializer_class = TransitionSerializer
    # Moving needs the transition capability; closing, cancelling a closure and reopening the
    # closure capability.
    action_capabilities = {
        "move": Cap.CASES_TRANSITION,
        "close": Cap.CASES_CLOSE,
        "cancel-closure": Cap.CASES_CLOSE,
        "reopen": Cap.CASES_CLOSE,
    }

    @extend_schema(
        operation_id="case_transition_create",
        summary="Move, close, cancel the closure of, or reopen a case",
        request=TransitionSerializer,
        responses={
            200: CaseStatusSerializer,
            **errors(400, 403, 404),
            409: RefusalSerializer,
        },
    )
    def post(self, request: Request, case_number: str) -> Response:
        if not any(can(request.user, c) for c in self.action_capabilities.values()):
            raise PermissionDenied
        case = visible_case_or_404(request.user, case_number)
        move = TransitionSerializer(data=request.data)
        move.is_valid(raise_exception=True)
        data = move.validated_data
        if not can(request.user, self.action_capabilities[data["action"]]):
            raise PermissionDenied
        by, reason = request.user, data["reason"]
        try:
            if data["action"] == "move":
                case = lifecycle.move_case(
                    case=case, to=CaseState(data["to"]), by=by, reason=reason
                )
            elif data["action"] == "close":
                case = lifecycle.close_case(
                    case=case, reason_code=data["reason_code"], note=reason, by=by
                )
            elif data["action"] == "cancel-closure":
                case = lifecycle.cancel_closure(case=case, note=reason, by=by)
            else:
                case = lifecycle.reopen_case(case=case, reason=reason, by=by)
        except TransitionRefused as e:
            return Response(
                {"detail": _("The case cannot make this move."), "reasons": e.reasons},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(CaseStatusSerializer(case).data)


# Intake


class IntakeApplicationsView(CsesAPIView):
    """The intake queue (GET) and a new application taken by a worker (POST)."""

    required_capabilities = (Cap.INTAKE_REVIEW,)
    write_capabilities = (Cap.INTAKE_CREATE,)
    serializer_class = QueuedApplicationSerializer

    @extend_schema(
        operation_id="intake_applications_list",
        summary="Applications waiting in your offices' intake queue, oldest first",
        responses={200: QueuedApplicationSerializer(many=True), **errors(403)},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(
            pending_applications(request.user)
            .select_related("office")
            .order_by("submitted_at", "id")
        )
        days = dt.timedelta(days=lifecycle.timeframes().case_opening_days)
        for item in page:
            item.due = timezone.localdate(item.submitted_at) + days
        return self.get_paginated_response(QueuedApplicationSerializer(page, many=True).data)

    @extend_schema(
        operation_id="intake_applications_create",
        summary="Queue an application taken by a worker",
        request=ApplicationSerializer,
        responses={201: SubmittedSerializer, **errors(400, 403)},
    )
    def post(self, request: Request) -> Response:
        given = ApplicationSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        application = given.to_application()
        item = submit_application(
            application=application,
            channel=CaseSource.APPLICATION,
            language=application.applicant.language,
        )
        return Response(
            {"reference": item.reference, "status": item.status}, status=status.HTTP_201_CREATED
        )


def _scoped_application(request: Request, reference: str) -> IntakeApplication:
    applications = IntakeApplication.objects.all()
    if not can(request.user, Cap.ALL_OFFICES):
        applications = applications.filter(office_id=request.user.profile.office_id)
    return get_object_or_404(applications, reference=reference)


class AcceptApplicationView(CsesAPIView):
    required_capabilities = (Cap.INTAKE_REVIEW,)
    serializer_class = AcceptedSerializer

    @extend_schema(
        operation_id="intake_application_accept",
        summary="Accept an application: open its case with new persons",
        request=None,
        responses={201: AcceptedSerializer, **errors(403, 404, 409)},
    )
    def post(self, request: Request, reference: str) -> Response:
        item = _scoped_application(request, reference)
        try:
            case = accept_application(item=item, application=application_of(item), by=request.user)
        except AlreadyDecided as e:
            return Response({"detail": str(e)}, status=status.HTTP_409_CONFLICT)
        return Response(
            {
                "reference": item.reference,
                "status": IntakeApplication.Status.ACCEPTED,
                "case_number": case.case_number,
            },
            status=status.HTTP_201_CREATED,
        )


class RejectApplicationView(CsesAPIView):
    required_capabilities = (Cap.INTAKE_REVIEW,)
    serializer_class = RejectionSerializer

    @extend_schema(
        operation_id="intake_application_reject",
        summary="Reject an application, with the reason",
        request=RejectionSerializer,
        responses={200: SubmittedSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, reference: str) -> Response:
        item = _scoped_application(request, reference)
        given = RejectionSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            item = reject_application(
                item=item, reason=given.validated_data["reason"], by=request.user
            )
        except AlreadyDecided as e:
            return Response({"detail": str(e)}, status=status.HTTP_409_CONFLICT)
        return Response({"reference": item.reference, "status": item.status})
