"""Bad input for every URL and every form the URL conf leads to.

``routes()`` walks Django's resolver; ``route_urls`` fills each pattern's
arguments with ids of objects that exist (found through the view's model or
the argument's name) and with junk. ``forms_in`` reads the forms a response
shows: the ``<form>`` elements of its HTML, typed by the Django forms and
formsets of its template context where there are any. ``bad_payloads`` makes,
from one form, the bodies a careless or hostile client sends: nothing at all,
letters for numbers, 100 kB strings, NUL bytes, huge and negative integers,
impossible dates, ids of nothing, several values where one is expected, a
truncated JPEG for a file; first for every field at once, then one field at a
time inside the form's own values, so each field's own checks are reached.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.formsets import BaseFormSet
from django.test.utils import ContextList
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from PIL import Image

OVERSIZED = "Ư" * 50_000  # 100 kB of UTF-8
REQUEST_LINE_LIMIT = 4094
"""Gunicorn's ``limit_request_line``: a longer GET never reaches Django (it
answers 400 itself), so a GET form's oversized values share this budget."""
ENCODED_BYTES_PER_CHARACTER = 6  # "Ư" is %C6%AF in a query string
HUGE_INTEGER = "9" * 40
MISSING_ID = "987654321"

JUNK_BY_KIND = {
    "number": ["x", HUGE_INTEGER, "-1", "[]", "1e400"],
    "date": ["2024-13-45", "x", "31/02/2024", HUGE_INTEGER],
    "choice": [MISSING_ID, "x", "-1", "[]", "a\x00b", HUGE_INTEGER],
    "bool": ["x", "[]"],
    "text": [OVERSIZED, "a\x00b", "[]", "-1"],
    "stream": ["x", "[]", OVERSIZED],
}
"""Wrong values per kind of field, taken in turn field after field."""
MAX_FIELDS_ONE_AT_A_TIME = 5
"""A big form (a product's has 60 fields) gets an even sample of its fields;
the whole-form values reach every field."""

WHOLE_FORM_VALUES = {
    "letters": "x",
    "oversized": OVERSIZED,
    "NUL byte": "a\x00b",
    "huge integer": HUGE_INTEGER,
    "invalid date": "2024-13-45",
    "array": ["1", "x"],
}
"""Values every field of a form gets at once, by the name the report uses."""

JUNK_BY_CONVERTER = {
    "int": ["0", MISSING_ID],
    "str": ["khong-co-that"],
    "slug": ["khong-co-that"],
    "path": ["khong/co/that.jpg"],
    "uuid": ["00000000-0000-0000-0000-000000000000"],
}
#: Argument names whose object is named by a model other than the prefix says.
MODEL_OF_ARGUMENT = {
    "page": "wagtailcore.page",
    "parent_page": "wagtailcore.page",
    "image": "wagtailimages.image",
    "document": "wagtaildocs.document",
    "parent": "catalogue.product",
    "product": "catalogue.product",
    "number": "order.order",
    "line": "order.line",
    "note": "order.ordernote",
    "user": "users.user",
    "partner": "partner.partner",
    "method": "shipping.weightbased",
    "workflow": "wagtailcore.workflow",
    "task": "wagtailcore.task",
    "group": "auth.group",
    "basket": "basket.basket",
    "category": "catalogue.category",
}


def truncated_jpeg() -> SimpleUploadedFile:
    """The first half of a real JPEG: a header Pillow recognises, no image data."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "saddlebrown").save(buffer, format="JPEG")
    data = buffer.getvalue()
    return SimpleUploadedFile("cat.jpg", data[: len(data) // 2], "image/jpeg")


@dataclass
class Route:
    """One URL pattern: its qualified name, the route as written, the view."""

    name: str | None
    route: str
    arguments: dict[str, str]
    callback: object

    def view_model(self):
        """The model the view says it shows, if it says one."""
        callback = self.callback
        initkwargs = getattr(callback, "view_initkwargs", {}) or {}
        view_class = getattr(callback, "view_class", None)
        model = initkwargs.get("model") or getattr(view_class, "model", None)
        return model if isinstance(model, type) else None


def routes(skip_prefixes=()) -> list[Route]:
    """Every pattern of the URL conf, except those under ``skip_prefixes``."""
    found = []

    def walk(resolver, prefix, namespaces):
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if route.startswith(tuple(skip_prefixes)):
                continue
            if isinstance(entry, URLResolver):
                walk(
                    entry, route, namespaces + [entry.namespace] * bool(entry.namespace)
                )
            elif isinstance(entry, URLPattern):
                regex = entry.pattern.regex
                converters = getattr(entry.pattern, "converters", {})
                arguments = {
                    name: type(converters[name])
                    .__name__.replace("Converter", "")
                    .lower()
                    if name in converters
                    else "str"
                    for name in regex.groupindex
                }
                name = ":".join([*namespaces, entry.name]) if entry.name else None
                found.append(Route(name, route, arguments, entry.callback))

    walk(get_resolver(), "", [])
    return found


def _model_for(route: Route, argument: str):
    if argument in {"pk", "object_id", "id"}:
        return route.view_model()
    stem = argument.removesuffix("_pk").removesuffix("_id").removesuffix("_slug")
    label = MODEL_OF_ARGUMENT.get(stem)
    if label:
        model = apps.get_model(label)
        if label == "wagtailimages.image":
            from wagtail.images import get_image_model

            model = get_image_model()
        if label == "wagtaildocs.document":
            from wagtail.documents import get_document_model

            model = get_document_model()
        return model
    return route.view_model() if argument == "slug" else None


def existing_values(route: Route, argument: str) -> list[str]:
    """The first and the last object's value for ``argument``, where one is known."""
    model = _model_for(route, argument)
    if model is None:
        return []
    column = "number" if argument == "number" else "pk"
    if argument.endswith("slug") and any(
        f.name == "slug" for f in model._meta.get_fields()
    ):
        column = "slug"
    values = model._default_manager.order_by("pk").values_list(column, flat=True)
    first, last = values.first(), values.last()
    return [str(value) for value in dict.fromkeys([first, last]) if value is not None]


def route_urls(route: Route, language: str = "vi") -> list[str]:
    """The route with the last object's ids and with junk; one URL without args."""
    from django.utils import translation

    if route.name is None:
        return [] if route.arguments else ["/" + route.route.lstrip("^").rstrip("$")]
    choices = []
    for argument, converter in route.arguments.items():
        existing = existing_values(route, argument)
        junk = JUNK_BY_CONVERTER.get(converter, ["khong-co-that"])
        choices.append((argument, existing, junk))
    variants = [
        {name: (existing or junk)[-1] for name, existing, junk in choices},
        {name: junk[-1] for name, _existing, junk in choices},
    ]
    urls = []
    with translation.override(language):
        for kwargs in variants:
            try:
                url = reverse(route.name, kwargs=kwargs or None)
            except NoReverseMatch:
                continue
            if url not in urls:
                urls.append(url)
    return urls


@dataclass
class FormSpec:
    """A form as the page shows it: where it goes, its fields and their values."""

    method: str
    action: str
    values: dict[str, list[str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)

    def signature(self, resolve_name) -> tuple:
        return (self.method, resolve_name(self.action), frozenset(self.kinds))


class _FormParser(HTMLParser):
    INPUT_KINDS = {
        "number": "number",
        "date": "date",
        "datetime-local": "date",
        "time": "date",
        "file": "file",
        "checkbox": "bool",
        "radio": "choice",
    }

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[FormSpec] = []
        self.current: FormSpec | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = urljoin(self.page_url, attrs.get("action") or self.page_url)
            method = (attrs.get("method") or "get").lower()
            self.current = FormSpec(method, action)
            self.forms.append(self.current)
            return
        form, name = self.current, attrs.get("name")
        if form is None or not name:
            return
        if tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset"}:
                return
            form.kinds.setdefault(name, self.INPUT_KINDS.get(kind, "text"))
            checked = kind not in {"checkbox", "radio"} or "checked" in attrs
            if checked and kind != "file":
                form.values.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "select":
            form.kinds.setdefault(name, "choice")
            self.select = name
        elif tag == "option" and self.select:
            values = form.values.setdefault(self.select, [])
            if "selected" in attrs or not values:
                value = attrs.get("value", "")
                form.values[self.select] = [*values, value] if values else [value]
        elif tag == "textarea":
            form.kinds.setdefault(name, "text")
            form.values[name] = [""]
            self.textarea = name

    def handle_data(self, data):
        if self.current is not None and self.textarea:
            self.current.values[self.textarea] = [data]

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def _field_kind(form_field) -> str:
    from wagtail.blocks import BlockField

    kinds = (
        (BlockField, "stream"),
        (forms.FileField, "file"),
        (forms.BooleanField, "bool"),
        ((forms.IntegerField, forms.DecimalField, forms.FloatField), "number"),
        ((forms.DateField, forms.DateTimeField, forms.TimeField), "date"),
        ((forms.ChoiceField, forms.ModelChoiceField), "choice"),
    )
    for field_class, kind in kinds:
        if isinstance(form_field, field_class):
            return kind
    return "text"


def context_fields(response) -> dict[str, str]:
    """Each field name of the template context's forms and formsets, by kind."""
    found: dict[str, str] = {}
    seen: set[int] = set()

    def add_form(form):
        if id(form) in seen:
            return
        seen.add(id(form))
        for name, form_field in form.fields.items():
            found.setdefault(form.add_prefix(name), _field_kind(form_field))

    # A class-based view's own context is enough, and far cheaper to read
    # than every template's context it was rendered with.
    context_data = getattr(response, "context_data", None)
    if context_data:
        contexts = [context_data]
    elif isinstance(response.context, ContextList):
        contexts = [context.flatten() for context in response.context]
    else:
        contexts = [response.context.flatten()] if response.context else []
    for context in contexts:
        for value in context.values():
            if isinstance(value, BaseFormSet):
                add_form(value.management_form)
                for form in value.forms:
                    add_form(form)
            elif isinstance(value, forms.BaseForm):
                add_form(value)
    return found


def forms_in(response, page_url: str) -> list[FormSpec]:
    """The forms of an HTML response, same-site only, their fields typed."""
    if "html" not in response.get("Content-Type", ""):
        return []
    parser = _FormParser("http://testserver" + page_url)
    parser.feed(response.content.decode(errors="replace"))
    typed = context_fields(response)
    specs = []
    for spec in parser.forms:
        parts = urlsplit(spec.action)
        if parts.netloc not in {"", "testserver"}:
            continue
        spec.action = parts.path + (f"?{parts.query}" if parts.query else "")
        for name in spec.kinds:
            if name in typed and spec.kinds[name] in {"text", "choice"}:
                spec.kinds[name] = typed[name]
        if spec.method == "post":
            # Fields the template draws with JavaScript (StreamFields) are posted too.
            for name, kind in typed.items():
                if kind == "stream":
                    spec.kinds.setdefault(name, kind)
        specs.append(spec)
    return specs


def _with_files(data: dict, spec: FormSpec) -> dict:
    for name, kind in spec.kinds.items():
        if kind == "file":
            data[name] = truncated_jpeg()
    return data


def oversized(spec: FormSpec, fields_at_once: int) -> str:
    """100 kB shared by the fields sent at once in a POST (one field gets it
    all); for a GET, the longest the server lets through, shared alike."""
    if spec.method != "get":
        return OVERSIZED[: max(1_000, len(OVERSIZED) // fields_at_once)]
    names = sum(len(name) + 2 for name in spec.kinds)
    budget = REQUEST_LINE_LIMIT - len(spec.action) - names - len("GET  HTTP/1.1?")
    return "Ư" * max(1, budget // ENCODED_BYTES_PER_CHARACTER // fields_at_once)


def bad_payloads(spec: FormSpec):
    """(description, data) pairs: whole-form junk, then one bad field at a time."""
    yield "nothing", {}
    baseline = {name: list(values) for name, values in spec.values.items()}
    yield "the form's own values", dict(baseline)
    named = [name for name in spec.kinds if name != "csrfmiddlewaretoken"]
    for label, value in WHOLE_FORM_VALUES.items():
        if value is OVERSIZED:
            value = oversized(spec, max(1, len(named)))
        data = dict.fromkeys(named, value)
        yield f"every field: {label}", _with_files(data, spec)
    hidden_left_out = {
        name: values
        for name, values in baseline.items()
        if not name.endswith(("TOTAL_FORMS", "INITIAL_FORMS", "-count"))
    }
    yield "management fields left out", hidden_left_out
    fields = sorted(name for name in spec.kinds if name != "csrfmiddlewaretoken")
    step = max(1, len(fields) // MAX_FIELDS_ONE_AT_A_TIME)
    for index, name in enumerate(fields[::step][:MAX_FIELDS_ONE_AT_A_TIME]):
        kind = spec.kinds[name]
        if kind == "file":
            yield f"{name}: truncated JPEG", {**baseline, name: truncated_jpeg()}
            continue
        junk = JUNK_BY_KIND.get(kind, JUNK_BY_KIND["text"])
        value = junk[index % len(junk)]
        if value is OVERSIZED:
            value = oversized(spec, 1)
        yield f"{name}: {value[:20]!r}", {**baseline, name: value}
