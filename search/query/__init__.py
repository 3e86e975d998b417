"""Text -> a query plan -> matches -> ranking, snippets and completions, on a leased generation,
within a deadline."""
