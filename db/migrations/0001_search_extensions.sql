-- Search: trigram matching for typo tolerance and spelling suggestions (search_terms).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
