"""Uploaded and generated media served by the app itself, on one machine.

Beyond one machine media live in object storage and ``SERVE_MEDIA`` is off.
Files keep their names once written (thumbnails and renditions carry their
parameters, uploads get a fresh name), so browsers may keep them a week.
Wagtail's documents are left out: they go through Wagtail's own view, which
checks a document's privacy and serves it as a download.
"""

from django.conf import settings
from django.http import Http404
from django.views.decorators.http import require_safe
from django.views.static import serve

MEDIA_MAX_AGE = 7 * 24 * 3600
DOCUMENTS_FOLDER = "documents/"


@require_safe
def serve_media(request, path: str):
    if path.startswith(DOCUMENTS_FOLDER):
        raise Http404("Documents are served by Wagtail.")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = f"public, max-age={MEDIA_MAX_AGE}"
    # A file that is not an image must never run as a page of the site.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
