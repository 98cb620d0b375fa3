-- Caches of public pages and their data (app/modules/cache): every app instance LISTENs on
-- 'catalog_changed' and forgets what it cached when a table a public page reads changes. The
-- NOTIFY is sent at commit of the writing transaction (never for a rollback), whichever code
-- path wrote, so no write can forget to invalidate. One notification per statement, payload the
-- table's name (PostgreSQL folds identical payloads of one transaction into one).
CREATE OR REPLACE FUNCTION catalog_changed_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('catalog_changed', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'villages', 'cooperatives', 'products', 'product_variants', 'product_images',
    'stays', 'stay_units', 'unit_rates', 'unit_blackouts', 'stay_bookings',
    'experiences', 'experience_slots', 'experience_bookings'
  ] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION catalog_changed_notify()',
      t || '_catalog_changed', t
    );
  END LOOP;
END;
$$;
