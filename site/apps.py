"""The project package as an app: what belongs to the whole site, not to one app."""

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def keep_site_domain_current(sender, using="default", **kwargs) -> None:
    """E-mailed links are built from Django's Site record (Oscar's e-mails,
    staff invitations): every ``migrate`` copies ``SITE_DOMAIN`` into it, so
    they never point at the host the database was first migrated with."""
    from django.conf import settings
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": settings.SITE_DOMAIN, "name": settings.WAGTAIL_SITE_NAME},
    )
    Site.objects.clear_cache()


class CraftsiteConfig(AppConfig):
    name = "craftsite"
    label = "craftsite"
    verbose_name = "Làng Nghề Hà Nội"

    def ready(self) -> None:
        from craftsite import lookups
        from craftsite.audit import register_audited_models
        from craftsite.page_cache import watch_content

        register_audited_models()
        lookups.register()
        watch_content()
        # Sent per app with models; this one has none, so listen for the sites app's.
        post_migrate.connect(
            keep_site_domain_current,
            sender=apps.get_app_config("sites"),
            dispatch_uid="craftsite.keep_site_domain_current",
        )
