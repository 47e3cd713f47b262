"""The read-only API on Django REST framework: the public lists through the site's own
FilterSets, a detail endpoint per kind linked to the others, the OpenAPI schema, and the
Web Annotation export of an article's statements."""
