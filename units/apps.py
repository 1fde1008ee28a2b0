from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_table(using="default", **kwargs):
    # Without REDIS_URL the shared cache (rate-limit counters) is a database table that no model
    # describes; made after every `migrate`, so no deployment step can forget it (idempotent).
    call_command("createcachetable", database=using, verbosity=0)


class UnitsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "units"
    verbose_name = "Đơn vị, cá nhân và tài khoản"

    def ready(self):
        from units.session_limits import stamp_login

        post_migrate.connect(create_cache_table, sender=self)
        # Django's hooks, not our own flow: a table only `migrate` can make, and a login's start time.
        user_logged_in.connect(stamp_login, dispatch_uid="units.session_limits.stamp_login")

