"""Production mode fails fast without its secrets and passes Django's deploy checks."""

import json
import os
import subprocess
import sys

PRODUCTION = {
    "PEERWORK_ENV": "production",
    "SECRET_KEY": "x" * 60 + "a-long-random-production-secret-key-for-the-check",
    "ALLOWED_HOSTS": "peerwork.example.org",
    "DATABASE_URL": "postgres://peerwork@127.0.0.1:5432/peerwork",
    "EMAIL_HOST": "smtp.example.org",
}


def _peerwork(*args, env):
    unwanted = {*PRODUCTION, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in unwanted}
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        env={**clean, "DJANGO_SETTINGS_MODULE": "peerwork.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_passes_the_deploy_check_with_no_warnings():
    result = _peerwork("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_each_required_setting():
    for missing in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "EMAIL_HOST"):
        env = {k: v for k, v in PRODUCTION.items() if k != missing}
        result = _peerwork("check", env=env)
        assert result.returncode != 0
        assert f"{missing} must be set" in result.stderr


def test_production_refuses_sqlite():
    result = _peerwork("check", env={**PRODUCTION, "DATABASE_URL": "sqlite:///x.db"})

    assert result.returncode != 0
    assert "must point at PostgreSQL" in result.stderr


def test_locally_everything_runs_with_no_environment_variable(tmp_path):
    result = _peerwork("check", env={"PEERWORK_VAR_DIR": str(tmp_path)})

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "secret_key").exists()


def test_the_demo_app_is_installed_locally_but_not_in_production(tmp_path):
    code = "from django.conf import settings; print('peerwork.demo' in settings.INSTALLED_APPS)"

    local = _peerwork("shell", "--no-imports", "-c", code, env={"PEERWORK_VAR_DIR": str(tmp_path)})
    production = _peerwork("shell", "--no-imports", "-c", code, env=PRODUCTION)

    assert (local.returncode, local.stdout.strip()) == (0, "True"), local.stderr
    assert (production.returncode, production.stdout.strip()) == (0, "False"), production.stderr


def test_production_collects_static_files_the_stylesheet_names(tmp_path):
    """The manifest storage refuses a stylesheet naming a file that is not there; the
    stylesheet names none (the crest is left out) and every file gets a hashed name."""
    env = {**PRODUCTION, "STATIC_ROOT": str(tmp_path)}

    result = _peerwork("collectstatic", "--no-input", env=env)

    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "peerwork/peerwork.css" in manifest
    assert list(tmp_path.glob("peerwork/peerwork.*.css.gz")), "compressed copies are served"
    assert "govuk-crest" not in (tmp_path / "peerwork" / "peerwork.css").read_text()


def test_production_serves_static_files_from_the_web_process():
    # WhiteNoise goes straight after SecurityMiddleware, before anything else works.
    code = (
        "from django.conf import settings; m = settings.MIDDLEWARE; "
        "print(m[m.index('django.middleware.security.SecurityMiddleware') + 1])"
    )

    result = _peerwork("shell", "--no-imports", "-c", code, env=PRODUCTION)

    assert result.stdout.strip() == "whitenoise.middleware.WhiteNoiseMiddleware", result.stderr


def test_production_logs_one_json_object_a_line_with_the_request_id():
    code = (
        "import logging; from django_guid import set_guid; set_guid('req-42'); "
        "logging.getLogger('peerwork.check').warning('the mail server is slow')"
    )

    result = _peerwork("shell", "--no-imports", "-c", code, env=PRODUCTION)

    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "the mail server is slow" and line["request_id"] == "req-42"
    assert line["level"] == "WARNING" and line["logger"] == "peerwork.check"


def test_sentry_collects_errors_only_when_its_dsn_is_set():
    code = "import sentry_sdk; print(sentry_sdk.get_client().is_active())"

    without = _peerwork("shell", "--no-imports", "-c", code, env=PRODUCTION)
    with_dsn = _peerwork(
        "shell",
        "--no-imports",
        "-c",
        code,
        env={**PRODUCTION, "SENTRY_DSN": "http://public@127.0.0.1:9/1"},
    )

    assert without.stdout.strip() == "False", without.stderr
    assert with_dsn.stdout.strip() == "True", with_dsn.stderr
