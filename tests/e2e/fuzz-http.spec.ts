// Raw bytes to the real production server (the part of the fuzzing that a route module called
// directly cannot see — see tests/integration/fuzz-support.ts for the rest): bodies that are not
// UTF-8, Content-Length that lies, smuggling-shaped framing, huge headers, broken URLs. Each gets
// an answer below 500 (or, for framing the HTTP parser itself refuses, a closed connection) within
// seconds; the server keeps answering; and a refused write changes nothing in the cart it aimed at.
import net from "node:net";
import { expect, test } from "./support";

const BASE = new URL(process.env.E2E_BASE_URL ?? "http://localhost:3000");
const HOST = `${BASE.hostname}:${BASE.port || 80}`;
const INVALID_UTF8 = Buffer.from([0x71, 0x3d, 0xff, 0xfe, 0x80, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf8]);

type RawAnswer = { status: number | null; closed: boolean; timedOut: boolean };

/** Sends bytes as they are on a fresh connection; the status line of the answer, if one comes. */
function raw(bytes: Buffer, timeoutMs = 8_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(BASE.port || 80), BASE.hostname);
    let got = Buffer.alloc(0);
    let settled = false;
    const finish = (answer: RawAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => finish({ status: statusOf(got), closed: false, timedOut: true }), timeoutMs);
    socket.on("connect", () => socket.write(bytes));
    socket.on("data", (chunk) => {
      got = Buffer.concat([got, chunk]);
      if (statusOf(got) !== null) finish({ status: statusOf(got), closed: false, timedOut: false });
    });
    socket.on("error", () => finish({ status: statusOf(got), closed: true, timedOut: false }));
    socket.on("close", () => finish({ status: statusOf(got), closed: true, timedOut: false }));
  });
}

/** The final answer's status (an interim 100 Continue is skipped), once its status line is in. */
function statusOf(bytes: Buffer): number | null {
  const text = bytes.toString("latin1").replace(/^(?:HTTP\/1\.[01] 1\d\d[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n)+/, "");
  const m = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n/.exec(text);
  return m ? Number(m[1]) : null;
}

const head = (lines: string[]) => Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1");
const post = (path: string, type: string, body: Buffer, extra: string[] = []) =>
  Buffer.concat([head([`POST ${path} HTTP/1.1`, `Host: ${HOST}`, `Origin: ${BASE.origin}`, `Content-Type: ${type}`, `Content-Length: ${body.length}`, ...extra, "Connection: close"]), body]);

test.describe("raw bytes to the real server", () => {
  test("every malformed request gets a 4xx (or a closed connection from the HTTP parser), none a 5xx, and the server stays up", async ({ request }) => {
    const created = await request.post("/api/v1/carts", { data: {} });
    expect(created.status()).toBe(201);
    const { cartId } = (await created.json()) as { cartId: string };
    const cartBefore = await (await request.get(`/api/v1/carts/${cartId}`)).json();
    const lines = `/api/v1/carts/${cartId}/lines`;

    // [what, bytes, whether the HTTP parser may simply close the connection]
    const cases: [string, Buffer, boolean][] = [
      ["form that is not UTF-8 to /login", post("/login", "application/x-www-form-urlencoded", INVALID_UTF8), false],
      ["form that is not UTF-8 to /cart", post("/cart", "application/x-www-form-urlencoded", Buffer.concat([Buffer.from("intent=add&sku="), INVALID_UTF8])), false],
      ["form that is not UTF-8 to /signup", post("/signup", "application/x-www-form-urlencoded; charset=utf-8", Buffer.concat([Buffer.from("email="), INVALID_UTF8, Buffer.from("&password=x")])), false],
      ["JSON that is not UTF-8 to the API", post(lines, "application/json", Buffer.from([0x7b, 0x22, 0x73, 0x6b, 0x75, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])), false],
      ["a form sent as JSON to the API", post(lines, "application/json", Buffer.from("sku=X&quantity=1")), false],
      ["JSON sent as a form to /cart", post("/cart", "application/x-www-form-urlencoded", Buffer.from('{"intent":"add","sku":"X"}')), false],
      ["multipart without a boundary to /login", post("/login", "multipart/form-data", Buffer.from('--x\r\nContent-Disposition: form-data; name="email"\r\n\r\na\r\n--x--')), false],
      ["multipart cut off to /forgot-password", post("/forgot-password", "multipart/form-data; boundary=zz", Buffer.from('--zz\r\nContent-Disposition: form-data; name="email"\r\n\r\nab')), false],
      ["20 MB of form to /login", post("/login", "application/x-www-form-urlencoded", Buffer.from(`email=a%40b.cn&password=${"x".repeat(20 * 1024 * 1024)}`)), true],
      ["3 MB of JSON to the API", post(lines, "application/json", Buffer.from(JSON.stringify({ sku: "x".repeat(3 * 1024 * 1024) }))), true],
      ["Content-Length: abc", head([`POST ${lines} HTTP/1.1`, `Host: ${HOST}`, "Content-Type: application/json", "Content-Length: abc", "Connection: close"]), true],
      ["Content-Length: -1", head([`POST ${lines} HTTP/1.1`, `Host: ${HOST}`, "Content-Type: application/json", "Content-Length: -1", "Connection: close"]), true],
      ["two different Content-Lengths", Buffer.concat([head([`POST ${lines} HTTP/1.1`, `Host: ${HOST}`, "Content-Type: application/json", "Content-Length: 2", "Content-Length: 20", "Connection: close"]), Buffer.from("{}")]), true],
      ["Content-Length with chunked (smuggling)", Buffer.concat([head([`POST ${lines} HTTP/1.1`, `Host: ${HOST}`, "Content-Type: application/json", "Content-Length: 4", "Transfer-Encoding: chunked", "Connection: close"]), Buffer.from("0\r\n\r\nGET /admin HTTP/1.1\r\n\r\n")]), true],
      ["broken chunked body", Buffer.concat([head([`POST ${lines} HTTP/1.1`, `Host: ${HOST}`, "Content-Type: application/json", "Transfer-Encoding: chunked", "Connection: close"]), Buffer.from("ZZ\r\n{}\r\n0\r\n\r\n")]), true],
      ["a Content-Length shorter than the body", Buffer.concat([head([`POST ${lines} HTTP/1.1`, `Host: ${HOST}`, "Content-Type: application/json", "Content-Length: 3"]), Buffer.from('{"sku":"X","quantity":1}')]), true],
      ["a 40 KB header", head(["GET /api/v1/villages HTTP/1.1", `Host: ${HOST}`, `Cookie: xj_session=${"a".repeat(40_000)}`, "Connection: close"]), true],
      ["3 000 headers", head(["GET /api/v1/villages HTTP/1.1", `Host: ${HOST}`, ...Array.from({ length: 3_000 }, (_, i) => `X-H${i}: ${i}`), "Connection: close"]), true],
      ["a NUL in a header", head(["GET /api/v1/villages HTTP/1.1", `Host: ${HOST}`, "X-A: a\u0000b", "Connection: close"]), true],
      ["bytes that are not UTF-8 in the path", Buffer.concat([Buffer.from("GET /products/"), Buffer.from([0xff, 0xfe, 0xc0]), Buffer.from(` HTTP/1.1\r\nHost: ${HOST}\r\nConnection: close\r\n\r\n`)]), true],
      ["broken percent-encoding in an API path", head([`GET /api/v1/products/%E4%ZZ HTTP/1.1`, `Host: ${HOST}`, "Connection: close"]), false],
      ["broken percent-encoding in a page path", head([`GET /products/%E4%ZZ%00 HTTP/1.1`, `Host: ${HOST}`, "Connection: close"]), false],
      ["percent-encoded bytes that are not UTF-8 in a query", head([`GET /api/v1/search?q=%FF%FE%C0 HTTP/1.1`, `Host: ${HOST}`, "Connection: close"]), false],
      ["a Cookie that is not UTF-8", Buffer.concat([Buffer.from(`GET /cart HTTP/1.1\r\nHost: ${HOST}\r\nCookie: xj_cart=`), Buffer.from([0xff, 0xfe]), Buffer.from("\r\nConnection: close\r\n\r\n")]), true],
      ["an absolute-form URL to another host", head(["GET http://evil.example/api/v1/villages HTTP/1.1", `Host: ${HOST}`, "Connection: close"]), true],
      ["no Host header", head(["GET /api/v1/villages HTTP/1.1", "Connection: close"]), true],
      ["OPTIONS *", head(["OPTIONS * HTTP/1.1", `Host: ${HOST}`, "Connection: close"]), true],
      ["an authority-form target", head([`CONNECT ${HOST} HTTP/1.1`, `Host: ${HOST}`, "Connection: close"]), true],
      ["an unknown method", head(["BREW /api/v1/villages HTTP/1.1", `Host: ${HOST}`, "Connection: close"]), true],
      ["a 20 KB URL", head([`GET /search?q=${"茶".repeat(2_300)} HTTP/1.1`, `Host: ${HOST}`, "Connection: close"]), true],
      ["Expect: 100-continue with 1 GB declared", head([`POST ${lines} HTTP/1.1`, `Host: ${HOST}`, "Content-Type: application/json", "Content-Length: 1000000000", "Expect: 100-continue", "Connection: close"]), true],
    ];

    const problems: string[] = [];
    const answers = new Map<string, RawAnswer>();
    for (const [what, bytes, parserMayClose] of cases) {
      const answer = await raw(bytes);
      answers.set(what, answer);
      const ok = answer.status !== null ? answer.status < 500 : parserMayClose && answer.closed;
      if (!ok) problems.push(`${what}: ${JSON.stringify(answer)}`);
    }
    expect(problems).toEqual([]);
    // These reached the Remix adapter, which threw on them (a 500) before the server refused them.
    expect(answers.get("an absolute-form URL to another host")?.status).toBe(400);
    expect(answers.get("OPTIONS *")?.status).toBe(400);
    // A page form is read only up to 1 MB: a bigger one (not an upload) is refused unread.
    expect(answers.get("20 MB of form to /login")?.status).toBe(413);
    const table = [...answers].map(([what, a]) => `  ${String(a.status ?? (a.closed ? "closed" : "none")).padEnd(6)} ${what}`);
    console.log(`[fuzz http] ${cases.length} raw requests to ${BASE.origin}, 0 answers ≥ 500\n${table.join("\n")}`);

    expect((await request.get("/healthz")).status()).toBe(200);
    const cartAfter = await (await request.get(`/api/v1/carts/${cartId}`)).json();
    expect(cartAfter).toEqual(cartBefore);
  });
});
