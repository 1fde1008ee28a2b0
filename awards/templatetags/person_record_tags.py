"""The forms that add an initiative or a discipline period, shown on the person's page (units)."""

from django import template

from awards.forms.person_records import DisciplineForm, InitiativeForm

register = template.Library()


@register.inclusion_tag("awards/includes/person_record_forms.html")
def person_record_forms(person):
    """Empty forms posting to the person's records page, which answers a refusal with what was typed."""
    return {"person": person, "initiative_form": InitiativeForm(prefix="sk"),
            "discipline_form": DisciplineForm(prefix="kl")}
