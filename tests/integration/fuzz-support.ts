// The fuzzer: every route of app/routes.ts that takes writes (its module exports `action`) and
// every JSON API endpoint, called the way Remix calls them, as the person each one is for, with
// malformed requests from a seeded generator. A request fails the run when it gets a 5xx, when
// the route throws anything but a Response, or when a refused request (≥ 400) changed a row.
// A route with an action and no profile (fuzz-profiles.ts) fails the run too, so a new route is
// not missed. Replay a reported failure with FUZZ_SEED=<its seed>.
import { createHmac } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { FAMILIES, type Fields, type Random, VALUES, hostileBody, hostileFile, mutateFields, multipart, seededRandom, urlencoded } from "./fuzz-payloads";
import { BASES, type FuzzRoute, type Profile, profileOf } from "./fuzz-profiles";
import { type Role, WEBHOOK_SECRET, type World, changedTables, fingerprint } from "./fuzz-world";
import { ORIGIN } from "./route-support";

export { profileOf };

export const SEED = Number(process.env.FUZZ_SEED ?? 20261206);

type RouteEntry = { id?: string; file: string; path?: string; index?: boolean; children?: RouteEntry[] };
type Module = { loader?: (args: never) => unknown; action?: (args: never) => unknown };

/** The Chinese tree of app/routes.ts and the routes outside the language trees, with their modules. */
export async function fuzzRoutes(): Promise<FuzzRoute[]> {
  const { default: routes } = (await import("~/routes")) as { default: RouteEntry[] };
  const flat: { file: string; pattern: string }[] = [];
  const walk = (entries: RouteEntry[], base: string) => {
    for (const r of entries) {
      const pattern = r.index ? base : `${base}/${r.path ?? ""}`.replace(/\/+/g, "/").replace(/\/$/, "");
      if (!r.id?.startsWith("en:")) flat.push({ file: r.file, pattern: pattern || "/" });
      if (r.children) walk(r.children, pattern);
    }
  };
  walk(routes, "");
  const out: FuzzRoute[] = [];
  for (const r of flat) {
    const mod = await loadModule(r.file);
    const isApi = r.pattern.startsWith("/api/");
    if (mod.action || isApi) out.push({ ...r, hasAction: !!mod.action, hasLoader: !!mod.loader, api: isApi });
  }
  return out;
}

export const loadModule = (file: string) => import(/* @vite-ignore */ `~/${file.replace(/\.tsx?$/, "")}`) as Promise<Module>;

// ---------------------------------------------------------------- what a plausible request looks like

/** The module and the files it imports from ~/modules and ~/components (and their ./ siblings). */
async function sourcesOf(file: string): Promise<string> {
  const seen = new Set<string>();
  const read = async (abs: string, depth: number): Promise<string> => {
    for (const candidate of [abs, `${abs}.ts`, `${abs}.tsx`, path.join(abs, "index.ts")]) {
      if (seen.has(candidate)) return "";
      const text = await readFile(candidate, "utf8").catch(() => null);
      if (text === null) continue;
      seen.add(candidate);
      if (depth === 0) return text;
      const imports = [...text.matchAll(/from\s+["'](~\/(?:modules|components)\/[^"']+|\.\.?\/[^"']+)["']/g)].map((m) => m[1]!);
      const nested = await Promise.all(
        imports.map((spec) => read(spec.startsWith("~/") ? path.resolve("app", spec.slice(2)) : path.resolve(path.dirname(candidate), spec), depth - 1)),
      );
      return [text, ...nested].join("\n");
    }
    return "";
  };
  return read(path.resolve("app", file), 2);
}

const NOT_FIELDS = new Set(["message", "path", "headers", "status", "code", "default", "error", "errorMap", "schema", "init", "params", "request", "context", "key", "id", "className", "children", "type", "data", "result", "form", "to", "href", "value", "label"]);

/** Field names a route reads: form inputs, `formData.get(…)`, the keys of its Zod schemas. */
export async function fieldsOf(file: string): Promise<{ fields: string[]; intents: string[] }> {
  const source = await sourcesOf(file);
  const fields = new Set<string>();
  for (const m of source.matchAll(/\bname(?:=|:\s*)["']([A-Za-z][\w.]*)["']/g)) fields.add(m[1]!);
  for (const m of source.matchAll(/\.get(?:All)?\(["']([A-Za-z]\w*)["']\)/g)) fields.add(m[1]!);
  for (const m of source.matchAll(/^\s*([a-z][A-Za-z0-9]*):\s*(?:z\.|[a-z][A-Za-z]*\()/gm)) fields.add(m[1]!);
  const own = await readFile(path.resolve("app", file), "utf8");
  const intents = new Set<string>();
  for (const m of own.matchAll(/intent(?:=|:\s*|\s*===\s*)["'`]([a-z][a-z0-9-_]*)["'`]/gi)) intents.add(m[1]!);
  for (const m of own.matchAll(/case ["']([a-z][a-z0-9-_]*)["']:/g)) intents.add(m[1]!);
  for (const m of source.matchAll(/z\.literal\(["']([a-z][a-z0-9-_]*)["']\)/g)) intents.add(m[1]!);
  fields.delete("intent");
  return { fields: [...fields].filter((f) => !NOT_FIELDS.has(f)).slice(0, 40), intents: [...intents] };
}

/** A plausible value for a field, by its name (so that one hostile field reaches deep code). */
export function plausible(name: string, ids: Record<string, string>): string {
  if (ids[name] !== undefined) return ids[name]!;
  if (/email/i.test(name)) return "fuzz@example.com";
  if (/password/i.test(name)) return "correct-horse-battery-9";
  if (/startsAt|time/i.test(name)) return "2030-05-01T09:00";
  if (/date|night|checkIn|checkOut|^from$|^to$/i.test(name)) return /last|end|out|^to$/i.test(name) ? "2030-05-03" : "2030-05-01";
  if (/url/i.test(name)) return "https://calendar.example.test/b.ics";
  if (/price|yuan|amount|fee|shipping/i.test(name)) return "100";
  if (/stock|quantity|qty|guests|people|capacity|count|minutes|nights|delta|position|age|max|min/i.test(name)) return "2";
  if (/Id$/.test(name)) return "1";
  if (/phone/i.test(name)) return "13812345678";
  if (/lang|locale/i.test(name)) return "zh";
  if (/En$/.test(name)) return "Tea";
  return "白茶";
}

// ---------------------------------------------------------------- sending

export type FuzzRequest = {
  index: number;
  route: string;
  role: Role;
  method: string;
  url: string;
  params: Record<string, string>;
  label: string;
  contentType: string | null;
  body: BodyInit | null;
  headers: Record<string, string>;
  clientIp: string;
};
export type Result = { status: number; threw?: string };

/** A URL and params for the pattern; sometimes one param is hostile. */
function fillPattern(r: Random, pattern: string, ids: Record<string, string>): { url: string; params: Record<string, string>; did: string[] } {
  const params: Record<string, string> = {};
  const did: string[] = [];
  const names = [...pattern.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  const hostile = names.length && r.chance(0.12) ? r.pick(names) : null;
  const url = pattern.replace(/:([A-Za-z]+)/g, (_m, name: string, offset: number) => {
    const before = pattern.slice(0, offset);
    let value =
      name === "slug" ? (before.includes("/stays") ? ids.staySlug! : before.includes("/experiences") ? ids.experienceSlug! : ids.productSlug!) :
      name === "file" ? "nope.ics" :
      (ids[name] ?? "1");
    if (name === hostile) {
      const family = r.pick(FAMILIES);
      value = r.pick(VALUES[family]!);
      did.push(`:${name}=${family}`);
    }
    params[name] = value;
    return encodeSegment(value);
  });
  return { url: url.replace(/\/\*$/, "/x"), params, did };
}

function relabel(r: Random, file: File): File {
  const [name, type] = r.pick([["a.png", "image/png"], ["a.csv", "text/csv"], ["a.ics", "text/calendar"], ["a", ""], ["a.html", "text/html"], ["a.exe", "application/octet-stream"]] as const);
  return new File([file], name, { type });
}

function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80"; // a lone surrogate, as a browser would percent-encode its replacement
  }
}

function toJsonValue(v: unknown, ids: Record<string, string>): unknown {
  if (typeof v === "string" && v.startsWith("$")) {
    const id = ids[v.slice(1)]!;
    return /^\d+$/.test(id) ? Number(id) : id;
  }
  if (v && typeof v === "object" && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJsonValue(x, ids)]));
  return v;
}

/** Stripe's signature of the body (so that a hostile payload gets past the signature check). */
function signed(r: Random, req: FuzzRequest): FuzzRequest {
  if (req.route !== "/webhooks/stripe" || !r.chance(0.75)) return req;
  const bytes = typeof req.body === "string" ? Buffer.from(req.body) : req.body instanceof Uint8Array ? Buffer.from(req.body) : null;
  if (!bytes) return req;
  return { ...req, headers: { ...req.headers, "Stripe-Signature": stripeSignature(bytes, r.chance(0.1) ? 3600 : 0) }, label: `${req.label} signed` };
}

/** A Stripe-Signature header for the body with the world's webhook secret (`ageSeconds` old). */
export function stripeSignature(body: Buffer | string, ageSeconds = 0): string {
  const t = Math.floor(Date.now() / 1000) - ageSeconds;
  return `t=${t},v1=${createHmac("sha256", WEBHOOK_SECRET).update(`${t}.`).update(body).digest("hex")}`;
}

/** One malformed request for the route, as `role`. */
async function makeOne(r: Random, index: number, route: FuzzRoute, profile: Profile, role: Role, ids: Record<string, string>): Promise<FuzzRequest> {
  const filled = fillPattern(r, route.pattern, ids);
  const { params, did } = filled;
  const url = filled.url + (profile.query ?? "").replace(/\$(\w+)/g, (_m, name: string) => encodeURIComponent(ids[name] ?? ""));
  const clientIp = `10.${r.int(256)}.${r.int(256)}.${1 + r.int(254)}`;
  const maxBytes = 9 * 1024 * 1024;
  const base: FuzzRequest = { index, route: route.pattern, role, method: "POST", url, params, label: "", contentType: null, body: null, headers: {}, clientIp };
  if (route.api || profile.json) {
    if (/orders/.test(route.pattern)) {
      base.headers.Authorization = r.chance(0.8) ? `Bearer ${ids.accessToken}` : r.pick(["Bearer ", "Basic x", `Bearer ${"A".repeat(10_000)}`, "Bearer \u00ff\u00fe"]);
    }
    const source = await readFile(path.resolve("app", route.file), "utf8");
    const allow = /const ALLOW = \[([^\]]*)\]/.exec(source)?.[1]?.match(/[A-Z]+/g) ?? (/action = (methodNotAllowed|noSuchEndpoint)/.test(source) ? [] : ["POST"]);
    const useLoader = route.hasLoader && (!route.hasAction || r.chance(allow.length ? 0.15 : 0.85));
    if (useLoader) {
      const q = new URLSearchParams();
      const { fields } = await fieldsOf(route.file);
      for (const name of [...new Set(["q", "lang", "page", "limit", ...fields]), r.pick(["x", "__proto__", "q[]"])]) {
        if (r.chance(0.4)) q.append(name, r.chance(0.7) ? r.pick(VALUES[r.pick(FAMILIES)]!) : plausible(name, ids));
      }
      return { ...base, method: r.pick(["GET", "GET", "HEAD"]), url: `${url}${url.includes("?") ? "&" : "?"}${q}`, label: `query ${[...q.keys()].join(",")} ${did.join(" ")}` };
    }
    const method = allow.length && r.chance(0.85) ? r.pick(allow) : r.pick(["POST", "PATCH", "PUT", "DELETE", "OPTIONS"]);
    const json = toJsonValue(r.pick(profile.json ?? [{}]), ids) as Record<string, unknown>;
    const flat: Fields = Object.entries(json).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]);
    if (r.chance(0.5)) {
      // The JSON shape kept, one value hostile (of the wrong type, or a hostile string).
      // Nested objects too (the address of a checkout, the object of a Stripe event).
      const mutated = structuredClone(json);
      let target = mutated;
      const at: string[] = [];
      for (;;) {
        const keys = Object.keys(target);
        const key = keys.length && r.chance(0.8) ? r.pick(keys) : r.pick(["extra", "__proto__", "kind", "quantity", "id"]);
        // Own keys only: walking into `__proto__` would pollute this process's Object.prototype.
        const inner = Object.hasOwn(target, key) ? target[key] : undefined;
        if (inner && typeof inner === "object" && !Array.isArray(inner) && r.chance(0.6)) {
          target = inner as Record<string, unknown>;
          at.push(key);
          continue;
        }
        Object.defineProperty(target, key, { enumerable: true, writable: true, configurable: true, value: r.chance(0.4) ? r.pick([1.5, -1, 0, 1e308, 2 ** 53, true, null, [], {}, "1", [1, 2]]) : r.pick(VALUES[r.pick(FAMILIES)]!) });
        at.push(key);
        break;
      }
      return { ...base, method, label: `json ${at.join(".")} ${did.join(" ")}`, contentType: "application/json", body: JSON.stringify(mutated) };
    }
    if (r.chance(0.1)) base.headers["Content-Length"] = r.pick(["99999999999", "-1", "abc", "1e9", "0", "18446744073709551616"]);
    const body = hostileBody(r, flat, { json: true, maxBytes: route.pattern === "/webhooks/stripe" ? 1024 * 1024 : 64 * 1024 });
    return { ...base, method, label: `${body.label} ${did.join(" ")}`, contentType: body.contentType, body: body.body };
  }

  const { fields, intents } = await fieldsOf(route.file);
  const intent = intents.length ? r.pick(intents) : null;
  const plain: Record<string, string> = {};
  if (intent) plain.intent = intent;
  for (const f of fields) plain[f] = plausible(f, ids);
  for (const [f, v] of Object.entries(BASES[route.file] ?? {})) {
    if (v === null) delete plain[f];
    else plain[f] = v.replace(/\$(\w+)/g, (_m, name: string) => (name === "seq" ? String(index) : ids[name]!));
  }
  const mutated = mutateFields(r, plain, r.chance(0.8));
  if (profile.upload && r.chance(0.5)) {
    // The upload itself: a file that lies about itself or is too large, or a good one mislabelled.
    const { intent: uploadIntent, good } = profile.upload;
    const file = r.chance(0.7) ? hostileFile(r, maxBytes) : { label: "good-relabelled", file: relabel(r, good()) };
    const parts: Fields = uploadIntent ? [["intent", uploadIntent]] : [];
    if (r.chance(0.3)) parts.push(...mutated.fields.filter(([n]) => n !== "intent" && n !== "file").slice(0, 4));
    parts.push([r.chance(0.9) ? "file" : r.pick(["files", "File", "file[]"]), file.file]);
    if (r.chance(0.15)) parts.push(["file", good()]);
    return { ...base, label: `upload ${file.label} ${did.join(" ")}`, contentType: null, body: multipart(parts) };
  }
  const roll = r.next();
  if (roll < 0.45) {
    return { ...base, label: `form ${intent ?? ""} ${[...mutated.did, ...did].join(" ")}`, contentType: "application/x-www-form-urlencoded", body: urlencoded(mutated.fields) };
  }
  if (roll < 0.6) {
    // As multipart (what a form with a file input sends), sometimes with a hostile file.
    const extra: Fields = r.chance(0.6) ? [[r.pick(["file", "picture", "image", "csv", ...fields.slice(0, 3)]), hostileFile(r, maxBytes).file]] : [];
    const label = extra.length ? `file ${(extra[0]![1] as File).name}` : "multipart";
    return { ...base, label: `${label} ${intent ?? ""} ${[...mutated.did, ...did].join(" ")}`, contentType: null, body: multipart([...mutated.fields, ...extra]) };
  }
  const body = hostileBody(r, mutated.fields, { json: false, maxBytes: 2 * 1024 * 1024 });
  if (r.chance(0.1)) base.headers["Content-Length"] = r.pick(["99999999999", "-1", "abc", "1e9", "0", "18446744073709551616"]);
  return { ...base, method: r.chance(0.9) ? "POST" : r.pick(["PUT", "PATCH", "DELETE"]), label: `${body.label} ${intent ?? ""} ${did.join(" ")}`, contentType: body.contentType, body: body.body };
}

export async function makeRequest(r: Random, index: number, route: FuzzRoute, profile: Profile, role: Role, ids: Record<string, string>): Promise<FuzzRequest> {
  const req = signed(r, await makeOne(r, index, route, profile, role, ids));
  // Sometimes the cookies themselves are garbage (the session and cart cookies are read first).
  if (r.chance(0.08)) req.headers.Cookie = r.pick(HOSTILE_COOKIES);
  return req;
}

const HOSTILE_COOKIES = [
  "xj_session=%E0%A4%A",
  `xj_session=${"a".repeat(5_000)}`,
  "xj_session=eyJ0b2tlbiI6IngifQ%3D%3D.forged",
  'xj_session="unterminated',
  "xj_session=%00",
  "xj_cart=../../etc; xj_session=",
  "xj_cart=eyJ9.e30%3D.x; xj_cart=second",
  "=; ;; xj_session",
];

/** Calls the module as Remix would (loader for GET/HEAD, action otherwise) and settles the outcome. */
export async function send(mod: Module, req: FuzzRequest, cookie: string | null): Promise<Result> {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie);
  if (req.contentType) headers.set("Content-Type", req.contentType);
  for (const [k, v] of Object.entries(req.headers)) headers.set(k, v);
  const reading = req.method === "GET" || req.method === "HEAD";
  if (!reading && !req.url.startsWith("/api/")) headers.set("Origin", ORIGIN);
  const request = new Request(`${ORIGIN}${req.url}`, { method: req.method, headers, body: reading ? null : req.body, duplex: "half" } as RequestInit);
  const handler = reading ? mod.loader : mod.action;
  if (!handler) return { status: 405 };
  let result: unknown;
  try {
    result = await handler({ request, params: req.params, context: { clientIp: req.clientIp } } as never);
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status };
    if (thrown && typeof thrown === "object" && (thrown as { type?: string }).type === "DataWithResponseInit") {
      return { status: (thrown as { init?: ResponseInit | null }).init?.status ?? 200 };
    }
    return { status: 0, threw: thrown instanceof Error ? `${thrown.name}: ${thrown.message}`.slice(0, 300) : String(thrown) };
  }
  if (result instanceof Response) {
    await result.body?.cancel().catch(() => {});
    return { status: result.status };
  }
  if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
    return { status: (result as { init?: ResponseInit | null }).init?.status ?? 200 };
  }
  return { status: 200 };
}

/** The request as a reader can replay it: seed, index, method, URL, who, headers, body (cut). */
export function describeRequest(req: FuzzRequest): string {
  let body = "";
  if (typeof req.body === "string") body = req.body;
  else if (req.body instanceof Uint8Array) body = `bytes[${Array.from(new Uint8Array(req.body as Uint8Array).slice(0, 40), (b) => b.toString(16)).join(" ")}]`;
  else if (req.body instanceof FormData) body = `multipart{${[...req.body.entries()].map(([k, v]) => `${k}=${typeof v === "string" ? v : `<file ${v.name} ${v.type} ${v.size} B>`}`).join("&")}}`;
  const cut = body.length > 400 ? `${body.slice(0, 400)}…(${body.length} chars)` : body;
  return `seed=${SEED} #${req.index} ${req.role} ${req.method} ${req.url.slice(0, 200)} params=${JSON.stringify(req.params).slice(0, 200)} ip=${req.clientIp} type=${req.contentType} ${Object.keys(req.headers).length ? `headers=${JSON.stringify(req.headers).slice(0, 120)}` : ""} [${req.label.trim()}] body=${JSON.stringify(cut)}`;
}

/**
 * The one refusal that writes on purpose: a calendar sync that the other channel failed (its
 * server is down, its file is broken) answers 422 and records why in the import's last_error,
 * which the host's list shows. The request was fine; the remote calendar was not.
 */
function recordedOnPurpose(req: FuzzRequest, status: number, table: string): boolean {
  return req.route === "/dashboard/stays/:stayId/rooms/:unitId/calendars" && status === 422 && table === "unit_calendar_imports";
}

export type Report = { perRoute: Map<string, number>; statuses: Map<string, Map<number, number>>; failures: string[]; total: number };

/**
 * Sends `perRole` requests per role to each route (the first role gets `perRole[0]`, the others
 * `perRole[1]`), fingerprinting the database after each so a refused request that changed a row
 * is caught with the exact request.
 */
export async function fuzz(world: World, routes: FuzzRoute[], perRole: [number, number], seedOffset: number): Promise<Report> {
  const r = seededRandom(SEED + seedOffset);
  const report: Report = { perRoute: new Map(), statuses: new Map(), failures: [], total: 0 };
  let before = await fingerprint(world.t.db);
  for (const route of routes) {
    const profile = profileOf(route)!;
    const mod = await loadModule(route.file);
    for (const [i, role] of profile.roles.entries()) {
      let cookie = await world.cookieFor(role);
      before = await fingerprint(world.t.db); // the new session is a row
      for (let n = 0; n < perRole[i === 0 ? 0 : 1]; n++) {
        const req = await makeRequest(r, report.total, route, profile, role, world.ids);
        report.total += 1;
        report.perRoute.set(route.pattern, (report.perRoute.get(route.pattern) ?? 0) + 1);
        const result = await send(mod, req, cookie);
        const seen = report.statuses.get(route.pattern) ?? new Map<number, number>();
        seen.set(result.status, (seen.get(result.status) ?? 0) + 1);
        report.statuses.set(route.pattern, seen);
        const after = await fingerprint(world.t.db);
        // A `__proto__` key that reached a merge would change every object of the process.
        const polluted = Object.keys(Object.prototype);
        if (polluted.length) {
          report.failures.push(`polluted Object.prototype with ${polluted.join(", ")} ← ${describeRequest(req)}`);
          for (const key of polluted) delete (Object.prototype as Record<string, unknown>)[key];
        }
        if (result.threw) report.failures.push(`threw ${result.threw} ← ${describeRequest(req)}`);
        else if (result.status >= 500) report.failures.push(`${result.status} ← ${describeRequest(req)}`);
        else if (result.status >= 400) {
          const changed = changedTables(before, after).filter((table) => !recordedOnPurpose(req, result.status, table));
          if (changed.length) report.failures.push(`${result.status} but changed ${changed.join(", ")} ← ${describeRequest(req)}`);
        }
        before = after;
        if (role !== "anon" && result.status < 400) {
          // It may have signed out (everywhere) or changed the password: a fresh session keeps the
          // next requests reaching the code behind the sign-in check.
          cookie = await world.cookieFor(role);
          before = await fingerprint(world.t.db);
        }
      }
    }
  }
  return report;
}

export function printReport(name: string, report: Report) {
  const lines = [...report.perRoute.entries()].map(([route, n]) => {
    const statuses = [...(report.statuses.get(route) ?? new Map<number, number>()).entries()].sort(([a], [b]) => a - b);
    return `  ${String(n).padStart(4)}  ${route.padEnd(48)} ${statuses.map(([s, k]) => `${s}×${k}`).join(" ")}`;
  });
  console.log(
    `[fuzz ${name}] seed ${SEED} (replay: FUZZ_SEED=${SEED}): ${report.total} requests to ${report.perRoute.size} routes, ${report.failures.length} failures\n` +
      `  (row check: every table but rate_limit_hits, where a refused sign-in counts as an attempt by design)\n${lines.join("\n")}`,
  );
}
