"""docker-compose.yml and the Dockerfile, checked without Docker: structure, health, config."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
HAAT_SERVICES = ("web", "worker", "beat", "migrate")


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_describes_the_scaled_deployment():
    # given the compose file
    services = compose()["services"]
    # then it has the database, the broker, the one-shot migration and Haat's three processes
    assert set(services) == {"postgres", "redis", "migrate", "web", "worker", "beat"}
    assert services["postgres"]["image"].startswith("postgres:15")
    assert services["redis"]["image"].startswith("redis:7")


def test_every_long_running_service_has_a_health_check():
    # given the compose file
    services = compose()["services"]
    # then each service that keeps running says how to tell it is healthy
    for name, service in services.items():
        if service.get("restart") == "no":
            continue
        healthcheck = service.get("healthcheck")
        assert healthcheck and not healthcheck.get("disable"), f"{name} has no health check"
        assert healthcheck["test"], f"{name}'s health check has no test"


def test_haat_processes_share_one_environment():
    # given the compose file
    services = compose()["services"]
    # (a Celery worker sizes its connection pool to its threads; nothing else may differ)
    environments = [
        {k: v for k, v in services[name]["environment"].items() if k != "DATABASE_POOL_MAX_SIZE"}
        for name in HAAT_SERVICES
    ]
    # then web, worker, beat and migrate read the very same variables (one anchor)
    assert all(environment == environments[0] for environment in environments)
    assert services["worker"]["environment"]["DATABASE_POOL_MAX_SIZE"] == (
        "${CELERY_CONCURRENCY:-16}"
    )
    environment = environments[0]
    assert environment["DEBUG"] == "0"
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert environment["CELERY_BROKER_URL"].startswith("redis://")
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "AWS_STORAGE_BUCKET_NAME"} <= set(environment)


def test_compose_variables_are_ones_the_settings_read():
    # given the variables the settings read
    settings_source = (ROOT / "backend/settings.py").read_text(encoding="utf-8")
    # then compose sets no variable Haat would ignore
    for name in compose()["services"]["web"]["environment"]:
        assert f'"{name}"' in settings_source, f"backend/settings.py never reads {name}"


def test_haat_processes_wait_for_healthy_dependencies():
    # given the compose file
    services = compose()["services"]
    # then web and worker start only when the database and the broker are healthy and migrated
    for name in ("web", "worker"):
        depends_on = services[name]["depends_on"]
        assert depends_on["postgres"] == {"condition": "service_healthy"}
        assert depends_on["redis"] == {"condition": "service_healthy"}
        assert depends_on["migrate"] == {"condition": "service_completed_successfully"}
    assert services["migrate"]["depends_on"]["postgres"] == {"condition": "service_healthy"}


def test_web_runs_gunicorn_with_threaded_wsgi_workers():
    # given the web command of the compose file and of the image
    command = compose()["services"]["web"]["command"]
    image_command = next(
        json.loads(line.removeprefix("CMD "))
        for line in (ROOT / "Dockerfile").read_text().splitlines()
        if line.startswith("CMD ")
    )
    # then both serve the WSGI app through gunicorn's threaded workers, whose class gunicorn has
    for served in (command, image_command):
        assert served[:2] == ["gunicorn", "backend.wsgi:application"]
        assert "--worker-class=gthread" in served
        assert any(part.startswith("--threads=") for part in served)
    assert importlib.util.find_spec("gunicorn.workers.gthread") is not None
    assert importlib.import_module("backend.wsgi").application is not None


def test_celery_commands_name_the_project_app():
    # given the worker and beat commands
    services = compose()["services"]
    # then both load backend.celery
    assert services["worker"]["command"][:3] == ["celery", "--app=backend.celery", "worker"]
    assert services["beat"]["command"][:3] == ["celery", "--app=backend.celery", "beat"]


def test_dockerfile_builds_a_non_root_python_311_image():
    # given the Dockerfile
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    # then it starts from python:3.11-slim, installs the project, collects static files
    # and drops root before running
    assert re.search(r"^FROM python:3\.11-slim\b", dockerfile, re.MULTILINE)
    assert "pip install --no-deps ." in dockerfile
    assert "collectstatic --noinput" in dockerfile
    users = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
