import { type SQL, sql } from "drizzle-orm";

// Drizzle spreads a JS array in a `sql` template into a list of parameters; these pass it as one
// PostgreSQL array parameter instead (for `= ANY(…)`, `@>`, `unnest(…)`).
export const textArray = (values: readonly string[]): SQL =>
  sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))::text[]`;

export const intArray = (values: readonly number[]): SQL =>
  sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)::bigint)::bigint[]`;
