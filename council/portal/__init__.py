"""The top floor: what uses every app (start and body pages, search, OParl, sitemaps,
demo data, bench). The only package that may import every app; no app imports it."""
