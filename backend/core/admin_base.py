"""The admin's one write path: every add, change and delete goes through a named domain function.

`ReadOnlyAdmin` and `ReadOnlyInline` only show rows. A `ServiceAdmin` names the domain function
for each write it allows (`create_service`, `update_service`, `delete_service`) and maps the form
to its arguments in `create_through_service`, `update_through_service`, `delete_through_service`;
a write without a function is not permitted. The function runs while the form is validated, so
its `ValidationError` lands on the form (and, since services own their transactions, a refusal
writes nothing); the admin's own `save_model`, `save_related` and inline formsets write nothing.
`tests/backend/test_admin_write_path.py` walks every registered admin and holds them to this.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows shown, searched and filtered; never added, changed or deleted here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def register_read_only(
    model: type[models.Model], *, search_fields: Sequence[str], list_filter: Sequence[str]
) -> None:
    """A read-only list page, for search, of rows edited elsewhere (inline or through the API)."""
    attributes = {"search_fields": tuple(search_fields), "list_filter": tuple(list_filter)}
    admin.site.register(model, type(f"{model.__name__}Admin", (ReadOnlyAdmin,), attributes))


class ReadOnlyInline(admin.TabularInline):
    """Related rows shown on their parent's page; edited nowhere in the admin."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's errors on the form: on the field of the same name, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        on_form = field in form.fields and field != NON_FIELD_ERRORS
        form.add_error(field if on_form else None, errors)


def changed_fields(form: forms.BaseForm, names: tuple[str, ...]) -> dict[str, Any]:
    """The cleaned values of the fields among `names` the user changed (services leave the rest)."""
    return {name: form.cleaned_data[name] for name in names if name in form.changed_data}


class ServiceAdmin(admin.ModelAdmin):
    """An admin whose writes are calls of domain functions (see the module docstring)."""

    create_service: ClassVar[Callable[..., Any] | None] = None
    update_service: ClassVar[Callable[..., Any] | None] = None
    delete_service: ClassVar[Callable[..., Any] | None] = None

    def create_through_service(self, request: HttpRequest, form: forms.ModelForm) -> models.Model:
        raise NotImplementedError

    def update_through_service(
        self, request: HttpRequest, obj: models.Model, form: forms.ModelForm
    ) -> models.Model:
        raise NotImplementedError

    def delete_through_service(self, request: HttpRequest, obj: models.Model) -> None:
        raise NotImplementedError

    # --- permissions: no domain function, no write -----------------------------------------

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.create_service is not None and super().has_add_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.update_service is not None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.delete_service is not None and super().has_delete_permission(request, obj)

    # --- add and change: the service runs while the form is validated ----------------------

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        model_admin = self

        class ServiceForm(form_class):  # type: ignore[valid-type, misc]
            def _post_clean(self) -> None:
                super()._post_clean()
                if self.errors or not self.is_bound:
                    return
                try:
                    if obj is None:
                        self.instance = model_admin.create_through_service(request, self)
                    else:
                        # The stored row: validating the form wrote the new values onto `obj`.
                        stored = type(obj)._default_manager.get(pk=obj.pk)
                        self.instance = model_admin.update_through_service(request, stored, self)
                except ValidationError as error:
                    add_service_errors(self, error)

        ServiceForm.__name__ = form_class.__name__
        return ServiceForm

    def save_form(self, request: HttpRequest, form: forms.ModelForm, change: bool) -> Any:
        return form.instance  # saved by the service during validation

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Nothing to save: the service did it while the form was validated."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Nothing to save: related rows change only through the service."""

    def get_formsets_with_inlines(self, request: HttpRequest, obj: Any = None):
        # Inlines here are read-only: a POST carries nothing for them, so none is bound to it.
        if request.method == "POST":
            return
        yield from super().get_formsets_with_inlines(request, obj)

    # --- delete: one object, or each selected one, through the service ---------------------

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.delete_through_service(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset.order_by("pk"):
            try:
                self.delete_through_service(request, obj)
            except ValidationError as error:
                self.message_user(request, f"{obj}: {'; '.join(error.messages)}", messages.ERROR)

    def delete_view(self, request: HttpRequest, object_id: str, extra_context: Any = None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:  # raised inside the view's transaction: rolled back
            self.message_user(request, "; ".join(error.messages), messages.ERROR)
            opts = self.opts
            return HttpResponseRedirect(
                reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                    args=(object_id,),
                )
            )

    def get_deleted_objects(self, objs: Any, request: HttpRequest):
        # What goes with the object is the service's decision, not the related admins': rows
        # shown read-only (listings, translations) are deleted with it.
        deleted, counts, _perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set(), protected
