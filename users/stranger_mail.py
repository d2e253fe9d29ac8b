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

Password resets and the welcome e-mail go through the outbox
(``outbox.sending``): rendered and sent by a task, in the language the visitor
used, tried again while the mail server is down. A reset link is made when the
e-mail is sent, so no live token waits in the database.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sites.models import Site
from django.core.mail import EmailMultiAlternatives
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext
from oscar.apps.customer.alerts.views import ProductAlertCreateView
from oscar.apps.customer.forms import PasswordResetForm as OscarPasswordResetForm
from oscar.apps.customer.utils import get_password_reset_url
from oscar.core.loading import get_class
from oscar.views.decorators import login_forbidden
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from outbox.sending import send_later
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
    def send_password_reset_email(self, site, user, request=None):
        send_later(
            f"password reset {user.pk} {uuid.uuid4().hex}",
            "users.stranger_mail.deliver_shop_password_reset",
            user_pk=user.pk,
            language=translation.get_language(),
        )


class CmsPasswordResetForm(LimitedPasswordResetMixin, WagtailPasswordResetForm):
    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        send_later(
            f"cms password reset {context['user'].pk} {uuid.uuid4().hex}",
            "users.stranger_mail.deliver_cms_password_reset",
            user_pk=context["user"].pk,
            language=translation.get_language(),
            templates=[
                subject_template_name,
                email_template_name,
                html_email_template_name,
            ],
            site={
                "domain": context["domain"],
                "site_name": context["site_name"],
                "protocol": context["protocol"],
            },
            from_email=from_email,
        )


def _active_user(user_pk: int):
    user = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
    return user if user is not None and user.email else None


def deliver_shop_password_reset(user_pk: int, language: str) -> str:
    user = _active_user(user_pk)
    if user is None:
        return ""
    with translation.override(language):
        CustomerDispatcher().send_password_reset_email_for_user(
            user,
            {
                "user": user,
                "site": Site.objects.get_current(),
                "reset_url": get_password_reset_url(user),
            },
        )
    return user.email


def deliver_cms_password_reset(
    user_pk: int, language: str, templates: list, site: dict, from_email=None
) -> str:
    """Django's reset e-mail as Wagtail asks for it, with a token made now."""
    user = _active_user(user_pk)
    if user is None:
        return ""
    subject_template, body_template, html_template = templates
    context = {
        **site,
        "email": user.email,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
    }
    with translation.override(language):
        subject = "".join(render_to_string(subject_template, context).splitlines())
        message = EmailMultiAlternatives(
            subject, render_to_string(body_template, context), from_email, [user.email]
        )
        if html_template:
            message.attach_alternative(
                render_to_string(html_template, context), "text/html"
            )
    message.send()
    return user.email


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
        send_later(
            f"welcome {user.pk}",
            "users.stranger_mail.deliver_registration_email",
            user_pk=user.pk,
            language=translation.get_language(),
        )


def deliver_registration_email(user_pk: int, language: str) -> str:
    user = _active_user(user_pk)
    if user is None:
        return ""
    with translation.override(language):
        CustomerDispatcher().send_registration_email_for_user(user, {"user": user})
    return user.email
