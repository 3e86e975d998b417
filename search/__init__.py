"""Full-text search over scraped news articles: cleaning, extraction, indexing and querying."""
