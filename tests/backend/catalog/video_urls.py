"""Video URLs that only look like an allowed provider's, one per trick; shared by the domain
and API tests."""

import pytest

BYPASSES = [
    pytest.param("https://evil.example?.youtube.com", id="query"),
    pytest.param("https://evil.example#.youtube.com", id="fragment"),
    pytest.param("https://evil.example\\.youtube.com", id="backslash"),
    pytest.param("https://evil.example\\@youtube.com", id="backslash-userinfo"),
    pytest.param("https://youtube.com@evil.example/watch", id="userinfo"),
    pytest.param("https://user:pw@youtube.com/watch", id="credentials"),
    pytest.param("https://youtube.com:pw@evil.example/", id="userinfo-password"),
    pytest.param("https://evil.example/youtube.com", id="path"),
    pytest.param("https://youtube.com.evil.example/watch", id="prefix"),
    pytest.param("https://evilyoutube.com/watch", id="no-dot"),
    pytest.param("https://youtube.com./watch", id="trailing-dot"),
    pytest.param("https://EVIL.EXAMPLE?.YOUTUBE.COM", id="uppercase-query"),
    pytest.param("http://www.youtube.com/watch?v=abc", id="http"),
    pytest.param("ftp://www.youtube.com/watch?v=abc", id="ftp"),
    pytest.param("javascript://youtube.com/%0aalert(1)", id="javascript"),
    pytest.param("//www.youtube.com/watch?v=abc", id="scheme-relative"),
    pytest.param("https:///www.youtube.com/watch", id="empty-host"),
    pytest.param("https://www.youtube.com:8443/watch", id="port"),
    pytest.param("https://www.youtube.com:bad/watch", id="bad-port"),
    pytest.param("https://evil.example\t.youtube.com", id="tab"),
    pytest.param("https://youtube.com/x\x00", id="nul"),
    pytest.param("https://[::1]/youtube.com", id="ipv6"),
]
