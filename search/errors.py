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


class QuerySyntaxError(SearchError):
    code = "bad_query"


class QueryTooSlowError(QuerySyntaxError):
    code = "query_too_slow"


class NotFoundError(SearchError):
    code = "not_found"


class ArticleNotFoundError(NotFoundError):
    pass


class PersonNotFoundError(NotFoundError):
    pass
