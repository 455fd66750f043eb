"""Getting an API token: the same failed-log-in throttle as the log-in page, on channel "api"."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from cses.accounts.throttle import login_locked, minutes_until_unlocked, record_login_failure
from cses.api.base import CHANNEL, CsesAPIView, errors
from cses.core.audit import client_ip, record_views
from cses.core.models import AuditEvent


class CredentialsSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text='Send as "Authorization: Token <token>"')


class TokenView(CsesAPIView):
    """Exchanges a user name and password for the user's API token."""

    # Credentials are the authentication here, so no session (and no CSRF token) is needed.
    authentication_classes: list = []
    permission_classes = [AllowAny]
    serializer_class = CredentialsSerializer

    @extend_schema(
        operation_id="auth_token_create",
        summary="Get an API token",
        request=CredentialsSerializer,
        responses={200: TokenSerializer, **errors(400, 429)},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        credentials = CredentialsSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        username = credentials.validated_data["username"]
        ip = client_ip(request)
        if login_locked(username, ip):
            minutes = minutes_until_unlocked(username, ip)
            # Refused even with the right password, so guessing gains nothing while locked.
            message = ngettext(
                "Too many failed log-in attempts; try again in %(n)d minute.",
                "Too many failed log-in attempts; try again in %(n)d minutes.",
                minutes,
            ) % {"n": minutes}
            return Response(
                {"detail": message},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(minutes * 60)},
            )
        user = authenticate(
            request._request, username=username, password=credentials.validated_data["password"]
        )
        if user is None:
            record_login_failure(username, ip, channel=CHANNEL)
            return Response(
                {"detail": _("The user name or password is not right.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        token, _created = Token.objects.get_or_create(user=user)
        request.user = user
        record_views(request, AuditEvent.Action.LOGIN, "user", [user.pk], channel=CHANNEL)
        return Response({"token": token.key})
