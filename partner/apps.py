import oscar.apps.partner.apps as oscar_partner_apps


class PartnerConfig(oscar_partner_apps.PartnerConfig):
    """Oscar's partners (the centres' sellers), forked for a basket-aware strategy."""

    name = "partner"
