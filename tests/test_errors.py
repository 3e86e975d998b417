"""Every error the library defines answers with its status by class, in the one error shape."""

import inspect

import pytest
from flask import Flask

from search import errors
from web.errors import register_error_handlers, status_of
from web.params import BadRequest

EXPECTED = {
    "SearchError": 500,
    "ConfigError": 500,
    "CorpusError": 500,
    "IndexMissingError": 503,
    "IndexBusyError": 503,
    "IndexWriteError": 500,
    "QueryRefused": 400,
    "QuerySyntaxError": 400,
    "QueryTooSlowError": 400,
    "PageOutOfRange": 400,
    "NotFoundError": 404,
    "ArticleNotFoundError": 404,
    "PersonNotFoundError": 404,
}


def defined_errors():
    return [kind for _, kind in inspect.getmembers(errors, inspect.isclass)
            if issubclass(kind, errors.SearchError) and kind.__module__ == errors.__name__]


def test_the_table_names_every_error_the_library_defines():
    assert sorted(kind.__name__ for kind in defined_errors()) == sorted(EXPECTED)


@pytest.fixture
def app():
    app = Flask(__name__)
    register_error_handlers(app)

    @app.get("/api/raise/<name>")
    def raise_it(name):
        raise getattr(errors, name, None)("what went wrong") if name != "BadRequest" else BadRequest("bad")

    return app


@pytest.mark.parametrize("name, status", EXPECTED.items())
def test_each_error_class_answers_with_its_status_and_code(app, name, status):
    response = app.test_client().get(f"/api/raise/{name}")
    assert response.status_code == status
    body = response.get_json()
    assert body["error"]["code"] == getattr(errors, name).code
    assert "Traceback" not in response.get_data(as_text=True)


def test_a_subclass_takes_the_status_of_the_class_it_inherits_from():
    class NarrowQueryError(errors.QuerySyntaxError):
        pass

    class StillMissing(errors.IndexMissingError):
        pass

    assert status_of(NarrowQueryError("x")) == 400
    assert status_of(StillMissing("x")) == 503
    assert status_of(BadRequest("x")) == 400
    assert status_of(RuntimeError("x")) == 500
