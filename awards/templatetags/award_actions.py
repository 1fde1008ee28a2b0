"""What the pages of other apps may offer on award records: the acts the award rules let this user take."""

from django import template

from awards.models import AwardRecord
from awards.services import revocations

register = template.Library()


@register.simple_tag(takes_context=True)
def revocable(context, records):
    """Ids of ``records`` the user may revoke (one query): a page offers "Hủy bỏ" on those only, as the
    revoking view checks the same ``may_revoke``."""
    user = context["request"].user
    rows = (AwardRecord.objects.filter(pk__in=[record.pk for record in records], revoked_on__isnull=True)
            .select_related("decision__issuing_unit", "person__unit", "collective"))
    return {record.pk for record in rows if revocations.may_revoke(user, record)}
