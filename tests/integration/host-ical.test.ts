// A room's iCal feed and calendar imports on the real database, with other channels played by a
// local HTTP server on 127.0.0.1: the feed has one all-day event per booking and host closing
// (never the imported ones, never a guest's name), a new secret kills the old URL, imports by
// file or URL replace their dates on every read, and bad calendars (garbage, too big, too slow,
// an error page) are refused or recorded with nothing else changed.
import { once } from "node:events";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, isNull } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stayBookings, stayUnits, unitBlackouts, unitCalendarImports } from "../../db/schema/index";
import { syncCalendarImports } from "~/modules/bookings/ical-import.server";
import { addUrlImport, syncImportNow } from "~/modules/bookings/ical-import.server";
import { ListingError } from "~/modules/seller-listings/errors";
import { type TestDb, openTestDb } from "../setup/db";
import { type HostWorld, book, calendarDigest, day, hostWorld, makeStay } from "./host-support";
import { type Outcome, callAction, callLoader } from "./route-support";

let t: TestDb;
let closeDb: () => Promise<void>;
let feed: typeof import("~/routes/calendars.$file");
let page: typeof import("~/routes/dashboard.stay.room.calendars");
let w: HostWorld;
let server: Server;
let origin = "";
/** What the "other channel" serves at /cal/<name>.ics. */
const served = new Map<string, string>();

const compact = (iso: string) => iso.replaceAll("-", "");

function ics(events: { start: string; end?: string; summary?: string; timed?: boolean }[]): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Other channel//EN"];
  events.forEach((e, i) => {
    lines.push("BEGIN:VEVENT", `UID:other-${i}@example.test`, "DTSTAMP:20260101T000000Z");
    if (e.timed) lines.push(`DTSTART:${e.start}`, `DTEND:${e.end}`);
    else lines.push(`DTSTART;VALUE=DATE:${compact(e.start)}`, ...(e.end ? [`DTEND;VALUE=DATE:${compact(e.end)}`] : []));
    lines.push(`SUMMARY:${e.summary ?? "Reserved"}`, "END:VEVENT");
  });
  lines.push("END:VCALENDAR");
  return lines.join("\r\n");
}

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  feed = await import("~/routes/calendars.$file");
  page = await import("~/routes/dashboard.stay.room.calendars");
  closeDb = (await import("~/utils/db.server")).closeDb;
  w = await hostWorld(t.db);
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    if (path.startsWith("/cal/")) {
      const body = served.get(path.slice(5));
      if (body === undefined) {
        res.writeHead(404).end("not here");
        return;
      }
      res.writeHead(200, { "Content-Type": "text/calendar" }).end(body);
    } else if (path === "/moved") {
      res.writeHead(302, { Location: "/cal/main.ics" }).end();
    } else if (path === "/slow") {
      // Answers nothing: the importer gives up.
      req.on("close", () => res.destroy());
    } else if (path === "/big") {
      res.writeHead(200, { "Content-Type": "text/calendar", "Content-Length": String(2 * 1024 * 1024) });
      res.end("X".repeat(2 * 1024 * 1024));
    } else if (path === "/endless") {
      // No Content-Length: the importer counts the bytes itself.
      res.writeHead(200, { "Content-Type": "text/calendar" });
      const chunk = "BEGIN:VCALENDAR\r\n".repeat(4096);
      let sent = 0;
      const push = () => {
        while (sent < 3 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", push);
        }
        res.end();
      };
      res.on("error", () => undefined);
      push();
    } else res.writeHead(500).end("boom");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await closeDb();
  await t.close();
});

async function tokenOf(unitId: number) {
  return (await t.db.select({ token: stayUnits.icalToken }).from(stayUnits).where(eq(stayUnits.id, unitId)))[0]!.token;
}

const getFeed = (file: string) => callLoader(feed, `/calendars/${file}`, { params: { file } });

/** The feed's events as [DTSTART, DTEND, SUMMARY, UID], read with ical.js. */
function events(body: string): [string, string, string, string][] {
  const root = new ICAL.Component(ICAL.parse(body) as never);
  return root.getAllSubcomponents("vevent").map((v) => {
    const start = v.getFirstProperty("dtstart")!;
    const end = v.getFirstProperty("dtend")!;
    expect(start.type).toBe("date");
    expect(end.type).toBe("date");
    return [String(start.getFirstValue()), String(end.getFirstValue()), String(v.getFirstPropertyValue("summary")), String(v.getFirstPropertyValue("uid"))];
  });
}

function calendarsOf(stayId: number, unitId: number) {
  const url = `/dashboard/stays/${stayId}/rooms/${unitId}/calendars`;
  const params = { stayId: String(stayId), unitId: String(unitId) };
  return {
    load: (cookie = w.cookie.owner) => callLoader(page, url, { cookie, params }),
    post: (form: Record<string, string> | FormData, cookie = w.cookie.owner) => callAction(page, url, { cookie, params, form }),
  };
}

function upload(text: string | Uint8Array, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set("intent", "upload");
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("file", new File([typeof text === "string" ? text : new Uint8Array(text)], "other.ics", { type: "text/calendar" }));
  return form;
}

const importedOf = async (unitId: number) =>
  (await t.db.select().from(unitBlackouts).where(eq(unitBlackouts.unitId, unitId)).orderBy(unitBlackouts.startDate))
    .filter((b) => b.importId !== null)
    .map((b) => [b.startDate, b.endDate]);

const formError = (o: Outcome) => (o.body as { result: { error: Record<string, string[]> } }).result.error;

describe("the room's iCal feed", () => {
  it("has one all-day event per held/confirmed booking and host closing, back to back, no imported dates, no guest data", async () => {
    const { units } = await makeStay(t.db, w.coopA, w.villageId);
    const unitId = units[0]!.id;
    const a = await book(t.db, w.coopA, unitId, day(10), day(12), { name: "王小明" });
    const b = await book(t.db, w.coopA, unitId, day(12), day(13), { status: "held", name: "王小明" });
    const gone = await book(t.db, w.coopA, unitId, day(15), day(16));
    await t.db.update(stayBookings).set({ status: "cancelled" }).where(eq(stayBookings.id, gone.bookingId));
    const [closing] = await t.db.insert(unitBlackouts).values({ unitId, startDate: day(20), endDate: day(22), reason: "家人来住" }).returning();
    const [imp] = await t.db.insert(unitCalendarImports).values({ unitId, url: null, name: "Airbnb" }).returning();
    await t.db.insert(unitBlackouts).values({ unitId, startDate: day(30), endDate: day(31), importId: imp!.id });

    const out = await getFeed(`${await tokenOf(unitId)}.ics`);
    expect(out.status).toBe(200);
    expect(out.headers.get("Content-Type")).toMatch(/^text\/calendar/);
    expect(out.headers.get("Cache-Control")).toBe("private, max-age=300");
    const body = String(out.body);
    expect(body).not.toMatch(/王小明|家人来住|Airbnb|13800138000/);
    const list = events(body);
    expect(list.map(([s, e, summary]) => [s, e, summary])).toEqual([
      [day(10), day(12), "已预订 / Booked"],
      [day(12), day(13), "已预订 / Booked"],
      [day(20), day(22), "不可预订 / Not available"],
    ]);
    expect(list.map(([, , , uid]) => uid)).toEqual([`booking-${a.bookingId}@xiangji.calendar`, `booking-${b.bookingId}@xiangji.calendar`, `closed-${closing!.id}@xiangji.calendar`]);
    expect(body).toContain(`DTSTART;VALUE=DATE:${compact(day(10))}`);
    // The same UIDs on every read, so other channels update events instead of adding new ones.
    expect(events(String((await getFeed(`${await tokenOf(unitId)}.ics`)).body)).map((e) => e[3])).toEqual(list.map((e) => e[3]));
  });

  it("answers 404 for an unknown or malformed token, and for the old URL once an owner makes a new one (staff may not)", async () => {
    const { stay, units } = await makeStay(t.db, w.coopA, w.villageId);
    const unitId = units[0]!.id;
    const old = await tokenOf(unitId);
    for (const file of ["nothing.ics", `${old}.ical`, old, `${old.toUpperCase()}.ics`, `${"0".repeat(32)}.ics`, `${old}x.ics`, "../etc/passwd"]) {
      expect((await getFeed(file)).status, file).toBe(404);
    }
    const room = calendarsOf(stay.id, unitId);
    const loaded = await room.load(w.cookie.staff);
    expect(loaded.status).toBe(200);
    expect((loaded.body as { feedUrl: string }).feedUrl).toBe(`http://test.local/calendars/${old}.ics`);
    expect((await room.post({ intent: "regenerate" }, w.cookie.staff)).status).toBe(403);
    expect(await tokenOf(unitId)).toBe(old);
    const out = await room.post({ intent: "regenerate" });
    expect(out.status).toBe(200);
    const fresh = await tokenOf(unitId);
    expect(fresh).not.toBe(old);
    expect(fresh).toMatch(/^[0-9a-f]{32}$/);
    expect((await getFeed(`${old}.ics`)).status).toBe(404);
    expect((await getFeed(`${fresh}.ics`)).status).toBe(200);
  });

  it("another cooperative's room is 404 on the calendars page, for every action too, and nothing changes", async () => {
    const { stay, units } = await makeStay(t.db, w.coopA, w.villageId);
    served.set("b.ics", ics([{ start: day(5), end: day(6) }]));
    const before = await calendarDigest(t.db, w.coopA);
    const room = calendarsOf(stay.id, units[0]!.id);
    expect((await room.load(w.cookie.memberB)).status).toBe(404);
    const forms: Record<string, string>[] = [{ intent: "regenerate" }, { intent: "add-url", url: `${origin}/cal/b.ics` }, { intent: "sync", importId: "1" }, { intent: "delete-import", importId: "1" }];
    for (const form of forms) {
      expect((await room.post(form, w.cookie.memberB)).status, form.intent).toBe(404);
    }
    expect((await room.post(upload(ics([{ start: day(5), end: day(6) }])), w.cookie.memberB)).status).toBe(404);
    expect(await calendarDigest(t.db, w.coopA)).toBe(before);
  });
});

describe("importing a calendar file", () => {
  it("closes the file's busy nights, replaces them with a new version, and goes with the import", async () => {
    const { stay, units } = await makeStay(t.db, w.coopA, w.villageId);
    const unitId = units[0]!.id;
    const room = calendarsOf(stay.id, unitId);
    const first = await room.post(
      upload(
        ics([
          { start: day(3), end: day(5) },
          { start: day(4), end: day(7) }, // overlaps: one closing
          { start: day(9) }, // no DTEND: one night
          { start: day(-10), end: day(-5) }, // past: ignored
          { start: day(900), end: day(905) }, // beyond two years: ignored
        ]),
        { name: "Booking.com" },
      ),
      w.cookie.staff,
    );
    expect(first.status).toBe(200);
    expect(await importedOf(unitId)).toEqual([
      [day(3), day(7)],
      [day(9), day(10)],
    ]);
    const [imp] = await t.db.select().from(unitCalendarImports).where(eq(unitCalendarImports.unitId, unitId));
    expect(imp).toMatchObject({ url: null, name: "Booking.com", lastError: null });
    expect(imp!.lastSyncedAt).not.toBeNull();
    // A new version of the file replaces the dates of that import.
    expect((await room.post(upload(ics([{ start: day(20), end: day(21) }]), { importId: String(imp!.id) }))).status).toBe(200);
    expect(await importedOf(unitId)).toEqual([[day(20), day(21)]]);
    const listed = (await room.load()).body as { imports: { id: number; nights: number; url: string | null }[] };
    expect(listed.imports).toEqual([expect.objectContaining({ id: imp!.id, nights: 1, url: null })]);
    // A file import has nothing to re-read by itself.
    expect((await room.post({ intent: "sync", importId: String(imp!.id) })).status).toBe(409);
    expect((await room.post({ intent: "delete-import", importId: String(imp!.id) })).status).toBe(200);
    expect(await importedOf(unitId)).toEqual([]);
  });

  it("garbage, an empty or missing file and a file over 1 MB are refused, and nothing is written", async () => {
    const { stay, units } = await makeStay(t.db, w.coopA, w.villageId);
    const room = calendarsOf(stay.id, units[0]!.id);
    const before = await calendarDigest(t.db, w.coopA);
    const garbage = await room.post(upload("name,date\nAirbnb,2027-05-01\n"));
    expect(garbage.status).toBe(400);
    expect(formError(garbage)[""]).toEqual(["hostBookings.importError.not_ical"]);
    expect((await room.post(upload("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:tomorrow\r\nEND:VEVENT\r\nEND:VCALENDAR"))).status).toBe(400);
    expect((await room.post(upload(new Uint8Array([0xff, 0xfe, 0x00, 0x01, 0x02])))).status).toBe(400);
    const empty = await room.post(upload(""));
    expect(empty.status).toBe(400);
    expect(formError(empty).file).toEqual(["hostBookings.importError.no_file"]);
    const big = await room.post(upload(`BEGIN:VCALENDAR\r\n${"X".repeat(1024 * 1024)}\r\nEND:VCALENDAR`));
    expect(big.status).toBe(413);
    // Someone else's import id as "the new version of": not found.
    const { units: bUnits } = await makeStay(t.db, w.coopB, w.villageId);
    const [theirs] = await t.db.insert(unitCalendarImports).values({ unitId: bUnits[0]!.id, url: null, name: "B" }).returning();
    expect((await room.post(upload(ics([{ start: day(2), end: day(3) }]), { importId: String(theirs!.id) }))).status).toBe(404);
    expect(await calendarDigest(t.db, w.coopA)).toBe(before);
  });

  it("a busy date over a confirmed booking is still written: the booking stands, the calendar shows the conflict", async () => {
    const { stay, units } = await makeStay(t.db, w.coopA, w.villageId);
    const unitId = units[0]!.id;
    await book(t.db, w.coopA, unitId, day(40), day(42));
    expect((await calendarsOf(stay.id, unitId).post(upload(ics([{ start: day(41), end: day(43) }])))).status).toBe(200);
    expect(await importedOf(unitId)).toEqual([[day(41), day(43)]]);
    expect((await t.db.select().from(stayBookings).where(eq(stayBookings.unitId, unitId)))[0]!.status).toBe("confirmed");
  });
});

describe("importing a calendar URL", () => {
  it("reads the URL when added, re-reads it on 'sync now' (replacing its dates), follows a redirect, and keeps the old dates when a read fails", async () => {
    const { stay, units } = await makeStay(t.db, w.coopA, w.villageId);
    const unitId = units[0]!.id;
    const room = calendarsOf(stay.id, unitId);
    served.set("main.ics", ics([{ start: day(5), end: day(7) }, { start: `${compact(day(11))}T070000Z`, end: `${compact(day(13))}T030000Z`, timed: true }]));
    const added = await room.post({ intent: "add-url", url: `${origin}/moved` });
    expect(added.status).toBe(200);
    expect(await importedOf(unitId)).toEqual([
      [day(5), day(7)],
      [day(11), day(13)],
    ]);
    const [imp] = await t.db.select().from(unitCalendarImports).where(eq(unitCalendarImports.unitId, unitId));
    expect(imp).toMatchObject({ url: `${origin}/moved`, name: "127.0.0.1", lastError: null });

    served.set("main.ics", ics([{ start: day(8), end: day(9) }]));
    expect((await room.post({ intent: "sync", importId: String(imp!.id) })).status).toBe(200);
    expect(await importedOf(unitId)).toEqual([[day(8), day(9)]]);

    const [synced] = await t.db.select().from(unitCalendarImports).where(eq(unitCalendarImports.id, imp!.id));
    served.set("main.ics", "<html>Maintenance</html>");
    const failed = await room.post({ intent: "sync", importId: String(imp!.id) });
    expect(failed.status).toBe(422);
    expect(formError(failed)[""]).toEqual(["hostBookings.importError.not_ical"]);
    expect(await importedOf(unitId)).toEqual([[day(8), day(9)]]);
    const [after] = await t.db.select().from(unitCalendarImports).where(eq(unitCalendarImports.id, imp!.id));
    expect(after!.lastError).toBe("not_ical");
    expect(after!.lastSyncedAt).toEqual(synced!.lastSyncedAt);
    // Fixed at the other end: the next read clears the error.
    served.set("main.ics", ics([]));
    expect((await room.post({ intent: "sync", importId: String(imp!.id) })).status).toBe(200);
    expect(await importedOf(unitId)).toEqual([]);
    expect((await t.db.select().from(unitCalendarImports).where(eq(unitCalendarImports.id, imp!.id)))[0]!.lastError).toBeNull();
  });

  it("refuses a URL it cannot read when it is added (400, nothing written): garbage, an error page, too big, not http", async () => {
    const { stay, units } = await makeStay(t.db, w.coopA, w.villageId);
    const room = calendarsOf(stay.id, units[0]!.id);
    served.set("garbage.ics", "just some text");
    const before = await calendarDigest(t.db, w.coopA);
    const cases: [string, number, string][] = [
      [`${origin}/cal/garbage.ics`, 400, "hostBookings.importError.not_ical"],
      [`${origin}/cal/missing.ics`, 400, "hostBookings.importError.http:404"],
      [`${origin}/error`, 400, "hostBookings.importError.http:500"],
      [`${origin}/big`, 400, "hostBookings.importError.too_large"],
      [`${origin}/endless`, 400, "hostBookings.importError.too_large"],
      ["http://127.0.0.1:1/cal.ics", 400, "hostBookings.importError.network"],
    ];
    for (const [url, status, message] of cases) {
      const out = await room.post({ intent: "add-url", url });
      expect(out.status, url).toBe(status);
      expect(formError(out)[""], url).toEqual([message]);
    }
    for (const url of ["ftp://example.test/cal.ics", "javascript:alert(1)", "not a url", "", "file:///etc/passwd"]) {
      const out = await room.post({ intent: "add-url", url });
      expect(out.status, url).toBe(400);
    }
    expect(await calendarDigest(t.db, w.coopA)).toBe(before);
  });

  it("gives up on a calendar that does not answer in time (timeout), and refuses private addresses when told to", async () => {
    const { stay, units } = await makeStay(t.db, w.coopA, w.villageId);
    const before = await calendarDigest(t.db, w.coopA);
    const slow = addUrlImport(t.db, w.coopA, stay.id, units[0]!.id, { name: "", url: `${origin}/slow` }, { fetchOptions: { timeoutMs: 300 } });
    await expect(slow).rejects.toMatchObject({ status: 400, messageKey: "hostBookings.importError.timeout" });
    await expect(
      addUrlImport(t.db, w.coopA, stay.id, units[0]!.id, { name: "", url: `${origin}/cal/main.ics` }, { fetchOptions: { allowPrivateHosts: false } }),
    ).rejects.toBeInstanceOf(ListingError);
    await expect(
      addUrlImport(t.db, w.coopA, stay.id, units[0]!.id, { name: "", url: "http://[::1]:9/x.ics" }, { fetchOptions: { allowPrivateHosts: false } }),
    ).rejects.toMatchObject({ messageKey: "hostBookings.importError.private_host" });
    expect(await calendarDigest(t.db, w.coopA)).toBe(before);
    // A sync that times out records it and keeps the dates.
    served.set("later.ics", ics([{ start: day(2), end: day(3) }]));
    const id = await addUrlImport(t.db, w.coopA, stay.id, units[0]!.id, { name: "later", url: `${origin}/cal/later.ics` });
    await t.db.update(unitCalendarImports).set({ url: `${origin}/slow` }).where(eq(unitCalendarImports.id, id));
    const outcome = await syncImportNow(t.db, w.coopA, stay.id, units[0]!.id, id, { fetchOptions: { timeoutMs: 300 } });
    expect(outcome).toEqual({ ok: false, code: "timeout" });
    expect(await importedOf(units[0]!.id)).toEqual([[day(2), day(3)]]);
  });
});

describe("the periodic re-read (syncCalendarImports)", () => {
  it("re-reads URL imports not read for an hour, skips recent ones, files and ones another worker holds", async () => {
    const { units } = await makeStay(t.db, w.coopA, w.villageId, 4);
    const [due, recent, locked, file] = units.map((u) => u.id) as [number, number, number, number];
    served.set("due.ics", ics([{ start: day(4), end: day(5) }]));
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    const rows = await t.db
      .insert(unitCalendarImports)
      .values([
        { unitId: due, url: `${origin}/cal/due.ics`, name: "due", updatedAt: hoursAgo(2) },
        { unitId: recent, url: `${origin}/cal/due.ics`, name: "recent", updatedAt: hoursAgo(0.5) },
        { unitId: locked, url: `${origin}/cal/due.ics`, name: "locked", updatedAt: hoursAgo(3) },
        { unitId: file, url: null, name: "file", updatedAt: hoursAgo(5) },
      ])
      .returning();
    const lockedId = rows[2]!.id;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let lockTaken = () => {};
    const taken = new Promise<void>((resolve) => (lockTaken = resolve));
    const holder = t.db.transaction(async (tx) => {
      await tx.select().from(unitCalendarImports).where(eq(unitCalendarImports.id, lockedId)).for("update");
      lockTaken();
      await held;
    });
    await taken;
    const result = await syncCalendarImports(t.db, new Date());
    release();
    await holder;
    expect(result.failed).toBe(0);
    expect(result.synced).toBeGreaterThanOrEqual(1);
    expect(await importedOf(due)).toEqual([[day(4), day(5)]]);
    expect(await importedOf(recent)).toEqual([]);
    expect(await importedOf(locked)).toEqual([]);
    expect(await importedOf(file)).toEqual([]);
    // Read once: the next run within the hour leaves it alone.
    served.set("due.ics", ics([{ start: day(6), end: day(7) }]));
    await syncCalendarImports(t.db, new Date());
    expect(await importedOf(due)).toEqual([[day(4), day(5)]]);
    // A failing URL is tried again only after another hour, and says why.
    await t.db.update(unitCalendarImports).set({ url: `${origin}/cal/gone.ics`, updatedAt: hoursAgo(2) }).where(eq(unitCalendarImports.id, rows[0]!.id));
    const second = await syncCalendarImports(t.db, new Date());
    expect(second.failed).toBeGreaterThanOrEqual(1);
    const [after] = await t.db.select().from(unitCalendarImports).where(eq(unitCalendarImports.id, rows[0]!.id));
    expect(after!.lastError).toBe("http:404");
    expect(await importedOf(due)).toEqual([[day(4), day(5)]]);
    expect(await t.db.select().from(unitBlackouts).where(and(eq(unitBlackouts.unitId, due), isNull(unitBlackouts.importId)))).toEqual([]);
  });
});
