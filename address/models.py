"""Oscar's address models; the address book's entries keep their units' codes."""

from oscar.apps.address.abstract_models import AbstractUserAddress

from address.abstract_models import AdministrativeUnitCodes


class UserAddress(AdministrativeUnitCodes, AbstractUserAddress):
    class Meta(AbstractUserAddress.Meta):
        app_label = "address"


from oscar.apps.address.models import *  # noqa: E402, F403
