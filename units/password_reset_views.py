"""The "Quên mật khẩu" pages: Django's reset views, asked by user name, in the portal's words (units.password_reset)."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render

from units.password_reset import ForgottenPasswordForm, contacts_for, email_configured
from units.security_log import Action, record_security_event


class ForgottenPasswordView(auth_views.PasswordResetView):
    """Emails the reset link where the portal sends mail; otherwise names whom to ask, in the same shape for
    every name typed (an unknown one gets the general contact only)."""

    form_class = ForgottenPasswordForm

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "email_configured": email_configured()}

    def form_valid(self, form):
        if email_configured():
            form.send_link(domain=self.request.get_host(), use_https=self.request.is_secure())
            return redirect(self.get_success_url())
        return render(self.request, "registration/password_reset_contacts.html", {
            "contacts": contacts_for(form.cleaned_data["username"]),
            "general": settings.PASSWORD_HELP_CONTACT,
        })


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's page for the new password; the change goes into the accountability log. The password is
    its owner's own: a temporary one given by an admin no longer needs changing."""

    def form_valid(self, form):
        form.user.must_change_password = False
        response = super().form_valid(form)
        record_security_event(action=Action.PASSWORD_CHANGED, user=form.user, request=self.request,
                              target=form.user.get_username(), detail="qua đường dẫn đặt lại mật khẩu")
        return response
