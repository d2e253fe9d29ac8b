"""Pages compressed for the browsers that ask, photos left as they are.

Without a proxy in front (``make serve``), the site's HTML went out as is: a
catalogue page of 24 cards is 85 kB of markup, more than all its photos at a
phone's size. Django's ``GZipMiddleware`` (with its BREACH mitigation, and
Django's per-request masking of CSRF tokens) compresses it to about 13 kB.
Static files never reach it (WhiteNoise, above it, serves them precompressed);
media it skips: an AVIF, WebP or JPEG does not shrink, and a 10 MB upload a
crawler fetches would cost the worker a quarter of a second of compression.
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/ld+json",
    "application/xml",
)


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(COMPRESSIBLE_TYPES):
            return response
        return super().process_response(request, response)
