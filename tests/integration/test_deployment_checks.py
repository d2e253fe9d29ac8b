"""Production settings pass Django's deployment checklist, leave the demo out and
switch media to object storage from the environment; migrations match models;
``migrate`` keeps the domain of e-mailed links current."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.sites.models import Site
from django.core.management import call_command

from craftsite.apps import keep_site_domain_current

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]


def production_env(tmp_path, **variables: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "MEDIA_", "SERVE_", "SITE_", "DEBUG"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "craftsite.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
            **variables,
        }
    )
    return env


def run_in_production(tmp_path, *args: str, **variables: str):
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=production_env(tmp_path, **variables),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    result = run_in_production(
        tmp_path, "manage.py", "check", "--deploy", "--fail-level", "WARNING"
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "no issues" in output, output


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "craftsite.settings.production"}
    env.pop("SECRET_KEY", None)

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_models_have_no_migration_missing():
    out = StringIO()
    call_command(
        "makemigrations", "--check", "--dry-run", stdout=out, stderr=StringIO()
    )
    assert "No changes detected" in out.getvalue()


def test_production_leaves_the_demo_out_and_its_command_says_why(tmp_path):
    installed = run_in_production(
        tmp_path,
        "-c",
        "import django; django.setup(); from django.apps import apps; "
        "print(apps.is_installed('demo'))",
    )
    refused = run_in_production(tmp_path, "manage.py", "load_demo_content")

    assert installed.stdout.strip() == "False", installed.stderr
    assert refused.returncode == 1
    assert "Demo content is not installed" in refused.stderr
    assert "craftsite.settings.dev" in refused.stderr
    assert "Traceback" not in refused.stderr


SHOW_MEDIA_SETTINGS = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
media = storages["default"]
print(json.dumps({
    "serve_media": settings.SERVE_MEDIA,
    "storage": type(media).__module__ + "." + type(media).__name__,
    "bucket": getattr(media, "bucket_name", None),
    "url": media.url("images/products/bowl.jpg"),
}))
"""


def test_media_live_on_disk_served_by_the_app_by_default(tmp_path):
    result = run_in_production(tmp_path, "-c", SHOW_MEDIA_SETTINGS)

    assert json.loads(result.stdout or "null") == {
        "serve_media": True,
        "storage": "django.core.files.storage.filesystem.FileSystemStorage",
        "bucket": None,
        "url": "/media/images/products/bowl.jpg",
    }, result.stderr


def test_media_move_to_object_storage_from_the_environment(tmp_path):
    result = run_in_production(
        tmp_path,
        "-c",
        SHOW_MEDIA_SETTINGS,
        MEDIA_STORAGE_BACKEND="storages.backends.s3.S3Storage",
        AWS_STORAGE_BUCKET_NAME="langnghe-media",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9",
        AWS_S3_REGION_NAME="ap-southeast-1",
        AWS_S3_CUSTOM_DOMAIN="media.langnghe.example",
        AWS_ACCESS_KEY_ID="test-key",
        AWS_SECRET_ACCESS_KEY="test-secret",
    )

    assert json.loads(result.stdout or "null") == {
        "serve_media": False,
        "storage": "storages.backends.s3.S3Storage",
        "bucket": "langnghe-media",
        "url": "https://media.langnghe.example/images/products/bowl.jpg",
    }, result.stderr


def test_migrate_copies_the_site_domain_into_the_site_emails_use(settings):
    settings.SITE_DOMAIN = "shop.langnghe.example"

    keep_site_domain_current(sender=None)

    assert Site.objects.get_current().domain == "shop.langnghe.example"
