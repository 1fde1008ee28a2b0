from django.apps import AppConfig
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
        # Logins are Django's own events, announced only by these signals; the portal's own
        # changes write their log entries in the code that makes them. A login also starts its
        # session's clock (units.session_limits).
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from units.security_log import on_user_logged_in, on_user_login_failed
        from units.session_limits import stamp_login

        user_logged_in.connect(on_user_logged_in, dispatch_uid="units.security_log.login")
        user_login_failed.connect(on_user_login_failed, dispatch_uid="units.security_log.login_failed")
        user_logged_in.connect(stamp_login, dispatch_uid="units.session_limits.stamp_login")
        # A table only `migrate` can make: the shared cache's, when it is in the database.
        post_migrate.connect(create_cache_table, sender=self)
        # A table SQLite rebuilt in a migration gets its planner statistics back (units.planner_statistics).
        from units.planner_statistics import analyse_rebuilt_tables

        post_migrate.connect(analyse_rebuilt_tables, sender=self, dispatch_uid="units.planner_statistics")

        # The admin (first of the installed apps) has loaded every admin module by now, django-otp's
        # device admins included: the superuser-only ones take their place.
        from units import two_factor_admin

        two_factor_admin.register()
