"""The CMS sign-in form: Wagtail's own, with its password field named in the
reader's language.

Wagtail declares that field without a label, so Django names it after the
field, "Password", in every language; Django's catalogue translates the label.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class CmsLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
