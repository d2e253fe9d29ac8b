"""The forms and views that send mail to an address a visitor typed, limited.

Each asks ``users.mail_limits`` before it sends:

- **Password resets**: Oscar's page (the shop's and the dashboard's "Forgot
  your password?", wired over Oscar's URL in ``craftsite.urls``) and Wagtail's
  (``WAGTAILADMIN_USER_PASSWORD_RESET_FORM``). Past a limit they show the same
  "check your e-mail" page and send nothing; a client past its own limit is
  also told so.
- **Stock alerts** from visitors without an account (Oscar's "notify me"
  form, wired over its URL): past the recipient's limit the page says the
  confirmation was sent; past the client's limit it says to try later. No
  alert is made either way.
- **Registration**: Oscar's welcome e-mail is sent from here
  (``OSCAR_SEND_REGISTRATION_EMAIL`` is off), after its ``user_registered``
  signal, only within the limits; the account is made either way.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext
from oscar.apps.customer.alerts.views import ProductAlertCreateView
from oscar.apps.customer.forms import PasswordResetForm as OscarPasswordResetForm
from oscar.core.loading import get_class
from oscar.views.decorators import login_forbidden
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from users import mail_limits

CustomerDispatcher = get_class("customer.utils", "CustomerDispatcher")


def client_over_limit_message() -> str:
    return gettext(
        "Too many e-mails have been requested from your internet connection in "
        "the last hour. Please try again later."
    )


class LimitedPasswordResetMixin:
    """Sends the reset e-mail only within the mail limits of its address and client."""

    def save(self, *args, request=None, **kwargs):
        verdict = mail_limits.take(
            "password reset", self.cleaned_data.get("email"), request
        )
        if verdict:
            return super().save(*args, request=request, **kwargs)
        if verdict is mail_limits.Verdict.CLIENT_OVER_LIMIT and request is not None:
            messages.warning(request, client_over_limit_message())
        return None


class ShopPasswordResetForm(LimitedPasswordResetMixin, OscarPasswordResetForm):
    pass


class CmsPasswordResetForm(LimitedPasswordResetMixin, WagtailPasswordResetForm):
    pass


shop_password_reset = login_forbidden(
    auth_views.PasswordResetView.as_view(
        form_class=ShopPasswordResetForm,
        success_url=reverse_lazy("password-reset-done"),
        template_name="oscar/registration/password_reset_form.html",
    )
)


class LimitedProductAlertCreateView(ProductAlertCreateView):
    """Oscar's "notify me" form; a visitor's confirmation e-mail within the limits."""

    def form_valid(self, form):
        if self.request.user.is_authenticated:
            return super().form_valid(form)
        email = form.cleaned_data.get("email")
        verdict = mail_limits.take("stock alert", email, self.request)
        if verdict:
            return super().form_valid(form)
        if verdict is mail_limits.Verdict.CLIENT_OVER_LIMIT:
            messages.error(self.request, client_over_limit_message())
        else:
            messages.success(
                self.request,
                gettext("A confirmation email has been sent to %s") % email,
            )
        return redirect(self.product.get_absolute_url())


def send_registration_email(sender, request, user, **kwargs) -> None:
    """Oscar's welcome e-mail to a new account, within the mail limits."""
    if mail_limits.take("registration", user.email, request):
        CustomerDispatcher().send_registration_email_for_user(
            user, {"user": user, "request": request}
        )
