from backend.channels.models import Channel


def test_default_channel_exists(db):
    # given a migrated database
    # when the default channel is looked up
    channel = Channel.objects.get(slug="bd")
    # then it sells in Taka to Bangladesh
    assert (channel.currency_code, channel.default_country) == ("BDT", "BD")
