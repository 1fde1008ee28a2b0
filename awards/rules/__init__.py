"""Pure reads over rows and tables: what the rules say. Nothing here writes."""
