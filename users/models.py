"""The site's user model, chosen before the first migration.

Oscar signs people in by e-mail and recommends subclassing its abstract user
from day one; swapping the user model later needs hand-written migrations.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.abstract_models import AbstractUser


class User(AbstractUser):
    """A buyer, a centre's staff member, an editor or a site manager."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


class LimitCounter(models.Model):
    """One count, lock or wait of the sign-in, mail and checkout limits.

    Used when the site has no Redis (``users.limit_store``): the database is
    the one store every app server shares. ``value`` is a count, or for a lock
    the Unix time it ends; the row counts only until ``expires_at`` (Unix time).
    Django's database cache would do but for its increments, which read then
    write and lose counts when two workers fail at once.
    """

    key = models.CharField(max_length=200, primary_key=True)
    value = models.FloatField()
    expires_at = models.FloatField(db_index=True)

    class Meta:
        verbose_name = _("limit counter")
        verbose_name_plural = _("limit counters")

    def __str__(self) -> str:
        return self.key
