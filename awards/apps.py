from django.apps import AppConfig


class AwardsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "awards"
    verbose_name = "Khen thưởng"

    def ready(self):
        # The working-day calendar listens for holiday edits, and the award tally recounts what each single-row
        # write of a record or a person changes (their receivers connect on import).
        from awards.rules import working_days  # noqa: F401
        from awards.services import award_tallies  # noqa: F401
