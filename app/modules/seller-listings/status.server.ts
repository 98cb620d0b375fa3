// How a stay's or an experience's status changes: the edit form cannot take a listing out of
// the archive (restore is its own action), and a restored listing comes back as a draft to review.
import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { ListingStatus } from "./fields";

/** The status a saved form sets: the form's, except that an archived listing stays archived. */
export function savedStatus(column: AnyPgColumn, status: ListingStatus): SQL {
  return sql`CASE WHEN ${column} = 'archived' THEN ${column} ELSE ${status}::listing_status END`;
}

/** Archive, or bring an archived listing back as a draft (any other status is kept). */
export function archivedStatus(column: AnyPgColumn, archived: boolean): "archived" | SQL {
  return archived ? "archived" : sql`CASE WHEN ${column} = 'archived' THEN 'draft' ELSE ${column} END`;
}
