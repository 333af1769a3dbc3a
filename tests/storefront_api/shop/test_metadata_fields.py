"""`channels { metadata }` and `shop { metafield }` answer (they once failed): the channel and
the shop hold no metadata, so lists are empty and a key has no value."""

import pytest


@pytest.mark.parametrize("as_staff", [False, True])
def test_channel_and_shop_metadata_fields_answer(api_client, product_manager, channel, as_staff):
    # given
    client = api_client.as_user(product_manager) if as_staff else api_client
    query = """
    {
      channels { slug metadata { key value } metafield(key: "x") }
      shop { metadata { key value } metafield(key: "x") }
    }
    """
    # when
    data = client.execute(query)
    # then
    assert data == {
        "channels": [{"slug": channel.slug, "metadata": [], "metafield": None}],
        "shop": {"metadata": [], "metafield": None},
    }
