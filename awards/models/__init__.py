"""Awards as data: the rules (catalogue, authorities, standards) and the records they judge."""

from awards.models.attachments import SINGLE_COPY_KINDS, NominationAttachment  # noqa: F401
from awards.models.award_tallies import POSITION_KEY, AwardTally  # noqa: F401
from awards.models.base import Certainty, Dated, DatedRule, DatedRuleQuerySet  # noqa: F401
from awards.models.blocks import (  # noqa: F401
    DEFAULT_TIE_BREAK,
    TIE_BREAK_RULES,
    BlockMember,
    CovenantTarget,
    Criterion,
    EmulationBlock,
    ScoreEntry,
    ScoreEvidence,
    ScoreGroup,
    ScoreSheet,
    tie_break_codes,
)
from awards.models.catalogue import (  # noqa: F401
    UNIT_LEVEL,
    Authority,
    AuthorityLevel,
    AuthorityQuerySet,
    AwardType,
    AwardTypeQuerySet,
    RegulationVersion,
    level_of,
)
from awards.models.certificates import Certificate, CertificateSeries, CertificateWording  # noqa: F401
from awards.models.checked_pdfs import CheckedPdf  # noqa: F401
from awards.models.consultations import (  # noqa: F401,E501
    ConsultationCandidate,
    ConsultationComment,
    ConsultationRule,
    PublicConsultation,
)
from awards.models.councils import (  # noqa: F401
    AwardDowngrade,
    Council,
    CouncilBallot,
    CouncilMember,
    CouncilResult,
    CouncilSession,
)
from awards.models.decisions import AwardReviewFlag, AwardRevocation, Decision, DecisionPublication  # noqa: F401
from awards.models.dossier_rules import (  # noqa: F401
    LIST_DOCUMENTS,
    DocumentKind,
    DocumentRequirement,
    FormTemplate,
    VoteRule,
)
from awards.models.dossiers import Dossier, DossierAttachment, DossierEvent, DossierLine  # noqa: F401
from awards.models.exclusions import AwardExclusion  # noqa: F401
from awards.models.history import (  # noqa: F401
    HOUSEHOLD_UNIT_PATHS,
    AwardRecord,
    DisciplinePeriod,
    Initiative,
    SubjectQuerySet,
    TaskRating,
    household_q,
)
from awards.models.holidays import Holiday  # noqa: F401
from awards.models.legal import LegalDocument  # noqa: F401
from awards.models.nominations import DeadlineExtension, NominationLine, NominationList  # noqa: F401
from awards.models.nominee_imports import NomineeImport  # noqa: F401
from awards.models.notifications import Notification  # noqa: F401
from awards.models.plan_reports import PlanReport, PlanReportAttachment, PlanReportResult  # noqa: F401
from awards.models.position_groups import PositionGroupWord  # noqa: F401
from awards.models.routing import ProcessingTimeLimit, RoutingLink  # noqa: F401
from awards.models.signatures import SignedPlanCopy, SigningCertificate  # noqa: F401
from awards.models.standards import Condition, Standard  # noqa: F401
from awards.models.statutory_forms import StatisticalColumn, StatisticalForm, StatisticalRow  # noqa: F401
from awards.models.yearly_registrations import YearlyEntry, YearlySheet, period_start  # noqa: F401
