"""The awards tests' fixtures, for the documents built here from the same data."""

from tests.awards.conftest import province_clerk  # noqa: F401 (fixture)
from tests.awards.consultation_factories import on_day  # noqa: F401 (fixture)
from tests.awards.test_dossier_documents import an, binh, plan, plan_list  # noqa: F401 (fixtures)
