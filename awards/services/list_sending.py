"""Sending a draft list up with the number and date of its Tờ trình, as one step."""

from django.db import transaction

from awards.models import Dossier, NominationList
from awards.services import journal, nominations
from awards.services.proposal_references import ProposalReference, checked_reference, write_reference


@transaction.atomic
def send_list(nomination_list, *, actor, reference: ProposalReference | None) -> NominationList:
    """Send a draft list (awards.services.nominations.submit_list) and write its Tờ trình's number and date on
    the packet it sends up, in one transaction: a refusal of either leaves the list a draft and nothing written.

    ``reference`` None: the page posted no reference, nothing is written. What the unit grants itself is
    not sent with a Tờ trình, so its packet gets none.
    """
    reference = checked_reference(reference.number, reference.date) if reference is not None else None
    submitted = nominations.submit_list(nomination_list, actor=actor)
    if reference is not None:
        sent = (Dossier.objects.select_for_update(of=("self",)).select_related("sender", "receiver")
                .filter(nomination_list=submitted, status=Dossier.Status.SUBMITTED).order_by("pk"))
        for packet in sent:
            write_reference(packet, journal.read_lines(packet), actor=actor, reference=reference)
    return submitted
