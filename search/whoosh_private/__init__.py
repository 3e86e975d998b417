"""Every use of Whoosh's private API, in one place, covered by tests/test_whoosh_private.py.

whoosh3 is pinned to the minor version this was written against (pyproject.toml)."""
