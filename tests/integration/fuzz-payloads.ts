// What the fuzzer sends: a seeded random generator (the same seed gives the same requests, so a
// failure can be replayed), hostile values for one field, and hostile bodies for a whole request
// (mislabelled, not UTF-8, cut off, oversized, uploads that are not what they claim).

/** mulberry32: tiny, fast, good enough to pick payloads; the seed makes a run reproducible. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof seededRandom>;

/** Hostile values for one text field, by family (the family names the failure in a report). */
export const VALUES: Record<string, readonly string[]> = {
  type: ["abc", "-1", "0", "1.5", "1e309", "NaN", "Infinity", "-0", "0x1F", "99999999999999999999", "2147483648", "true", "null", "[]", "{}", "[object Object]", "", " ", "\t\n"],
  huge: ["A".repeat(10_000), "茶".repeat(12_000), "9".repeat(10_050), "<".repeat(20_000), "a@b.".repeat(3_000) + "cn", "2030-05-01".repeat(1_500)],
  unicode: [
    "\u0000",
    "白\u0000茶",
    "\uD800",
    "a\uDFFFb",
    "\u202Eevil\u202C",
    "\u200F\u05E9\u05DC\u05D5\u05DD",
    "👨\u200D👩\u200D👧\u200D👦",
    "🍵🌾🏡",
    "e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308",
    "１２３",
    "２０３０-０５-０１",
    "\uFEFF1",
    "\u00A0\u2007\u202F",
    "\u200B\u200C\u200D",
    "\uFFFF\uFFFE",
    "\u{10FFFF}",
    "ǅ\u0345ß",
  ],
  sql: ["' OR '1'='1", "1; DROP TABLE users; --", "1' UNION SELECT password_hash FROM users --", "%' AND 1=1 --", "\\'; SELECT pg_sleep(0) --", "$$; $tag$", "1)::int; --"],
  html: ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "{{7*7}}${7*7}", "<svg/onload=alert(1)>", "&lt;&#x3C;&#0;"],
  path: ["../../etc/passwd", "%00", "%2e%2e%2f", "/\\evil.example", "//evil.example", "C:\\Windows\\win.ini", "https://evil.example/x.ics", "file:///etc/passwd", "http://127.0.0.1:1/x.ics"],
  emailish: ["a@b", "x@例子.中国", "\u202Ea@example.com", " A+B@Example.COM ", "a@example.com\u0000", '"a b"@example.com', "a@[127.0.0.1]", "ａ@example.com", "a@example.com\r\nBcc: x@evil.example", `${"a".repeat(250)}@example.com`],
  numberish: ["１", "٣", "1_000", " 1 ", "+1", "01", "1.", ".5", "1e2", "0b1", "2147483647", "-2147483649", "9007199254740993", "0.1e-400"],
  dates: ["2030-02-30", "2030-13-01", "0000-00-00", "9999-12-31", "1970-01-01", "2030-5-1", "2030-05-01T25:61", "-2030-05-01", "+275760-09-13"],
};
export const FAMILIES = Object.keys(VALUES);

/** Extra field names a form never has (prototype keys, Conform's intent, odd characters). */
const EXTRA_NAMES = ["__proto__", "constructor", "prototype", "__intent__", "_data", "role", "isOperator", "cooperativeId", "userId", "status", "名字", "a".repeat(300), "x\u0000y", "field[]", "a.b.c", "items[0].name"];

export type FieldValue = string | File;
export type Fields = [string, FieldValue][];

/** A hostile value, its family recorded for the report. */
export function hostileValue(r: Random): { family: string; value: string } {
  const family = r.pick(FAMILIES);
  return { family, value: r.pick(VALUES[family]!) };
}

/**
 * A form derived from a plausible one: one or more fields take hostile values, some are dropped,
 * some repeated, some extra ones added. Returns the fields and what was done (for the report).
 */
export function mutateFields(r: Random, base: Record<string, string>, keepIntent: boolean): { fields: Fields; did: string[] } {
  const did: string[] = [];
  const names = Object.keys(base).filter((n) => !(keepIntent && n === "intent"));
  const fields: Fields = Object.entries(base);
  const set = (name: string, value: string) => {
    const i = fields.findIndex(([n]) => n === name);
    if (i >= 0) fields[i] = [name, value];
    else fields.push([name, value]);
  };
  const rounds = 1 + r.int(3);
  for (let i = 0; i < rounds; i++) {
    const roll = r.next();
    if (roll < 0.55 && names.length) {
      const name = r.pick(names);
      const { family, value } = hostileValue(r);
      set(name, value);
      did.push(`${name}=${family}`);
    } else if (roll < 0.7 && names.length) {
      const name = r.pick(names);
      const i2 = fields.findIndex(([n]) => n === name);
      if (i2 >= 0) fields.splice(i2, 1);
      did.push(`-${name}`);
    } else if (roll < 0.8 && names.length) {
      const name = r.pick(names);
      fields.push([name, r.pick(["", "2", hostileValue(r).value])]);
      did.push(`${name}×2`);
    } else if (roll < 0.9) {
      const name = r.pick(EXTRA_NAMES);
      fields.push([name, hostileValue(r).value]);
      did.push(`+${name.slice(0, 20)}`);
    } else {
      const names2 = names.length ? names : ["intent"];
      for (const name of names2) set(name, hostileValue(r).value);
      did.push("all-hostile");
    }
  }
  if (!keepIntent && r.chance(0.15)) {
    set("intent", r.pick(["", "INTENT", "delete ", "save\u0000", "x".repeat(10_000), "__proto__"]));
    did.push("intent=bad");
  }
  return { fields, did };
}

// ---------------------------------------------------------------- whole bodies

export type Body = { label: string; body: BodyInit | null; contentType: string | null };

const enc = (s: string) => new TextEncoder().encode(s);
export function urlencoded(fields: Fields): string {
  const p = new URLSearchParams();
  for (const [k, v] of fields) p.append(k, typeof v === "string" ? v : v.name);
  return p.toString();
}
export function multipart(fields: Fields): FormData {
  const f = new FormData();
  for (const [k, v] of fields) f.append(k, v);
  return f;
}

/** Bytes that are not UTF-8: a lone continuation byte, an overlong NUL, a cut-off sequence, a surrogate. */
export const INVALID_UTF8 = Uint8Array.from([0x66, 0x6f, 0x6f, 0x3d, 0xff, 0xfe, 0x80, 0xc0, 0x80, 0xe8, 0x8c, 0x26, 0x78, 0x3d, 0xed, 0xa0, 0x80, 0xf8, 0x88]);

const PNG_MAGIC = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xff, 0xff, 0xff, 0xff]);

/** A file that lies about itself, or is too large, or is empty. */
export function hostileFile(r: Random, maxBytes: number): { label: string; file: File } {
  const kinds: (() => { label: string; file: File })[] = [
    () => ({ label: "text-as-png", file: new File(["not a picture"], "photo.png", { type: "image/png" }) }),
    () => ({ label: "empty-jpeg", file: new File([], "empty.jpg", { type: "image/jpeg" }) }),
    () => ({ label: "png-header-only", file: new File([PNG_MAGIC], "broken.png", { type: "image/png" }) }),
    () => ({ label: "svg-script", file: new File(['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'], "x.svg", { type: "image/svg+xml" }) }),
    () => ({ label: "csv-as-image", file: new File(["handle,title\n1,2"], "a.jpg", { type: "image/jpeg" }) }),
    () => ({ label: "invalid-utf8-csv", file: new File([INVALID_UTF8], "products.csv", { type: "text/csv" }) }),
    () => ({ label: "wide-csv", file: new File([Array.from({ length: 5_000 }, (_, i) => `c${i}`).join(",") + "\n" + "1,".repeat(5_000)], "wide.csv", { type: "text/csv" }) }),
    () => ({ label: "quote-csv", file: new File(['handle,title\n"never closed,茶\n'], "q.csv", { type: "text/csv" }) }),
    () => ({ label: "ics-garbage", file: new File(["BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:99999999\nDTEND:\nEND:VCALENDAR"], "a.ics", { type: "text/calendar" }) }),
    () => ({ label: "ics-as-png", file: new File(["BEGIN:VCALENDAR\nEND:VCALENDAR"], "a.png", { type: "image/png" }) }),
    () => ({ label: "path-name", file: new File(["x"], "../../../etc/passwd\u0000.jpg", { type: "image/jpeg" }) }),
    () => ({ label: "oversized", file: new File([new Uint8Array(maxBytes + 1024)], "big.jpg", { type: "image/jpeg" }) }),
  ];
  return r.pick(kinds)();
}

/**
 * A request body that is wrong as a whole for a form-reading action (or, with `json`, for an
 * API endpoint): mislabelled, not UTF-8, cut off, oversized, empty.
 */
export function hostileBody(r: Random, fields: Fields, opts: { json: boolean; maxBytes: number }): Body {
  const asObject = Object.fromEntries(fields.map(([k, v]) => [k, typeof v === "string" ? v : v.name]));
  const choices: (() => Body)[] = [
    () => ({ label: "json-as-form", body: JSON.stringify(asObject), contentType: "application/x-www-form-urlencoded" }),
    () => ({ label: "form-as-json", body: urlencoded(fields), contentType: "application/json" }),
    () => ({ label: "json-labelled-json", body: JSON.stringify(asObject), contentType: "application/json" }),
    () => ({ label: "multipart-no-boundary", body: "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--", contentType: "multipart/form-data" }),
    () => ({ label: "multipart-cut-off", body: '--zz\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave', contentType: "multipart/form-data; boundary=zz" }),
    () => ({ label: "multipart-wrong-boundary", body: multipart(fields), contentType: "multipart/form-data; boundary=nope" }),
    () => ({ label: "invalid-utf8-form", body: INVALID_UTF8, contentType: "application/x-www-form-urlencoded" }),
    () => ({ label: "invalid-utf8-json", body: Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xc0, 0x22, 0x7d]), contentType: "application/json" }),
    () => ({ label: "bad-percent", body: "intent=%E0%A4%A&email=%ZZ&x=%", contentType: "application/x-www-form-urlencoded" }),
    () => ({ label: "text-plain", body: urlencoded(fields), contentType: "text/plain" }),
    () => ({ label: "no-type", body: urlencoded(fields), contentType: null }),
    () => ({ label: "empty", body: null, contentType: "application/x-www-form-urlencoded" }),
    () => ({ label: "latin1-charset", body: Uint8Array.from([0x61, 0x3d, 0xe9, 0xe8]), contentType: "application/x-www-form-urlencoded; charset=iso-8859-1" }),
    () => ({ label: "json-deep", body: "[".repeat(20_000) + "]".repeat(20_000), contentType: "application/json" }),
    () => ({ label: "json-array", body: JSON.stringify([asObject]), contentType: "application/json" }),
    () => ({ label: "json-proto", body: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}', contentType: "application/json" }),
    () => ({ label: "oversized-form", body: `intent=save&x=${"A".repeat(opts.maxBytes + 4096)}`, contentType: "application/x-www-form-urlencoded" }),
    () => ({ label: "oversized-json", body: JSON.stringify({ ...asObject, x: "A".repeat(opts.maxBytes + 4096) }), contentType: "application/json" }),
    () => ({ label: "many-fields", body: Array.from({ length: 5_000 }, (_, i) => `f${i}=${i}`).join("&"), contentType: "application/x-www-form-urlencoded" }),
    () => ({ label: "form-with-file", body: multipart([...fields, ["file", new File([enc("x")], "x.bin", { type: "application/octet-stream" })]]), contentType: null }),
  ];
  if (opts.json) {
    choices.push(
      () => ({ label: "json-wrong-types", body: JSON.stringify(Object.fromEntries(Object.keys(asObject).map((k) => [k, r.pick([1, -1, 1e308, true, null, [], {}, [1, 2], { a: 1 }, "x".repeat(10_000)])]))), contentType: "application/json" }),
      () => ({ label: "json-nul-key", body: JSON.stringify({ "a\u0000": 1, ...asObject }), contentType: "application/json; charset=utf-8" }),
      () => ({ label: "json-scalar", body: r.pick(["1", "true", "null", '"x"', "", " ", "{", "{\"a\":}", "\uFEFF{}"]), contentType: "application/json" }),
    );
  }
  return r.pick(choices)();
}
