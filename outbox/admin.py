"""The outbox in the Django admin (/django-admin/outbox/outgoingmail/): what
was sent, what waits for the mail server, and what failed, with its error."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from outbox.models import OutgoingMail
from outbox.sending import send_again


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ("key", "state", "attempts", "next_attempt_at", "sent_to", "sent_at")
    list_filter = ("state",)
    search_fields = ("key", "sent_to")
    ordering = ("-created_at",)
    readonly_fields = [field.name for field in OutgoingMail._meta.fields]
    actions = ["send_failed_again"]

    @admin.action(description=_("Send the failed e-mails again"))
    def send_failed_again(self, request, queryset):
        count = send_again(queryset)
        self.message_user(
            request,
            _("%(count)d e-mail(s) queued again.") % {"count": count},
            messages.SUCCESS,
        )

    def has_add_permission(self, request):
        return False
