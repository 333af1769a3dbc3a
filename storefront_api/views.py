"""The GraphQL endpoint: JSON and multipart POSTs, GraphiQL on GET, limits, Saleor-style errors,
and the optional whole-response cache for anonymous catalogue queries (core/cache.py)."""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
    ValidationError,
)
from django.http import HttpRequest, HttpResponse, JsonResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.views import View, defaults
from django.views.decorators.csrf import csrf_exempt
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    execute,
    parse,
    recommended_rules,
    specified_rules,
    validate,
)

from backend.accounts.error_codes import AccountErrorCode
from backend.apps.models import App
from plugins.framework.manager import PluginsManager, get_plugins_manager

from .core import cache as response_cache
from .core.auth import access_token, requestor_from_token
from .core.execution import HaatExecutionContext, is_statement_timeout, statement_timeout
from .core.validation import check_batch_cost, check_limits, measure_operation
from .media import thumbnail_view  # noqa: F401  (wired in backend.urls)
from .schema import schema

logger = logging.getLogger(__name__)

# The spec's rules plus graphql-core's recommended ones (a bound on nested introspection, which the
# depth and cost limits do not count).
VALIDATION_RULES = (*specified_rules, *recommended_rules)

# What a client with a stale access token must still be able to call to recover.
TOKEN_ROOT_FIELDS = frozenset({"tokenCreate", "tokenRefresh", "tokenVerify", "__typename"})

# Saleor answers a bad access token with PyJWT's message and exception name as the code; storefront
# SDKs refresh the token on `ExpiredSignatureError`.
_TOKEN_ERRORS = {
    AccountErrorCode.JWT_SIGNATURE_EXPIRED.value: (
        "Signature has expired",
        "ExpiredSignatureError",
    ),
    AccountErrorCode.JWT_DECODE_ERROR.value: ("Error decoding signature", "DecodeError"),
}
_INVALID_TOKEN_ERROR = ("Invalid token", "InvalidTokenError")


def _user_from_request(request: HttpRequest):
    """The requestor: a user (JWT), an `AppRequestor` (app token) or anonymous. A bad token of
    either kind records `auth_error`, which `_token_error` answers with Saleor's token error
    (an unknown app token, like any string that is no JWT, is a DecodeError)."""
    token = access_token(request)
    if token is None:
        return AnonymousUser()
    try:
        return requestor_from_token(token)
    except ValidationError as error:
        request.auth_error = error
        return AnonymousUser()


@lru_cache(maxsize=512)
def _parse_and_validate(
    graphql_schema: GraphQLSchema, query: str
) -> tuple[DocumentNode | None, tuple[GraphQLError, ...]]:
    """Parsing and validation depend only on the text: cache them (a storefront repeats queries)."""
    try:
        document = parse(query)
    except GraphQLError as error:
        return None, (error,)
    errors = validate(graphql_schema, document, rules=VALIDATION_RULES)
    return document, tuple(errors)


INTERNAL_ERROR = "INTERNAL_ERROR"
QUERY_TIMEOUT = "QueryTimeout"
API_PATH_PREFIX = "/graphql"


def request_id(request: HttpRequest | None) -> str:
    """The id that ties an error the client sees to the log line with its traceback (one per
    request, made on first use)."""
    if request is None:
        return str(uuid.uuid4())
    if not hasattr(request, "haat_request_id"):
        request.haat_request_id = str(uuid.uuid4())  # type: ignore[attr-defined]
    return request.haat_request_id  # type: ignore[attr-defined]


def _internal_error(
    request: HttpRequest | None, error: BaseException | None, where: str
) -> dict[str, Any]:
    """A generic error for an exception nobody handled: the details go to the log under the
    request id; the client sees them only in DEBUG (never the class name: it names internals)."""
    error_id = request_id(request)
    logger.error(
        "Unhandled error in %s (request %s)",
        where,
        error_id,
        exc_info=error,
        extra={"request_id": error_id},
    )
    message = str(error) if settings.DEBUG and error is not None else "Internal Server Error"
    return {
        "message": message,
        "extensions": {"exception": {"code": INTERNAL_ERROR}, "requestId": error_id},
    }


def format_error(error: GraphQLError, request: HttpRequest | None = None) -> dict[str, Any]:
    formatted = error.formatted
    original = error.original_error
    extensions = dict(formatted.get("extensions") or {})
    if original is not None and not isinstance(original, GraphQLError):
        if is_statement_timeout(original):
            error_id = request_id(request)
            logger.warning("Statement timeout in GraphQL execution (request %s)", error_id)
            formatted["message"] = "The request took too long and was stopped."
            extensions = {"exception": {"code": QUERY_TIMEOUT}, "requestId": error_id}
        else:
            generic = _internal_error(request, original, "GraphQL execution")
            formatted["message"] = generic["message"]
            extensions = generic["extensions"]
    extensions.setdefault("exception", {"code": "GraphQLError"})
    formatted["extensions"] = extensions
    return formatted


def _error_response(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse(
        {"errors": [{"message": message, "extensions": {"exception": {"code": "GraphQLError"}}}]},
        status=status,
    )


class _BadRequest(Exception):
    """A request the endpoint cannot read: answered with `status` and a GraphQL error."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


class _Context:
    """What resolvers see as `info.context`: the request, its requestor (`user`: a user, an app's
    `AppRequestor` or anonymous; `app` when it is an app), the request's loaders."""

    def __init__(self, request: HttpRequest):
        self.request = request
        self.user = request.user
        self.dataloaders: dict = {}
        self.deferred_callbacks = None
        self.FILES = request.FILES if request.method == "POST" else {}
        self.META = request.META
        self._plugins: PluginsManager | None = None

    @property
    def app(self) -> App | None:
        """The app calling with its token (then `user` is its `AppRequestor`), or None."""
        return self.user.app if getattr(self.user, "is_app", False) else None

    @property
    def plugins(self) -> PluginsManager:
        """The request's plugins manager, made on first use (most reads never need one)."""
        if self._plugins is None:
            self._plugins = get_plugins_manager(requestor=self.user)
        return self._plugins


@dataclass(frozen=True)
class _Operation:
    """A request that parsed, validated and passed the limits, ready to execute."""

    query: str
    document: DocumentNode
    variables: dict[str, Any]
    operation_name: str | None
    operation_type: OperationType | None
    root_fields: frozenset[str]
    cost: int


def _prepare(
    request: HttpRequest, payload: dict[str, Any], graphql_schema: GraphQLSchema
) -> _Operation | tuple[dict[str, Any], int]:
    """Everything before execution; an error response as (body, HTTP status) when it fails."""
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
    if operation_name is not None and not isinstance(operation_name, str):
        return {"errors": [{"message": "The operation name must be a string."}]}, 400

    document, errors = _parse_and_validate(graphql_schema, query)
    if errors:
        return {"errors": [format_error(e) for e in errors]}, 400
    measured = measure_operation(graphql_schema, document, variables, operation_name)
    limit_error = check_limits(measured) if measured is not None else None
    if limit_error is not None:
        return {"errors": [format_error(limit_error)]}, 400
    operation = _selected_operation(document, operation_name)
    operation_type = operation.operation if operation is not None else None
    if request.method == "GET" and operation_type not in (None, OperationType.QUERY):
        return {"errors": [{"message": "Only queries can be sent with GET; use POST."}]}, 405
    root_fields = _root_field_names(document, operation) if operation is not None else frozenset()
    token_error = _token_error(request, root_fields)
    if token_error is not None:
        return {"errors": [token_error]}, 200
    return _Operation(
        query,
        document,
        variables,
        operation_name,
        operation_type,
        root_fields,
        cost=measured.cost if measured is not None else 0,
    )


def _execute(
    request: HttpRequest, operation: _Operation, graphql_schema: GraphQLSchema
) -> tuple[dict[str, Any], int]:
    context = _Context(request)
    with statement_timeout(settings.GRAPHQL_STATEMENT_TIMEOUT_MS):
        result = execute(
            graphql_schema,
            operation.document,
            context_value=context,
            variable_values=operation.variables,
            operation_name=operation.operation_name,
            execution_context_class=HaatExecutionContext,
        )
    response: dict[str, Any] = {"data": result.data}
    if result.errors:
        response["errors"] = [format_error(e, request) for e in result.errors]
    return response, 200


def execute_query(
    request: HttpRequest, payload: dict[str, Any], graphql_schema: GraphQLSchema | None = None
) -> tuple[dict[str, Any], int]:
    """One operation: parse, validate, check limits, execute. Returns (body, HTTP status)."""
    graphql_schema = graphql_schema or schema.graphql_schema
    prepared = _prepare(request, payload, graphql_schema)
    if isinstance(prepared, tuple):
        return prepared
    return _execute(request, prepared, graphql_schema)


def _executed_batch(
    request: HttpRequest, items: list[Any], graphql_schema: GraphQLSchema | None
) -> HttpResponse:
    """Each operation gets its own answer, but only once the batch as a whole is within the cost
    limit: every operation is prepared (and measured) before any runs."""
    graphql_schema = graphql_schema or schema.graphql_schema
    prepared = [
        _prepare(request, item if isinstance(item, dict) else {}, graphql_schema) for item in items
    ]
    batch_error = check_batch_cost(
        operation.cost for operation in prepared if isinstance(operation, _Operation)
    )
    if batch_error is not None:
        return _json({"errors": [format_error(batch_error)]}, 400)
    return _json(
        [
            operation[0]
            if isinstance(operation, tuple)
            else _execute(request, operation, graphql_schema)[0]
            for operation in prepared
        ]
    )


def _selected_operation(
    document: DocumentNode, operation_name: str | None
) -> OperationDefinitionNode | None:
    """The operation that will run; None when there is none or the choice is ambiguous (execution
    then reports the error)."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is None:
        return operations[0] if len(operations) == 1 else None
    for operation in operations:
        if operation.name and operation.name.value == operation_name:
            return operation
    return None


def _root_field_names(document: DocumentNode, operation: OperationDefinitionNode) -> frozenset[str]:
    """Every root field the operation may select, through fragments too (conditional ones
    included: a superset is the safe answer for both the cache and the token check)."""
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    names: set[str] = set()
    visited: set[str] = set()
    pending = [operation.selection_set]
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                names.add(selection.name.value)
            elif isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name not in visited and name in fragments:
                    visited.add(name)
                    pending.append(fragments[name].selection_set)
    return frozenset(names)


def _token_error(request: HttpRequest, root_fields: frozenset[str]) -> dict[str, Any] | None:
    """Saleor's top-level error for an expired or invalid access token, so the client refreshes
    instead of silently browsing as anonymous. The token mutations still run: they are how a
    client with a stale token recovers."""
    if access_token(request) is None or (root_fields and root_fields <= TOKEN_ROOT_FIELDS):
        return None
    request.user.is_authenticated  # noqa: B018  (resolves the lazy user, which records auth_error)
    error = getattr(request, "auth_error", None)
    if error is None:
        return None
    message, code = _TOKEN_ERRORS.get(getattr(error, "code", None), _INVALID_TOKEN_ERROR)
    return {"message": message, "extensions": {"exception": {"code": code}}}


def _cached_or_executed(
    request: HttpRequest, payload: dict[str, Any], graphql_schema: GraphQLSchema | None
) -> HttpResponse:
    """A single operation over GET or a JSON POST: served from the response cache when it is an
    anonymous catalogue query and the cache is on, executed otherwise."""
    use_haat_schema = graphql_schema is None
    graphql_schema = graphql_schema or schema.graphql_schema
    prepared = _prepare(request, payload, graphql_schema)
    if isinstance(prepared, tuple):
        return _json(*prepared)
    if not (
        use_haat_schema
        and response_cache.is_enabled()
        and "Authorization" not in request.headers
        and prepared.operation_type == OperationType.QUERY
        and response_cache.is_cacheable(prepared.root_fields)
    ):
        return _json(*_execute(request, prepared, graphql_schema))
    key = response_cache.response_key(
        base_url=request.build_absolute_uri("/"),
        query=prepared.query,
        variables=prepared.variables,
        operation_name=prepared.operation_name,
    )
    cached_body, version = response_cache.lookup(key)
    if cached_body is not None:
        response = HttpResponse(cached_body, content_type="application/json")
        response[response_cache.CACHE_HEADER] = response_cache.HIT
        return response
    body, status = _execute(request, prepared, graphql_schema)
    response = _json(body, status)
    if status == 200 and not body.get("errors"):
        response_cache.store(key, version=version, body=response.content)
    response[response_cache.CACHE_HEADER] = response_cache.MISS
    return response


def _multipart_payload(request: HttpRequest) -> Any:
    """The GraphQL multipart request spec: `operations`, `map`, and the files."""
    try:
        operations = json.loads(request.POST.get("operations", ""))
        files_map = json.loads(request.POST.get("map", "{}"))
    except ValueError as error:
        raise ValueError(
            "Invalid multipart request: `operations` and `map` must be JSON."
        ) from error
    if not isinstance(operations, dict | list):
        raise ValueError("Invalid multipart request: `operations` must be an object or a list.")
    if not isinstance(files_map, dict):
        raise ValueError("Invalid multipart request: `map` must be an object.")
    for file_key, paths in files_map.items():
        if not isinstance(paths, list) or not all(isinstance(path, str) for path in paths):
            raise ValueError(
                f"Invalid multipart request: `map` entry {file_key!r} must be a list of paths."
            )
        upload = request.FILES.get(file_key)
        if upload is None:
            raise ValueError(f"Invalid multipart request: file {file_key!r} is missing.")
        for path in paths:
            _set_path(operations, path.split("."), upload)
    return operations


def _set_path(target: Any, path: list[str], value: Any) -> None:
    try:
        for index, part in enumerate(path):
            key: Any = int(part) if isinstance(target, list) else part
            if index == len(path) - 1:
                target[key] = value
            else:
                target = target[key]
    except (KeyError, IndexError, TypeError, ValueError) as error:
        raise ValueError(
            f"Invalid multipart request: no place for a file at {'.'.join(path)!r}."
        ) from error


def _json(body: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(body, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def _request_payload(request: HttpRequest) -> Any:
    """The JSON body or the multipart operations; `_BadRequest` when the request cannot be read
    (the GraphQL-over-HTTP statuses: 415 for another media type, 413 for too large a body)."""
    content_type = request.content_type or ""
    try:
        if content_type == "multipart/form-data":
            try:
                return _multipart_payload(request)
            except ValueError as error:
                raise _BadRequest(str(error)) from error
        # Form and text/plain bodies are what a cross-site form can send without a preflight.
        if content_type != "application/json":
            raise _BadRequest(
                "The request's Content-Type must be application/json or multipart/form-data.",
                status=415,
            )
        try:
            return json.loads(request.body or b"null")
        except (ValueError, RecursionError) as error:
            raise _BadRequest("The request body is not valid JSON.") from error
    except RequestDataTooBig as error:
        raise _BadRequest("The request body is too large.", status=413) from error
    except (TooManyFieldsSent, TooManyFilesSent) as error:
        raise _BadRequest("The request has too many fields or files.", status=413) from error
    except (MultiPartParserError, UnreadablePostError) as error:
        raise _BadRequest("The request body could not be read.") from error


@method_decorator(csrf_exempt, name="dispatch")
class GraphQLView(View):
    """`/graphql/`. `schema` may be set through `as_view(schema=...)`; Haat's schema otherwise."""

    schema: GraphQLSchema | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Whatever fails, the client gets a GraphQL error in JSON, never Django's HTML page."""
        try:
            return super().dispatch(request, *args, **kwargs)
        except Exception as error:
            return _json({"errors": [_internal_error(request, error, "the GraphQL view")]}, 500)

    def http_method_not_allowed(self, request: HttpRequest, *args: Any, **kwargs: Any):
        response = _error_response(
            f"The method {request.method} is not allowed: use GET or POST.", status=405
        )
        response["Allow"] = "GET, POST"
        return response

    def get(self, request: HttpRequest) -> HttpResponse:
        if "query" not in request.GET:
            return render(request, "storefront_api/graphiql.html", {"endpoint": request.path})
        request.user = SimpleLazyObject(lambda: _user_from_request(request))
        return _cached_or_executed(request, request.GET.dict(), self.schema)

    def post(self, request: HttpRequest) -> HttpResponse:
        request.user = SimpleLazyObject(lambda: _user_from_request(request))
        try:
            payload = _request_payload(request)
        except _BadRequest as error:
            return _error_response(error.message, status=error.status)
        if isinstance(payload, list):
            if not payload or len(payload) > settings.GRAPHQL_MAX_BATCH_SIZE:
                return _error_response(
                    f"A batch must hold between 1 and {settings.GRAPHQL_MAX_BATCH_SIZE} operations."
                )
            return _executed_batch(request, payload, self.schema)
        if not isinstance(payload, dict):
            return _error_response("The request body must be a JSON object.")
        if request.content_type == "multipart/form-data":
            # Uploads belong to mutations; never worth a cache lookup.
            return _json(*execute_query(request, payload, self.schema))
        return _cached_or_executed(request, payload, self.schema)


def _is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PATH_PREFIX)


# Django's own error pages (wired as backend.urls' handlers): JSON on the API's paths.
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api_request(request):
        return _error_response("Bad request.", status=400)
    return defaults.bad_request(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api_request(request):
        return _error_response("Not found: the GraphQL endpoint is /graphql/.", status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api_request(request):
        # django.request has logged the exception already; the id still ties the two together.
        return _json({"errors": [_internal_error(request, None, "a request to the API")]}, 500)
    return defaults.server_error(request)
