"""The site's user model, chosen before the first migration.

Oscar signs people in by e-mail and recommends subclassing its abstract user
from day one; swapping the user model later needs hand-written migrations.
"""

from oscar.apps.customer.abstract_models import AbstractUser


class User(AbstractUser):
    """A buyer, a centre's staff member, an editor or a site manager."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
