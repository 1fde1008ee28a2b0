from units.scoping import grants_of


def navigation(request):
    """Which menu entries the user's roles open; the views check the same roles again."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = {g.role for g in grants_of(user)}
    return {"nav_roles": roles, "nav_is_admin": user.is_superuser or "unit_admin" in roles}
