"""What the admin pages of accounts and memberships add so that lost access ends open sessions.

Mixed into units.admin's UserAdmin and MembershipAdmin: deactivating an account, ending a
membership (an end date of today or earlier) or deleting one ends the holder's sessions
(units.sessions). A password set in the admin ends them by itself (the session hash covers it).
"""

from units.models import Membership, User
from units.sessions import end_sessions, membership_has_ended


class EndSessionsOnUserChange:
    """For the account admin: deactivation, and memberships ended or deleted in its inline."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            end_sessions(obj)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Membership and (
            formset.deleted_objects or any(
                "valid_to" in changed and membership_has_ended(membership)
                for membership, changed in formset.changed_objects
            )
        ):
            end_sessions(form.instance)


class EndSessionsOnMembershipChange:
    """For the membership admin: a membership ended, deleted or moved to another account."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            return
        if "user" in form.changed_data and form.initial.get("user"):
            end_sessions(User.objects.get(pk=form.initial["user"]))
        if "valid_to" in form.changed_data and membership_has_ended(obj):
            end_sessions(obj.user)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        end_sessions(obj.user)

    def delete_queryset(self, request, queryset):
        users = {membership.user for membership in queryset.select_related("user")}
        super().delete_queryset(request, queryset)
        for user in users:
            end_sessions(user)
