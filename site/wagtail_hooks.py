"""The CMS's own script: Wagtail's pickers started without inline scripts."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def start_choosers_without_inline_scripts() -> str:
    return format_html('<script src="{}"></script>', static("js/cms-choosers.js"))
