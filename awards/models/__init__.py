"""Awards as data: the rules (catalogue, authorities, standards) and the records they judge."""

from .catalogue import (  # noqa: F401
    UNIT_LEVEL, Authority, AuthorityLevel, AuthorityQuerySet, AwardType, Certainty, InForceQuerySet,
    RegulationVersion, level_of,
)
from .history import AwardRecord, DisciplinePeriod, Initiative, SubjectQuerySet, TaskRating  # noqa: F401
from .standards import Condition, Standard  # noqa: F401
from .exclusions import AwardExclusion  # noqa: F401
from .nominations import DeadlineExtension, NominationLine, NominationList  # noqa: F401
from .dossier_rules import DocumentKind, DocumentRequirement, FormTemplate, LIST_DOCUMENTS, VoteRule  # noqa: F401
from .nominee_imports import NomineeImport  # noqa: F401
from .attachments import SINGLE_COPY_KINDS, NominationAttachment  # noqa: F401
from .routing import ProcessingTimeLimit, RoutingLink  # noqa: F401
from .dossiers import Dossier, DossierAttachment, DossierEvent, DossierLine  # noqa: F401
from .notifications import Notification  # noqa: F401
from .decisions import AwardReviewFlag, AwardRevocation, Decision  # noqa: F401
from .signatures import SignedPlanCopy, SigningCertificate  # noqa: F401
from .certificates import Certificate, CertificateSeries, CertificateWording  # noqa: F401
from .consultations import ConsultationCandidate, ConsultationComment, ConsultationRule, Holiday, PublicConsultation  # noqa: F401,E501
from .councils import AwardDowngrade, Council, CouncilBallot, CouncilMember, CouncilResult, CouncilSession  # noqa: F401
from .certificate_prints import CertificatePrint  # noqa: F401
