"""The rules are edited here when the law changes; only superusers (the TĐKT administrators) may.

One module per noun, as in awards.models; importing each registers its models.
"""

from awards.admin import (  # noqa: F401 (imported to register)
    blocks,
    catalogue,
    certificates,
    consultations,
    councils,
    decisions,
    dossier_rules,
    dossiers,
    exclusions,
    history,
    legal,
    routing,
    signatures,
    standards,
    statutory_forms,
    yearly_registrations,
)
