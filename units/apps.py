from django.apps import AppConfig


class UnitsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "units"
    verbose_name = "Đơn vị, cá nhân và tài khoản"

    def ready(self):
        # The admin (first of the installed apps) has loaded every admin module by now, django-otp's
        # device admins included: the superuser-only ones take their place.
        from units import two_factor_admin

        two_factor_admin.register()
