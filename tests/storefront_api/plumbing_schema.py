"""A tiny schema served by Haat's real GraphQLView, for testing the HTTP plumbing on its own.

The endpoint behaviour (GET/POST, batches, uploads, limits, errors, auth) does not depend on the
domain types, so these tests do not wait for them. Mounted with `@pytest.mark.urls(URLCONF)`.
"""

from __future__ import annotations

import graphene
from django.db import connection
from django.urls import path

from storefront_api.core.dataloaders import DataLoader
from storefront_api.views import GraphQLView

URLCONF = __name__


class Upload(graphene.Scalar):
    """A file from a multipart request, passed through untouched."""

    @staticmethod
    def serialize(value):
        return None

    @staticmethod
    def parse_value(value):
        return value

    @staticmethod
    def parse_literal(node, _variables=None):
        return None


class Unserializable(graphene.Scalar):
    """A scalar whose value JSON cannot encode: the response itself fails to serialize."""

    @staticmethod
    def serialize(value):
        return {value}

    @staticmethod
    def parse_value(value):
        return value

    @staticmethod
    def parse_literal(node, _variables=None):
        return None


class GreetingByNameLoader(DataLoader[str, str]):
    def batch_load(self, keys):
        return [f"hi {name}" for name in keys]


class BrokenGreetingByNameLoader(DataLoader[str, str]):
    """A loader whose query fails: every field waiting on the batch gets the error."""

    def batch_load(self, keys):
        raise ValueError("the batch failed")


class Item(graphene.ObjectType):
    name = graphene.String(required=True)
    children = graphene.List(graphene.NonNull(lambda: Item), required=True, first=graphene.Int())
    greeting = graphene.String(fail=graphene.Boolean(default_value=False))
    required = graphene.String(required=True, description="Always fails; its parent becomes null.")

    @staticmethod
    def resolve_greeting(root, info, fail: bool):
        loader = BrokenGreetingByNameLoader if fail else GreetingByNameLoader
        return loader(info.context).load(root.name)

    @staticmethod
    def resolve_required(_root, _info):
        raise RuntimeError("required field failed")

    @staticmethod
    def resolve_children(root, _info, first: int = 1):
        return [Item(name=f"{root.name}.{index}") for index in range(min(first, 3))]


class Query(graphene.ObjectType):
    hello = graphene.String(name=graphene.String(default_value="world"))
    item = graphene.Field(Item, required=True)
    maybe_item = graphene.Field(Item)
    broken = graphene.String()
    viewer = graphene.String(description="The signed-in user's e-mail or phone; null if anonymous.")
    sleep = graphene.Float(
        seconds=graphene.Float(required=True),
        description="Runs `pg_sleep` in the database (PostgreSQL only); returns the seconds.",
    )
    unserializable = graphene.Field(Unserializable)

    @staticmethod
    def resolve_hello(_root, _info, name: str):
        return f"Hello, {name}!"

    @staticmethod
    def resolve_item(_root, _info):
        return Item(name="root")

    @staticmethod
    def resolve_maybe_item(_root, _info):
        return Item(name="maybe")

    @staticmethod
    def resolve_broken(_root, _info):
        raise RuntimeError("database password is hunter2")

    @staticmethod
    def resolve_sleep(_root, _info, seconds: float):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(%s)", [seconds])
        return seconds

    @staticmethod
    def resolve_unserializable(_root, _info):
        return "a set"

    @staticmethod
    def resolve_viewer(_root, info):
        user = info.context.user
        if not user.is_authenticated:
            return None
        return str(user.phone or user.email)


class Mutation(graphene.ObjectType):
    echo = graphene.String(text=graphene.String(required=True))
    upload_size = graphene.Int(file=graphene.Argument(Upload, required=True))
    upload_sizes = graphene.List(
        graphene.Int, files=graphene.List(graphene.NonNull(Upload), required=True)
    )

    @staticmethod
    def resolve_echo(_root, _info, text: str):
        return text

    @staticmethod
    def resolve_upload_size(_root, _info, file):
        return file.size

    @staticmethod
    def resolve_upload_sizes(_root, _info, files):
        return [upload.size for upload in files]


plumbing_schema = graphene.Schema(query=Query, mutation=Mutation)

urlpatterns = [path("graphql/", GraphQLView.as_view(schema=plumbing_schema.graphql_schema))]
