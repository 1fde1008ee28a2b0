"""The "Căn cứ" lines of a unit's documents, read from the library of legal documents (awards.models.legal)."""

import datetime

from django.db.models import Q

from awards.models import LegalDocument

Role = LegalDocument.Role
DECISION, PROPOSAL = "decision", "proposal"
# What each kind of document cites, in the order it cites them: a decision rests first on the law that gives
# the body its power to decide; a Tờ trình only on the rules of the awards it asks for.
ROLES = {
    DECISION: (Role.ORGANISATION, Role.LAW, Role.DECREE, Role.LOCAL_RULES),
    PROPOSAL: (Role.LAW, Role.DECREE, Role.LOCAL_RULES),
}


def legal_bases(unit, on: datetime.date, purpose: str = DECISION) -> list[LegalDocument]:
    """The documents in force on ``on`` that a document of ``unit`` cites, in citing order (one query).

    National rows hold everywhere; a row of a unit (a province's or a ministry's Quy chế) holds for that
    unit and every unit under it. A row that lists kinds of unit is cited only by units of those kinds: the
    law on local government by a People's Committee, the law on the Government by a ministry. The kinds are
    read after the query (a list in a JSON column is not searched alike on SQLite and PostgreSQL; the rows
    in force on a day are few).
    """
    roles = list(ROLES[purpose])
    scope = [*unit.ancestor_ids(), unit.pk] if unit.path else [unit.pk]
    rows = (LegalDocument.objects.in_force(on).filter(role__in=roles)
            .filter(Q(unit__isnull=True) | Q(unit_id__in=scope)))
    cited = [row for row in rows if row.is_cited_by(unit.kind)]
    return sorted(cited, key=lambda row: (roles.index(row.role), row.valid_from or datetime.date.min, row.pk))


def basis_lines(unit, on: datetime.date, purpose: str = DECISION) -> list[str]:
    """"Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định …;" per basis."""
    return [f"Căn cứ {row.citation()};" for row in legal_bases(unit, on, purpose)]
