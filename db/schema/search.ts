import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const searchDocType = pgEnum("search_doc_type", ["product", "stay", "experience", "village"]);
export const searchEntity = pgEnum("search_entity", ["product", "stay", "experience", "village", "cooperative"]);

// Written by triggers (migration 0003) in the same transaction as every insert, update and delete
// of a searchable row or a row a search document is made of (variants → their product, rooms →
// their stay). The search worker turns these into `search_documents` and ships those to
// Meilisearch.
export const searchOutbox = pgTable("search_outbox", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  entity: searchEntity("entity").notNull(),
  entityId: integer("entity_id").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
});

// One row per searchable thing: the PostgreSQL engine searches this table, and it is what ships
// to Meilisearch (`doc`). A row whose thing was deleted or hidden stays as a tombstone
// (`deleted`) until Meilisearch has dropped it too.
export const searchDocuments = pgTable(
  "search_documents",
  {
    key: text("key").primaryKey(),
    type: searchDocType("type").notNull(),
    entityId: integer("entity_id").notNull(),
    doc: jsonb("doc").$type<Record<string, unknown>>().notNull(),
    tsv: tsvector("tsv").notNull(),
    // Ranking reads only these small columns: ranking on `tsv` or `doc` would detoast both for
    // every match, which costs more than the search itself on a broad query.
    titleTsv: tsvector("title_tsv").notNull().default(sql`''::tsvector`),
    titleKeys: text("title_keys").array().notNull().default(sql`'{}'`),
    category: text("category"),
    villageSlug: text("village_slug"),
    certifications: text("certifications").array().notNull().default(sql`'{}'`),
    priceFrom: integer("price_from"),
    boost: integer("boost").notNull().default(0),
    listedAt: timestamp("listed_at", { withTimezone: true }).notNull(),
    deleted: boolean("deleted").notNull().default(false),
    // Bumped at every projection; the shipper marks a row shipped only for the version it sent.
    version: bigint("version", { mode: "number" }).notNull(),
    shipped: boolean("shipped").notNull().default(false),
    // When the change this version carries was committed (the oldest outbox row it consumed).
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("search_documents_tsv_idx").using("gin", t.tsv),
    index("search_documents_unshipped_idx").on(t.version).where(sql`NOT ${t.shipped}`),
  ],
);

// Latin words seen in the documents (English words, pinyin): spelling corrections for typos and
// "did you mean", looked up with pg_trgm.
export const searchTerms = pgTable(
  "search_terms",
  {
    term: text("term").primaryKey(),
  },
  (t) => [index("search_terms_trgm_idx").using("gin", sql`${t.term} gin_trgm_ops`)],
);
