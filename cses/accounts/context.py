from cses.accounts.access import capabilities, is_staff_user, role_of


def staff_context(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"caps": frozenset(), "is_staff_user": False, "user_role": None}
    return {
        "caps": capabilities(user),
        "is_staff_user": is_staff_user(user),
        "user_role": role_of(user),
    }
