// Other channels' calendars of a room: an iCal URL (re-read every hour by the sweeper, or at
// once with "sync now") or an uploaded .ics file. Each read replaces that import's blackouts in
// one transaction, so a room is never half-synced; a read that fails keeps the previous busy
// dates and records why in last_error (a code the page words: "timeout", "http:404"…).
// A busy date over a booking of ours is still written: the booking stands, and the host sees
// the conflict on the bookings calendar.
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { and, asc, eq, isNotNull, lt, sql } from "drizzle-orm";
import { stayUnits, unitBlackouts, unitCalendarImports } from "../../../db/schema/index";
import { ListingError, listingNotFound } from "~/modules/seller-listings/errors";
import { roomOf } from "~/modules/seller-listings/rooms.server";
import type { Database } from "~/utils/db.server";
import { todayInShanghai } from "~/utils/format";
import { MAX_CALENDAR_BYTES } from "./host-schemas";
import { type BusyRange, parseBusyNights } from "./ical-parse.server";
import type { Tx } from "./holds.server";

export const FETCH_TIMEOUT_MS = 10_000;
/** URL imports are re-read when their last attempt is older than this. */
export const RESYNC_AFTER_MS = 60 * 60_000;
const MAX_REDIRECTS = 3;
/** Imports read per run of the periodic re-read: a run stays within minutes even if every URL is slow. */
const SYNC_BATCH = 50;

export type ImportErrorCode = "not_ical" | "too_large" | "timeout" | "network" | "private_host" | "bad_url" | `http:${number}`;

export class CalendarImportError extends Error {
  constructor(readonly code: ImportErrorCode) {
    super(code);
    this.name = "CalendarImportError";
  }
}

export type FetchOptions = { timeoutMs?: number; allowPrivateHosts?: boolean };

// Addresses a host's URL must not make the server fetch: its own machine and private networks.
const PRIVATE = new BlockList();
for (const [net, bits] of [["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12], ["192.168.0.0", 16]] as const) {
  PRIVATE.addSubnet(net, bits, "ipv4");
}
for (const [net, bits] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10]] as const) PRIVATE.addSubnet(net, bits, "ipv6");

async function assertPublicHost(url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true }).catch(() => null);
  if (!addresses?.length) throw new CalendarImportError("network");
  for (const a of addresses) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a.address)?.[1];
    const blocked = mapped ? PRIVATE.check(mapped, "ipv4") : PRIVATE.check(a.address, a.family === 6 ? "ipv6" : "ipv4");
    if (blocked) throw new CalendarImportError("private_host");
  }
}

/**
 * The text at an http(s) URL: 10 s for the whole read, at most 1 MB, redirects followed (and
 * checked) up to three times. Private addresses are refused in production (a host's URL must
 * not reach the server's own network); tests and the demo read a local server.
 */
export async function fetchCalendarText(rawUrl: string, options: FetchOptions = {}): Promise<string> {
  const allowPrivate = options.allowPrivateHosts ?? process.env.NODE_ENV !== "production";
  const signal = AbortSignal.timeout(options.timeoutMs ?? FETCH_TIMEOUT_MS);
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new CalendarImportError("bad_url");
  }
  try {
    for (let hop = 0; ; hop++) {
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new CalendarImportError("bad_url");
      if (!allowPrivate) await assertPublicHost(url);
      const response = await fetch(url, { signal, redirect: "manual", headers: { Accept: "text/calendar, text/plain;q=0.9, */*;q=0.5" } });
      const location = response.headers.get("Location");
      if (response.status >= 300 && response.status < 400 && location && hop < MAX_REDIRECTS) {
        await response.body?.cancel();
        url = new URL(location, url);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new CalendarImportError(`http:${response.status}`);
      }
      const declared = Number(response.headers.get("Content-Length") ?? "");
      if (Number.isFinite(declared) && declared > MAX_CALENDAR_BYTES) {
        await response.body?.cancel();
        throw new CalendarImportError("too_large");
      }
      return await readCapped(response);
    }
  } catch (error) {
    if (error instanceof CalendarImportError) throw error;
    if (signal.aborted) throw new CalendarImportError("timeout");
    throw new CalendarImportError("network");
  }
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_CALENDAR_BYTES) {
      await reader.cancel();
      throw new CalendarImportError("too_large");
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
}

/** The busy nights of a calendar text, or not_ical. */
function busyRanges(text: string, today: string): BusyRange[] {
  const parsed = parseBusyNights(text, { today });
  if (!parsed.ok) throw new CalendarImportError(parsed.error);
  return parsed.ranges;
}

/** Replaces the import's blackouts with these ranges and marks it synced (inside the caller's transaction). */
async function writeRanges(tx: Tx, imp: { id: number; unitId: number; name: string }, ranges: BusyRange[], now: Date): Promise<void> {
  await tx.delete(unitBlackouts).where(eq(unitBlackouts.importId, imp.id));
  if (ranges.length) {
    await tx.insert(unitBlackouts).values(ranges.map((r) => ({ unitId: imp.unitId, importId: imp.id, startDate: r.startDate, endDate: r.endDate, reason: imp.name })));
  }
  await tx.update(unitCalendarImports).set({ lastSyncedAt: now, lastError: null, updatedAt: now }).where(eq(unitCalendarImports.id, imp.id));
}

export type CalendarImportRow = {
  id: number;
  name: string;
  url: string | null;
  lastSyncedAt: Date | null;
  lastError: string | null;
  nights: number;
};

export async function listImports(db: Database, cooperativeId: number, stayId: number, unitId: number, { today }: { today: string }): Promise<CalendarImportRow[]> {
  const id = await roomOf(db, cooperativeId, stayId, unitId);
  return db
    .select({
      id: unitCalendarImports.id,
      name: unitCalendarImports.name,
      url: unitCalendarImports.url,
      lastSyncedAt: unitCalendarImports.lastSyncedAt,
      lastError: unitCalendarImports.lastError,
      // Qualified by hand: drizzle writes a lone table's columns unqualified, which inside the
      // subquery would name the blackout's own id.
      nights: sql<number>`coalesce((
        SELECT sum(b.end_date - greatest(b.start_date, ${today}::date)) FROM unit_blackouts b
        WHERE b.import_id = unit_calendar_imports.id AND b.end_date > ${today}::date
      ), 0)`.mapWith(Number),
    })
    .from(unitCalendarImports)
    .where(eq(unitCalendarImports.unitId, id))
    .orderBy(asc(unitCalendarImports.id));
}

/** The cooperative's import of this room (locked when asked), or 404. */
async function importOf(tx: Tx | Database, cooperativeId: number, stayId: number, unitId: number, importId: number, options: { lock?: boolean } = {}) {
  const id = await roomOf(tx, cooperativeId, stayId, unitId);
  const query = tx
    .select({ id: unitCalendarImports.id, unitId: unitCalendarImports.unitId, url: unitCalendarImports.url, name: unitCalendarImports.name })
    .from(unitCalendarImports)
    .where(and(eq(unitCalendarImports.id, importId), eq(unitCalendarImports.unitId, id)));
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row) listingNotFound();
  return row;
}

/** The name a host gave, or one made from the URL's host ("airbnb.com") or "file". */
function importName(name: string, url: string | null): string {
  if (name) return name;
  if (url) return new URL(url).hostname.replace(/^www\./, "");
  return "";
}

/**
 * Adds an import by URL and reads it at once. A URL that cannot be read now is refused (400,
 * nothing written), so the host fixes it while still at the form.
 */
export async function addUrlImport(
  db: Database,
  cooperativeId: number,
  stayId: number,
  unitId: number,
  input: { name: string; url: string },
  { now = new Date(), fetchOptions }: { now?: Date; fetchOptions?: FetchOptions } = {},
): Promise<number> {
  const id = await roomOf(db, cooperativeId, stayId, unitId);
  const ranges = await readOrRefuse(() => fetchCalendarText(input.url, fetchOptions), todayInShanghai(now));
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(unitCalendarImports)
      .values({ unitId: id, url: input.url, name: importName(input.name, input.url) })
      .returning({ id: unitCalendarImports.id, unitId: unitCalendarImports.unitId, name: unitCalendarImports.name });
    await writeRanges(tx, row!, ranges, now);
    return row!.id;
  });
}

/** A new file import, or a new version of an existing file import's file (replacing its dates). */
export async function importCalendarFile(
  db: Database,
  cooperativeId: number,
  stayId: number,
  unitId: number,
  input: { name: string; importId?: number; file: Uint8Array },
  { now = new Date() }: { now?: Date } = {},
): Promise<number> {
  const id = await roomOf(db, cooperativeId, stayId, unitId);
  const ranges = await readOrRefuse(async () => new TextDecoder("utf-8").decode(input.file), todayInShanghai(now));
  return db.transaction(async (tx) => {
    if (input.importId !== undefined) {
      const existing = await importOf(tx, cooperativeId, stayId, unitId, input.importId, { lock: true });
      if (existing.url !== null) listingNotFound();
      if (input.name) await tx.update(unitCalendarImports).set({ name: input.name }).where(eq(unitCalendarImports.id, existing.id));
      await writeRanges(tx, { ...existing, name: input.name || existing.name }, ranges, now);
      return existing.id;
    }
    const [row] = await tx
      .insert(unitCalendarImports)
      .values({ unitId: id, url: null, name: importName(input.name, null) })
      .returning({ id: unitCalendarImports.id, unitId: unitCalendarImports.unitId, name: unitCalendarImports.name });
    await writeRanges(tx, row!, ranges, now);
    return row!.id;
  });
}

async function readOrRefuse(read: () => Promise<string>, today: string): Promise<BusyRange[]> {
  try {
    return busyRanges(await read(), today);
  } catch (error) {
    // "http:404" reads as the key hostBookings.importError.http with n = 404 (see formMessage).
    if (error instanceof CalendarImportError) throw new ListingError(400, `hostBookings.importError.${error.code}`);
    throw error;
  }
}

export type SyncOutcome = { ok: true } | { ok: false; code: ImportErrorCode };

/**
 * Re-reads a URL import now (the import row is locked while it is read, so two syncs of one
 * import queue up). A failure keeps the previous dates and records last_error.
 */
export async function syncImportNow(
  db: Database,
  cooperativeId: number,
  stayId: number,
  unitId: number,
  importId: number,
  { now = new Date(), fetchOptions }: { now?: Date; fetchOptions?: FetchOptions } = {},
): Promise<SyncOutcome> {
  return db.transaction(async (tx) => {
    const imp = await importOf(tx, cooperativeId, stayId, unitId, importId, { lock: true });
    if (imp.url === null) throw new ListingError(409, "hostBookings.importError.fileNoSync");
    return syncLocked(tx, { ...imp, url: imp.url }, now, fetchOptions);
  });
}

async function syncLocked(tx: Tx, imp: { id: number; unitId: number; url: string; name: string }, now: Date, fetchOptions?: FetchOptions): Promise<SyncOutcome> {
  try {
    const ranges = busyRanges(await fetchCalendarText(imp.url, fetchOptions), todayInShanghai(now));
    await writeRanges(tx, imp, ranges, now);
    return { ok: true };
  } catch (error) {
    if (!(error instanceof CalendarImportError)) throw error;
    await tx.update(unitCalendarImports).set({ lastError: error.code, updatedAt: now }).where(eq(unitCalendarImports.id, imp.id));
    return { ok: false, code: error.code };
  }
}

/** Deletes an import; its blackouts go with it (ON DELETE CASCADE). */
export async function deleteImport(db: Database, cooperativeId: number, stayId: number, unitId: number, importId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const imp = await importOf(tx, cooperativeId, stayId, unitId, importId, { lock: true });
    await tx.delete(unitCalendarImports).where(eq(unitCalendarImports.id, imp.id));
  });
}

/**
 * The periodic re-read: every URL import whose last attempt (updated_at, touched by every read,
 * good or failed) is more than an hour old. Each import is taken with FOR UPDATE SKIP LOCKED in
 * its own transaction, so any number of app instances can run this at once and each import is
 * read by one of them. Returns how many were read and how many failed.
 */
export async function syncCalendarImports(db: Database, now: Date, fetchOptions?: FetchOptions): Promise<{ synced: number; failed: number }> {
  const due = new Date(now.getTime() - RESYNC_AFTER_MS);
  const candidates = await db
    .select({ id: unitCalendarImports.id })
    .from(unitCalendarImports)
    .where(and(isNotNull(unitCalendarImports.url), lt(unitCalendarImports.updatedAt, due)))
    .orderBy(asc(unitCalendarImports.updatedAt))
    .limit(SYNC_BATCH);
  let synced = 0;
  let failed = 0;
  for (const { id } of candidates) {
    const outcome = await db.transaction(async (tx) => {
      const [imp] = await tx
        .select({ id: unitCalendarImports.id, unitId: unitCalendarImports.unitId, url: unitCalendarImports.url, name: unitCalendarImports.name })
        .from(unitCalendarImports)
        .innerJoin(stayUnits, eq(stayUnits.id, unitCalendarImports.unitId))
        .where(and(eq(unitCalendarImports.id, id), isNotNull(unitCalendarImports.url), lt(unitCalendarImports.updatedAt, due)))
        .for("update", { of: unitCalendarImports, skipLocked: true });
      if (!imp?.url) return null;
      return syncLocked(tx, { ...imp, url: imp.url }, now, fetchOptions);
    });
    if (outcome?.ok) synced++;
    else if (outcome) failed++;
  }
  return { synced, failed };
}
