"""The errors the library raises; callers map them to exit codes or HTTP statuses."""


class SearchError(Exception):
    """Base class: `code` is a stable machine-readable name, the message is for people."""

    code = "search_error"


class ConfigError(SearchError):
    code = "bad_config"


class CorpusError(SearchError):
    code = "bad_corpus"


class IndexMissingError(SearchError):
    code = "index_missing"


class IndexBusyError(SearchError):
    code = "index_busy"


class IndexWriteError(SearchError):
    code = "index_not_writable"


class QueryRefused(SearchError):
    """A request the service will not run as asked (a 400 on the web): the message says what to change."""

    code = "bad_query"


class QuerySyntaxError(QueryRefused):
    """A query that cannot be read as written: an unknown field, an unreadable date, a bad pattern."""

    code = "bad_query"


class QueryTooSlowError(QueryRefused):
    code = "query_too_slow"


class PageOutOfRange(QueryRefused):
    code = "bad_request"


class NotFoundError(SearchError):
    code = "not_found"


class ArticleNotFoundError(NotFoundError):
    pass


class PersonNotFoundError(NotFoundError):
    pass


class UnreadableArticle(Exception):
    """A corpus file that cannot become an article; the message is the reason shown to the user. Not a
    SearchError: a rebuild skips and reports the file, and goes on."""
