"""Asking what a user may do. Pages use ``requires``; the API uses ``HasCapability``."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

from cses.accounts.roles import ROLE_CAPABILITIES, STAFF_ROLES, Cap


def role_of(user) -> str | None:
    if not user.is_authenticated:
        return None
    profile = getattr(user, "profile", None)
    return profile.role if profile else None


def capabilities(user) -> frozenset[str]:
    cached = getattr(user, "_cses_capabilities", None)
    if cached is not None:
        return cached
    role = role_of(user)
    caps = ROLE_CAPABILITIES.get(role, frozenset()) if role else frozenset()
    if role and user.profile.all_offices and role in STAFF_ROLES:
        caps = caps | {Cap.ALL_OFFICES}
    if user.is_authenticated:
        user._cses_capabilities = caps
    return caps


def can(user, capability: str) -> bool:
    return capability in capabilities(user)


def is_staff_user(user) -> bool:
    return role_of(user) in STAFF_ROLES


def requires(*needed: str):
    """View decorator: log in first, then every named capability, else 403."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not all(can(request.user, c) for c in needed):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.required_capabilities = needed
        return wrapper

    return decorate


class HasCapability(BasePermission):
    """DRF permission: the view lists ``required_capabilities``; safe and unsafe methods may
    differ through ``write_capabilities``."""

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        needed = getattr(view, "required_capabilities", ())
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            needed = getattr(view, "write_capabilities", needed)
        return all(can(request.user, c) for c in needed)
