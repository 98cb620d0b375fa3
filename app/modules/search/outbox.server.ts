// The outbox's first half: turning `search_outbox` rows (written by triggers with every change)
// into current rows of `search_documents`. Deleting the outbox rows and writing the documents
// happen in one transaction, so a crash leaves the change to be projected again, never lost.
// One projector at a time (an advisory lock): several app instances may run the worker.
import { sql } from "drizzle-orm";
import type { Database } from "~/utils/db.server";
import { intArray, textArray } from "~/utils/sql-arrays.server";
import { type BuiltDoc, type DocIds, docKey, loadDocs } from "./documents.server";
import { normalizeText } from "./text.server";
import { SEARCH_TYPES, type SearchType } from "./types";

const PROJECT_LOCK = 730_301;

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
type Executor = Pick<Database, "execute">;

const emptyIds = (): DocIds => ({ product: [], stay: [], experience: [], village: [] });

/** The documents an outbox entity shows up in (a village's name is on its products, stays…). */
async function expand(db: Executor, entities: { entity: string; id: number }[]): Promise<DocIds> {
  const ids = emptyIds();
  const villages: number[] = [];
  const sellers: number[] = [];
  for (const { entity, id } of entities) {
    if (entity === "cooperative") sellers.push(id);
    else {
      if (entity === "village") villages.push(id);
      ids[entity as SearchType].push(id);
    }
  }
  if (villages.length > 0 || sellers.length > 0) {
    const rows = (await db.execute(sql`
      SELECT 'product' AS type, id FROM products WHERE village_id = ANY(${intArray(villages)}) OR cooperative_id = ANY(${intArray(sellers)})
      UNION ALL SELECT 'stay', id FROM stays WHERE village_id = ANY(${intArray(villages)}) OR cooperative_id = ANY(${intArray(sellers)})
      UNION ALL SELECT 'experience', id FROM experiences WHERE village_id = ANY(${intArray(villages)}) OR cooperative_id = ANY(${intArray(sellers)})
    `)) as { type: SearchType; id: number }[];
    for (const row of rows) ids[row.type].push(Number(row.id));
  }
  for (const type of SEARCH_TYPES) ids[type] = [...new Set(ids[type])];
  return ids;
}

/**
 * Writes the current documents for `ids` into search_documents: new and changed ones get a new
 * version and wait to be shipped; vanished ones become tombstones. Unchanged documents are left
 * alone (a stock change that changes nothing searchable ships nothing).
 */
export async function writeDocuments(db: Executor, ids: DocIds, changedAt: Date, options: { force?: boolean } = {}): Promise<number> {
  const docs = await loadDocs(db, ids);
  const keys = SEARCH_TYPES.flatMap((type) => ids[type].map((id) => docKey(type, id)));
  const live = [...docs.values()];
  let written = 0;
  for (let i = 0; i < live.length; i += 500) {
    written += await upsert(db, live.slice(i, i + 500), changedAt, options.force ?? false);
  }
  const gone = keys.filter((key) => !docs.has(key));
  if (gone.length > 0) {
    const rows = await db.execute(sql`
      UPDATE search_documents
      SET deleted = true, shipped = false, version = nextval('search_documents_version_seq'), changed_at = ${changedAt.toISOString()}::timestamptz
      WHERE key = ANY(${textArray(gone)}) AND NOT deleted
      RETURNING key
    `);
    written += rows.length;
  }
  return written;
}

const lexeme = (term: string) => `'${term.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;

/**
 * A tsvector literal with a position and weight per term: ranking needs both (a tsvector made
 * by array_to_tsvector has neither). Title terms come first, then names, then the description.
 */
export function weightedTsvector(terms: BuiltDoc["terms"]): string {
  const parts: string[] = [];
  let position = 1;
  for (const [weight, list] of [["A", terms.a], ["B", terms.b], ["C", terms.c]] as const) {
    for (const term of list) {
      if (term.length === 0 || term.length > 200) continue;
      parts.push(`${lexeme(term)}:${Math.min(position, 16383)}${weight}`);
      position += 1;
    }
  }
  return parts.join(" ");
}

async function upsert(db: Executor, docs: BuiltDoc[], changedAt: Date, force: boolean): Promise<number> {
  const payload = docs.map((d) => ({
    key: d.key,
    type: d.doc.type,
    entity_id: d.doc.entityId,
    doc: d.doc,
    tsv: weightedTsvector(d.terms),
    title_tsv: weightedTsvector({ a: d.terms.a, b: [], c: [] }),
    title_keys: [...new Set([normalizeText(d.doc.title_zh), normalizeText(d.doc.title_en)].filter(Boolean))],
    ea: d.english.a,
    eb: d.english.b,
    ec: d.english.c,
    category: d.doc.category,
    village_slug: d.doc.village,
    certifications: d.doc.certifications,
    price_from: d.doc.priceFrom,
    boost: d.doc.boost,
    listed_at: new Date(d.doc.listedAt * 1000).toISOString(),
  }));
  const rows = await db.execute(sql`
    INSERT INTO search_documents AS d
      (key, type, entity_id, doc, tsv, title_tsv, title_keys, category, village_slug, certifications, price_from, boost, listed_at,
       deleted, version, shipped, changed_at)
    SELECT r.key, r.type::search_doc_type, r.entity_id, r.doc,
           r.tsv::tsvector || setweight(to_tsvector('english', r.ea), 'A') ||
           setweight(to_tsvector('english', r.eb), 'B') || setweight(to_tsvector('english', r.ec), 'C'),
           r.title_tsv::tsvector || setweight(to_tsvector('english', r.ea), 'A'), r.title_keys,
           r.category, r.village_slug, r.certifications, r.price_from, r.boost, r.listed_at,
           false, nextval('search_documents_version_seq'), false, ${changedAt.toISOString()}::timestamptz
    FROM jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) AS r(
      key text, type text, entity_id integer, doc jsonb, tsv text, title_tsv text, title_keys text[], ea text, eb text, ec text,
      category text, village_slug text, certifications text[], price_from integer, boost integer, listed_at timestamptz)
    ON CONFLICT (key) DO UPDATE SET
      doc = EXCLUDED.doc, tsv = EXCLUDED.tsv, title_tsv = EXCLUDED.title_tsv, title_keys = EXCLUDED.title_keys, category = EXCLUDED.category, village_slug = EXCLUDED.village_slug,
      certifications = EXCLUDED.certifications, price_from = EXCLUDED.price_from, boost = EXCLUDED.boost,
      listed_at = EXCLUDED.listed_at, deleted = false, version = EXCLUDED.version, shipped = false,
      changed_at = EXCLUDED.changed_at
    WHERE ${force} OR d.deleted OR d.doc IS DISTINCT FROM EXCLUDED.doc
    RETURNING key
  `);
  const words = [...new Set(docs.flatMap((d) => d.latin))];
  if (words.length > 0) {
    // English stop words ("with", "and") are no spelling suggestion: "wite" must become "white".
    await db.execute(sql`
      INSERT INTO search_terms (term) SELECT w FROM unnest(${textArray(words)}) AS w
      WHERE ts_lexize('english_stem', w) <> '{}' ON CONFLICT DO NOTHING
    `);
  }
  return rows.length;
}

/**
 * Projects up to `batch` outbox rows. Returns how many rows it consumed (0: nothing to do, or
 * another instance holds the projector lock).
 */
export async function projectOutbox(db: Database, batch = 2000, opts: { wait?: boolean } = {}): Promise<number> {
  return db.transaction(async (tx: Tx) => {
    if (opts.wait) await tx.execute(sql`SELECT pg_advisory_xact_lock(${PROJECT_LOCK})`);
    else {
      const [lock] = (await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${PROJECT_LOCK}) AS ok`)) as { ok: boolean }[];
      if (!lock?.ok) return 0;
    }
    const rows = (await tx.execute(sql`
      DELETE FROM search_outbox WHERE id IN (SELECT id FROM search_outbox ORDER BY id LIMIT ${batch})
      RETURNING entity::text AS entity, entity_id, created_at
    `)) as { entity: string; entity_id: number; created_at: Date | string }[];
    if (rows.length === 0) return 0;
    const oldest = rows.reduce((min, r) => Math.min(min, new Date(r.created_at).getTime()), Infinity);
    const ids = await expand(tx, rows.map((r) => ({ entity: r.entity, id: Number(r.entity_id) })));
    await writeDocuments(tx, ids, new Date(oldest));
    return rows.length;
  });
}

/** Rebuilds every document from the catalogue tables (reindex, and tests that start clean). */
export async function projectAll(db: Database): Promise<number> {
  return db.transaction(async (tx: Tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${PROJECT_LOCK})`);
    const rows = (await tx.execute(sql`
      SELECT 'product' AS type, id FROM products UNION ALL SELECT 'stay', id FROM stays
      UNION ALL SELECT 'experience', id FROM experiences UNION ALL SELECT 'village', id FROM villages
      UNION ALL SELECT split_part(key, ':', 1), entity_id FROM search_documents WHERE NOT deleted
    `)) as { type: SearchType; id: number }[];
    const ids = emptyIds();
    for (const row of rows) ids[row.type].push(Number(row.id));
    for (const type of SEARCH_TYPES) ids[type] = [...new Set(ids[type])];
    await tx.execute(sql`DELETE FROM search_outbox`);
    // The word list is rebuilt with the documents (words of deleted listings go too).
    await tx.execute(sql`DELETE FROM search_terms`);
    // Every row is rewritten, so columns added since a document last changed are filled too.
    return writeDocuments(tx, ids, new Date(), { force: true });
  });
}

export async function pendingCounts(db: Executor): Promise<{ outbox: number; unshipped: number }> {
  const [row] = (await db.execute(sql`
    SELECT (SELECT count(*) FROM search_outbox)::int AS outbox,
           (SELECT count(*) FROM search_documents WHERE NOT shipped)::int AS unshipped
  `)) as { outbox: number; unshipped: number }[];
  return row ?? { outbox: 0, unshipped: 0 };
}
