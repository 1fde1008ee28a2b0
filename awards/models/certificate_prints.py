"""Packs of certificates are printed as units.Job now; CertificatePrint is gone (migration 0018).

Migration 0017 names this function as the old model's upload path, so it stays importable.
"""


def print_file_name(instance, filename):
    return f"giay-khen/in/{instance.decision_id}-{instance.pk or 'moi'}.pdf"
