"""Media on S3: a real S3-compatible HTTP server (moto's, on a free loopback port), real boto3
and django-storages, the real upload mutation and thumbnail view. No mocks."""

from __future__ import annotations

import boto3
import pytest
from django.test import Client
from moto.server import ThreadedMotoServer

from backend.accounts.jwt import create_access_token
from backend.catalog.models import ProductMedia, Thumbnail
from tests.backend.catalog.images import image_upload
from tests.factories import ProductFactory
from tests.storefront_api.catalog.mutations.helpers import gid

BUCKET = "haat-media-test"
REGION = "ap-south-1"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}

MUTATION = """
mutation Media($input: ProductMediaCreateInput!) {
  productMediaCreate(input: $input) { media { id } errors { field code } }
}
"""


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(s3_endpoint, settings, monkeypatch):
    """A fresh bucket, and Django's default storage pointed at it."""
    # boto3 must never reach for real credentials or a real region.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION, **CREDENTIALS)
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    settings.AWS_STORAGE_BUCKET_NAME = BUCKET
    settings.AWS_ACCESS_KEY_ID = "testing"
    settings.AWS_SECRET_ACCESS_KEY = "testing"
    settings.AWS_S3_REGION_NAME = REGION
    settings.AWS_S3_ENDPOINT_URL = s3_endpoint
    settings.AWS_S3_CUSTOM_DOMAIN = None
    settings.AWS_QUERYSTRING_AUTH = False
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage"},
    }
    yield client
    objects = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    for item in objects:
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def test_uploaded_image_and_its_thumbnail_land_in_the_bucket(
    s3, s3_endpoint, api_client, entrepreneur, vendor
):
    # given
    product = ProductFactory(vendor=vendor)
    variables = {"input": {"product": gid("Product", product.pk), "image": None}}
    # when: the image is uploaded through the API
    content = api_client.as_user(entrepreneur).multipart(
        MUTATION, variables, {"variables.input.image": image_upload("saree.png", 400, 200)}
    )
    # then: it is stored in the bucket
    assert content["data"]["productMediaCreate"]["errors"] == []
    media = ProductMedia.objects.get()
    head = s3.head_object(Bucket=BUCKET, Key=media.image.name)
    assert head["ContentLength"] > 0

    # when: the vendor's owner asks for a thumbnail (the product is not published yet)
    response = Client().get(
        f"/thumbnail/{gid('ProductMedia', media.pk)}/64/webp/",
        HTTP_AUTHORIZATION=f"Bearer {create_access_token(entrepreneur)}",
    )
    # then: it is made into the bucket and the client is sent there
    assert response.status_code == 302
    thumbnail = Thumbnail.objects.get()
    assert response["Location"].startswith(f"{s3_endpoint}/{BUCKET}/thumbnails/")
    head = s3.head_object(Bucket=BUCKET, Key=thumbnail.image.name)
    assert head["ContentLength"] > 0
    body = s3.get_object(Bucket=BUCKET, Key=thumbnail.image.name)["Body"].read()
    assert body[:4] == b"RIFF" and body[8:12] == b"WEBP"
