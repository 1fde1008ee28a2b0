from django.apps import AppConfig


class UnitsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "units"
    verbose_name = "Đơn vị, cá nhân và tài khoản"

    def ready(self):
        # Logins are Django's own events, announced only by these signals; the portal's own
        # changes write their log entries in the code that makes them.
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from units.security_log import on_user_logged_in, on_user_login_failed

        user_logged_in.connect(on_user_logged_in, dispatch_uid="units.security_log.login")
        user_login_failed.connect(on_user_login_failed, dispatch_uid="units.security_log.login_failed")

        # The admin (first of the installed apps) has loaded every admin module by now, django-otp's
        # device admins included: the superuser-only ones take their place.
        from units import two_factor_admin

        two_factor_admin.register()
