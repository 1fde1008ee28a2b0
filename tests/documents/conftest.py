"""The awards tests' fixtures, for the documents built here from the same data."""

from tests.awards.conftest import commune_list, province_clerk, reviewed_dossier, submitted_dossier  # noqa: F401
from tests.awards.consultation_factories import on_day  # noqa: F401 (fixture)
from tests.awards.test_dossier_documents import an, binh, plan, plan_list  # noqa: F401 (fixtures)
