import type { Database } from "~/utils/db.server";

/** The app's database or a transaction of it: module functions work inside either. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Db = Database | Tx;

/** PostgreSQL's unique_violation, seen through drizzle's error wrapper. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint_name } = e as { code?: string; constraint_name?: string };
    if (code === "23505" && constraint_name === constraint) return true;
  }
  return false;
}
