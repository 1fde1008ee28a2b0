"""Jobs made directly, in the state a test needs."""

from units.models import Job


def make_job(owner, kind=Job.Kind.PLAN_PDF, *, subject=None, **fields):
    fields.setdefault("total", 100)
    return Job.objects.create(owner=owner, kind=kind, subject=subject, **fields)
