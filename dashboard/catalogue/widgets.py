"""Oscar's product chooser, reading only product ids from what was posted.

Oscar's ``RemoteSelect`` renders the chosen product by looking up the posted
value as a primary key. When the form comes back with an error, that value is
whatever was sent: ``x`` made the lookup, and the page, fail. Values that
cannot be a product's id are left out of the lookup; the field itself still
says "Select a valid choice" for them.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import connection
from oscar.apps.dashboard.catalogue import widgets as oscar_widgets
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")


def product_ids_in(values) -> list[str]:
    """The values that can be a product's primary key, as strings."""
    pk = Product._meta.pk
    lowest, highest = connection.ops.integer_field_range(pk.get_internal_type())
    ids = []
    for value in values:
        try:
            product_id = pk.to_python(value)
        except ValidationError:
            continue
        if product_id is not None and lowest <= product_id <= highest:
            ids.append(str(product_id))
    return ids


class ProductSelect(oscar_widgets.ProductSelect):
    def optgroups(self, name, value, attrs=None):
        return super().optgroups(name, product_ids_in(value), attrs=attrs)


class ProductSelectMultiple(oscar_widgets.ProductSelectMultiple):
    def optgroups(self, name, value, attrs=None):
        return super().optgroups(name, product_ids_in(value), attrs=attrs)
