"""``in`` and ``range`` lookups on integer columns that leave out numbers no
row can hold.

Django already answers ``id = 10**40`` with no rows instead of sending a number
the database cannot bind (its ``IntegerFieldOverflow``), but not ``id IN
(10**40)``: SQLite's driver then raises ``OverflowError``. Forms that accept
several ids (``ModelMultipleChoiceField``, the admin listings' filters) check
what was posted with exactly that lookup, so a 40-digit "id" was a server error
instead of "select a valid choice". Out-of-range values are dropped the way
Django drops ``None`` from the list; a list left empty matches nothing. A
range's ends are brought within what the column can hold (the admin's "usage
count" filter asks for ranges).
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db.models import IntegerField
from django.db.models.lookups import In, Range


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            internal_type = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(internal_type)
            kept = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
            if not kept:
                raise EmptyResultSet
            if len(kept) != len(self.rhs):
                self.rhs = kept
        return super().process_rhs(compiler, connection)


class IntegerFieldRange(Range):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value() and len(self.rhs) == 2:
            internal_type = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(internal_type)
            start, end = self.rhs
            if isinstance(start, int) and high is not None and start > high:
                raise EmptyResultSet
            if isinstance(end, int) and low is not None and end < low:
                raise EmptyResultSet
            if isinstance(start, int) and low is not None:
                start = max(start, low)
            if isinstance(end, int) and high is not None:
                end = min(end, high)
            self.rhs = (start, end)
        return super().process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
    IntegerField.register_lookup(IntegerFieldRange)
