"""The GraphQL endpoint: JSON and multipart POSTs, GraphiQL on GET, limits, Saleor-style errors."""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from graphql import (
    DocumentNode,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    execute,
    parse,
    validate,
)

from backend.accounts.jwt import get_user_from_access_token

from .core.execution import HaatExecutionContext
from .core.validation import check_limits
from .media import thumbnail_view  # noqa: F401  (wired in backend.urls)
from .schema import schema

logger = logging.getLogger(__name__)


def _user_from_request(request: HttpRequest):
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() not in ("bearer", "jwt") or not token:
        return AnonymousUser()
    try:
        return get_user_from_access_token(token.strip())
    except ValidationError as error:
        request.auth_error = error
        return AnonymousUser()


@lru_cache(maxsize=512)
def _parse_and_validate(query: str) -> tuple[DocumentNode | None, tuple[GraphQLError, ...]]:
    """Parsing and validation depend only on the text: cache them (a storefront repeats queries)."""
    try:
        document = parse(query)
    except GraphQLError as error:
        return None, (error,)
    errors = validate(schema.graphql_schema, document)
    return document, tuple(errors)


def format_error(error: GraphQLError) -> dict[str, Any]:
    formatted = error.formatted
    original = error.original_error
    extensions = dict(formatted.get("extensions") or {})
    if original is not None and not isinstance(original, GraphQLError):
        logger.error("Unhandled error in GraphQL execution", exc_info=original)
        formatted["message"] = "Internal Server Error" if not settings.DEBUG else str(original)
        extensions.setdefault("exception", {"code": type(original).__name__})
    extensions.setdefault("exception", {"code": "GraphQLError"})
    formatted["extensions"] = extensions
    return formatted


def _error_response(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse(
        {"errors": [{"message": message, "extensions": {"exception": {"code": "GraphQLError"}}}]},
        status=status,
    )


class _Context:
    """What resolvers see as `info.context`: the request, its user, the request's loaders."""

    def __init__(self, request: HttpRequest):
        self.request = request
        self.user = request.user
        self.dataloaders: dict = {}
        self.deferred_callbacks = None
        self.FILES = request.FILES if request.method == "POST" else {}
        self.META = request.META


def execute_query(request: HttpRequest, payload: dict[str, Any]) -> tuple[dict[str, Any], int]:
    query = payload.get("query")
    if not isinstance(query, str) or not query.strip():
        return {"errors": [{"message": "Must provide a query string."}]}, 400
    if len(query) > settings.GRAPHQL_QUERY_MAX_LENGTH:
        return {"errors": [{"message": "The query is too long."}]}, 400
    variables = payload.get("variables") or {}
    if isinstance(variables, str):
        try:
            variables = json.loads(variables)
        except ValueError:
            return {"errors": [{"message": "Variables are invalid JSON."}]}, 400
    if not isinstance(variables, dict):
        return {"errors": [{"message": "Variables must be an object."}]}, 400
    operation_name = payload.get("operationName") or None

    document, errors = _parse_and_validate(query)
    if errors:
        return {"errors": [format_error(e) for e in errors]}, 400
    limit_error = check_limits(document, variables, operation_name)
    if limit_error is not None:
        return {"errors": [format_error(limit_error)]}, 400
    if request.method == "GET" and _operation_type(document, operation_name) != OperationType.QUERY:
        return {"errors": [{"message": "Only queries can be sent with GET; use POST."}]}, 405

    context = _Context(request)
    result = execute(
        schema.graphql_schema,
        document,
        context_value=context,
        variable_values=variables,
        operation_name=operation_name,
        execution_context_class=HaatExecutionContext,
    )
    response: dict[str, Any] = {"data": result.data}
    if result.errors:
        response["errors"] = [format_error(e) for e in result.errors]
    return response, 200


def _operation_type(document: DocumentNode, operation_name: str | None) -> OperationType | None:
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode) and (
            operation_name is None or (definition.name and definition.name.value == operation_name)
        ):
            return definition.operation
    return None


def _multipart_payload(request: HttpRequest) -> Any:
    """The GraphQL multipart request spec: `operations`, `map`, and the files."""
    try:
        operations = json.loads(request.POST.get("operations", ""))
        files_map = json.loads(request.POST.get("map", "{}"))
    except ValueError as error:
        raise ValueError(
            "Invalid multipart request: `operations` and `map` must be JSON."
        ) from error
    if not isinstance(files_map, dict):
        raise ValueError("Invalid multipart request: `map` must be an object.")
    for file_key, paths in files_map.items():
        upload = request.FILES.get(file_key)
        if upload is None:
            raise ValueError(f"Invalid multipart request: file {file_key!r} is missing.")
        for path in paths:
            _set_path(operations, path.split("."), upload)
    return operations


def _set_path(target: Any, path: list[str], value: Any) -> None:
    for index, part in enumerate(path):
        last = index == len(path) - 1
        key: Any = int(part) if isinstance(target, list) else part
        if last:
            target[key] = value
        else:
            target = target[key]


@method_decorator(csrf_exempt, name="dispatch")
class GraphQLView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        if "query" not in request.GET:
            return render(request, "storefront_api/graphiql.html", {"endpoint": request.path})
        request.user = SimpleLazyObject(lambda: _user_from_request(request))
        body, status = execute_query(request, request.GET.dict())
        return JsonResponse(body, status=status)

    def post(self, request: HttpRequest) -> HttpResponse:
        request.user = SimpleLazyObject(lambda: _user_from_request(request))
        content_type = request.content_type or ""
        try:
            if content_type.startswith("multipart/form-data"):
                payload = _multipart_payload(request)
            else:
                payload = json.loads(request.body or b"null")
        except (ValueError, KeyError, IndexError, TypeError) as error:
            return _error_response(
                str(error) if isinstance(error, ValueError) else "Invalid request body."
            )
        if isinstance(payload, list):
            results = [
                execute_query(request, item if isinstance(item, dict) else {})[0]
                for item in payload[:20]
            ]
            return JsonResponse(results, safe=False)
        if not isinstance(payload, dict):
            return _error_response("The request body must be a JSON object.")
        body, status = execute_query(request, payload)
        return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
