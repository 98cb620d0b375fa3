-- Search: every write to a row that a search document is made of announces itself in
-- search_outbox, in the same transaction (so no write path can forget to). Variants announce
-- their product and rooms their stay; a village or cooperative change is expanded by the worker
-- to everything that shows its name. NOTIFY wakes the worker; it also polls.
CREATE SEQUENCE IF NOT EXISTS search_documents_version_seq;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_outbox_enqueue() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  entity search_entity := TG_ARGV[0]::search_entity;
  id_column text := TG_ARGV[1];
  old_id integer;
  new_id integer;
BEGIN
  IF TG_OP <> 'INSERT' THEN old_id := (to_jsonb(OLD) ->> id_column)::integer; END IF;
  IF TG_OP <> 'DELETE' THEN new_id := (to_jsonb(NEW) ->> id_column)::integer; END IF;
  IF new_id IS NOT NULL THEN
    INSERT INTO search_outbox (entity, entity_id) VALUES (entity, new_id);
  END IF;
  IF old_id IS NOT NULL AND old_id IS DISTINCT FROM new_id THEN
    INSERT INTO search_outbox (entity, entity_id) VALUES (entity, old_id);
  END IF;
  PERFORM pg_notify('search_outbox', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER products_search_outbox AFTER INSERT OR UPDATE OR DELETE ON products
  FOR EACH ROW EXECUTE FUNCTION search_outbox_enqueue('product', 'id');
--> statement-breakpoint
CREATE TRIGGER product_variants_search_outbox AFTER INSERT OR UPDATE OR DELETE ON product_variants
  FOR EACH ROW EXECUTE FUNCTION search_outbox_enqueue('product', 'product_id');
--> statement-breakpoint
CREATE TRIGGER stays_search_outbox AFTER INSERT OR UPDATE OR DELETE ON stays
  FOR EACH ROW EXECUTE FUNCTION search_outbox_enqueue('stay', 'id');
--> statement-breakpoint
CREATE TRIGGER stay_units_search_outbox AFTER INSERT OR UPDATE OR DELETE ON stay_units
  FOR EACH ROW EXECUTE FUNCTION search_outbox_enqueue('stay', 'stay_id');
--> statement-breakpoint
CREATE TRIGGER experiences_search_outbox AFTER INSERT OR UPDATE OR DELETE ON experiences
  FOR EACH ROW EXECUTE FUNCTION search_outbox_enqueue('experience', 'id');
--> statement-breakpoint
CREATE TRIGGER villages_search_outbox AFTER INSERT OR UPDATE OR DELETE ON villages
  FOR EACH ROW EXECUTE FUNCTION search_outbox_enqueue('village', 'id');
--> statement-breakpoint
CREATE TRIGGER cooperatives_search_outbox AFTER INSERT OR UPDATE OR DELETE ON cooperatives
  FOR EACH ROW EXECUTE FUNCTION search_outbox_enqueue('cooperative', 'id');
--> statement-breakpoint
-- Everything that existed before search did is announced once, so the worker indexes it.
INSERT INTO search_outbox (entity, entity_id)
  SELECT 'product'::search_entity, id FROM products
  UNION ALL SELECT 'stay', id FROM stays
  UNION ALL SELECT 'experience', id FROM experiences
  UNION ALL SELECT 'village', id FROM villages;
