"""Every model change has its migration: CI runs `makemigrations --check --dry-run`, which exits 1
when one is missing (and writes nothing)."""

import pytest
from django.core.management import call_command

from backend.catalog.models import Category


@pytest.mark.django_db
def test_every_model_change_has_its_migration(capsys):
    call_command("makemigrations", "--check", "--dry-run")
    assert "No changes detected" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_check_fails_on_a_model_change_without_migration(monkeypatch, capsys):
    # given: a field that no longer matches its migrations
    monkeypatch.setattr(Category._meta.get_field("name"), "max_length", 251)
    # when
    with pytest.raises(SystemExit) as exited:
        call_command("makemigrations", "--check", "--dry-run")
    # then
    assert exited.value.code == 1
    output = capsys.readouterr().out
    assert "Migrations for 'catalog':" in output
    assert "Alter field name on category" in output
