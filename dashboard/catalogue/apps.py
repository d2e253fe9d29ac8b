import oscar.apps.dashboard.catalogue.apps as oscar_catalogue_dashboard_apps
from oscar.core.loading import get_class


class CatalogueDashboardConfig(oscar_catalogue_dashboard_apps.CatalogueDashboardConfig):
    """Oscar's catalogue dashboard, forked so centre staff can list their products.

    Centre staff (not ``is_staff``) create, edit, publish and unpublish their
    own centre's products, with photos described in both languages, and add
    variants (sizes) to their own products; site managers keep Oscar's forms.
    """

    name = "dashboard.catalogue"

    def configure_permissions(self):
        super().configure_permissions()
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        self.permissions_map["catalogue-product-create-child"] = (
            DashboardPermission.get("catalogue", "view_product", "add_product"),
            DashboardPermission.partner_dashboard_access,
        )
