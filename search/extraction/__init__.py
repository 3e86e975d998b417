"""Pure: bytes or text -> Article (line rules, HTML pages, containers, metadata, fields, names,
attribution, speakers and quotations, the other extractors as fallbacks)."""
