import oscar.apps.address.apps as apps


class AddressConfig(apps.AddressConfig):
    """Oscar's addresses, forked: a Vietnamese address keeps its units' codes."""

    name = "address"
