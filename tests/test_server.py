"""The real service: `python -m web` under waitress, building its index on first start."""

import json
import urllib.error
import urllib.request

import pytest

from .conftest import running_server


@pytest.fixture
def server(tmp_path, small_corpus):
    with running_server(small_corpus, tmp_path / "index") as base:
        yield base, tmp_path / "index"


def test_server_builds_the_missing_index_and_answers(server):
    base, index = server
    assert (index / "CURRENT").is_file()
    with urllib.request.urlopen(base + "/api/search?q=bridge") as response:
        assert response.headers["Server"] == "news-search"
        body = json.load(response)
    assert body["total"] == 2
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(base + "/api/search?q=bridge&per_page=1000")
    assert error.value.code == 400
    assert json.load(error.value)["error"]["code"] == "bad_request"
