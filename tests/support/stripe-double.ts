// A local stand-in for the part of the Stripe API we call: Checkout Sessions, refunds, Connect
// transfers and their reversals. The real `stripe` SDK is pointed at it (host/port/protocol), so
// tests see exactly what we send: every request is recorded with its path, its form-encoded body
// (flat keys such as `line_items[0][price_data][currency]`, and the same nested), the
// Idempotency-Key, Stripe-Version and Authorization headers.
//
// Like Stripe, a repeated Idempotency-Key on the same path gets the first answer again (with
// `Idempotent-Replayed: true`) and creates nothing new. `failNext` makes the next matching
// request fail the way Stripe fails (an error object with a type, a message and an HTTP status).
import { randomBytes } from "node:crypto";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type RecordedRequest = {
  method: string;
  path: string;
  /** The body's fields as sent, with Stripe's bracketed keys. */
  form: Record<string, string>;
  /** The same fields nested (`line_items[0][price_data][currency]` → body.line_items[0].price_data.currency). */
  body: Record<string, unknown>;
  idempotencyKey: string | null;
  stripeVersion: string | null;
  authorization: string | null;
  /** Whether the double answered from its idempotency cache. */
  replayed: boolean;
  status: number;
};

export type StripeFailure = {
  /** Only requests whose `METHOD /path` matches (a string prefix, or a RegExp) fail; any when unset. */
  match?: string | RegExp;
  status?: number;
  type?: string;
  code?: string;
  message?: string;
  /** How many matching requests fail (default 1). */
  times?: number;
};

type StoredObject = Record<string, unknown> & { id: string };

export type StripeDouble = {
  /** e.g. http://127.0.0.1:43125 — what STRIPE_API_URL / `apiUrl` take. */
  url: string;
  requests: RecordedRequest[];
  /** Requests to one path (exact, or a RegExp), in order. */
  requestsTo(method: string, path: string | RegExp): RecordedRequest[];
  failNext(failure: StripeFailure): void;
  /** The stored object (session, refund, transfer, reversal) by id. */
  object(id: string): StoredObject | undefined;
  /** Sets fields of a stored Checkout Session (e.g. `{ status: "complete" }`). */
  updateSession(id: string, fields: Record<string, unknown>): void;
  reset(): void;
  close(): Promise<void>;
};

/** `a[b][0][c]=x` pairs → `{ a: { b: [{ c: "x" }] } }` (numeric segments make arrays). */
export function nestForm(form: Record<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    const segments = key.split(/[[\]]+/).filter((s) => s !== "");
    let node: Record<string, unknown> | unknown[] = root;
    segments.forEach((segment, i) => {
      const last = i === segments.length - 1;
      const slot = node as Record<string, unknown>;
      if (last) {
        slot[segment] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(segments[i + 1]!);
      slot[segment] ??= nextIsIndex ? [] : {};
      node = slot[segment] as Record<string, unknown> | unknown[];
    });
  }
  return root;
}

function stripeId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("hex")}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function num(value: unknown): number {
  return typeof value === "string" ? Number(value) : 0;
}

function metadataOf(body: Record<string, unknown>): Record<string, string> {
  return (body.metadata as Record<string, string> | undefined) ?? {};
}

export async function startStripeDouble(): Promise<StripeDouble> {
  const requests: RecordedRequest[] = [];
  const objects = new Map<string, StoredObject>();
  const idempotent = new Map<string, { status: number; body: unknown }>();
  let failures: (StripeFailure & { left: number })[] = [];

  function error(status: number, type: string, message: string, code?: string) {
    return { status, body: { error: { type, message, ...(code ? { code } : {}) } } };
  }

  function notFound(id: string) {
    return error(404, "invalid_request_error", `No such object: '${id}'`, "resource_missing");
  }

  function route(method: string, path: string, body: Record<string, unknown>): { status: number; body: unknown } {
    const now = Math.floor(Date.now() / 1000);
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const lineItems = (body.line_items as Record<string, unknown>[] | undefined) ?? [];
      const amountTotal = lineItems.reduce((sum, line) => {
        const price = line.price_data as Record<string, unknown> | undefined;
        return sum + num(price?.unit_amount) * (num(line.quantity) || 1);
      }, 0);
      const id = stripeId("cs_test");
      const session: StoredObject = {
        id,
        object: "checkout.session",
        mode: body.mode,
        status: "open",
        payment_status: "unpaid",
        currency: (lineItems[0]?.price_data as Record<string, unknown> | undefined)?.currency ?? null,
        amount_total: amountTotal,
        amount_subtotal: amountTotal,
        customer_email: body.customer_email ?? null,
        client_reference_id: body.client_reference_id ?? null,
        metadata: metadataOf(body),
        locale: body.locale ?? null,
        success_url: body.success_url ?? null,
        cancel_url: body.cancel_url ?? null,
        expires_at: body.expires_at ? num(body.expires_at) : now + 24 * 3600,
        payment_intent: null,
        url: `https://checkout.stripe.test/c/pay/${id}`,
        created: now,
        livemode: false,
      };
      objects.set(id, session);
      return { status: 200, body: session };
    }
    let m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (m && method === "GET") {
      const session = objects.get(m[1]!);
      return session ? { status: 200, body: session } : notFound(m[1]!);
    }
    m = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path);
    if (m && method === "POST") {
      const session = objects.get(m[1]!);
      if (!session) return notFound(m[1]!);
      if (session.status !== "open") {
        return error(400, "invalid_request_error", `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${String(session.status)}".`);
      }
      session.status = "expired";
      session.url = null;
      return { status: 200, body: session };
    }
    // Any pi_… id is a succeeded PaymentIntent whose charge is ch_<same suffix> (tests make the
    // ids up in the webhook payloads they sign).
    m = /^\/v1\/payment_intents\/(pi_[^/]+)$/.exec(path);
    if (m && method === "GET") {
      const id = m[1]!;
      return { status: 200, body: objects.get(id) ?? { id, object: "payment_intent", status: "succeeded", currency: "cny", latest_charge: `ch_${id.slice(3)}` } };
    }
    if (method === "POST" && path === "/v1/refunds") {
      if (!body.payment_intent && !body.charge) return error(400, "invalid_request_error", "One of `charge` or `payment_intent` is required.");
      const refund: StoredObject = {
        id: stripeId("re"),
        object: "refund",
        amount: num(body.amount),
        currency: "cny",
        payment_intent: body.payment_intent ?? null,
        charge: body.charge ?? null,
        reason: body.reason ?? null,
        metadata: metadataOf(body),
        status: "succeeded",
        created: now,
      };
      objects.set(refund.id, refund);
      return { status: 200, body: refund };
    }
    if (method === "POST" && path === "/v1/transfers") {
      if (!body.destination) return error(400, "invalid_request_error", "Missing required param: destination.", "parameter_missing");
      const transfer: StoredObject = {
        id: stripeId("tr"),
        object: "transfer",
        amount: num(body.amount),
        amount_reversed: 0,
        currency: body.currency ?? null,
        destination: body.destination,
        transfer_group: body.transfer_group ?? null,
        source_transaction: body.source_transaction ?? null,
        metadata: metadataOf(body),
        reversed: false,
        created: now,
      };
      objects.set(transfer.id, transfer);
      return { status: 200, body: transfer };
    }
    m = /^\/v1\/transfers\/([^/]+)\/reversals$/.exec(path);
    if (m && method === "POST") {
      const transfer = objects.get(m[1]!);
      if (!transfer) return notFound(m[1]!);
      const left = num(String(transfer.amount)) - num(String(transfer.amount_reversed));
      const amount = body.amount === undefined ? left : num(body.amount);
      if (amount > left) return error(400, "invalid_request_error", "Amount exceeds the transfer's remaining amount.");
      transfer.amount_reversed = num(String(transfer.amount_reversed)) + amount;
      transfer.reversed = transfer.amount_reversed === transfer.amount;
      const reversal: StoredObject = {
        id: stripeId("trr"),
        object: "transfer_reversal",
        amount,
        currency: transfer.currency,
        transfer: transfer.id,
        metadata: metadataOf(body),
        created: now,
      };
      objects.set(reversal.id, reversal);
      return { status: 200, body: reversal };
    }
    return error(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://stripe.double");
    const raw = await readBody(req);
    const form: Record<string, string> = {};
    const params = new URLSearchParams(method === "GET" ? url.search : raw);
    for (const [k, v] of params) form[k] = v;
    const body = nestForm(form);
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
    };
    const idempotencyKey = header("idempotency-key");
    const authorization = header("authorization");
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      form,
      body,
      idempotencyKey,
      stripeVersion: header("stripe-version"),
      authorization,
      replayed: false,
      status: 0,
    };
    requests.push(record);

    let answer: { status: number; body: unknown };
    const failure = failures.find((f) => {
      const target = `${method} ${url.pathname}`;
      return f.left > 0 && (f.match === undefined || (typeof f.match === "string" ? target.startsWith(f.match) : f.match.test(target)));
    });
    const cacheKey = idempotencyKey ? `${method} ${url.pathname} ${idempotencyKey}` : null;
    if (!authorization || !/^Bearer (sk|rk)_(test|live)_\S+$/.test(authorization)) {
      answer = error(401, "invalid_request_error", "You did not provide an API key.");
    } else if (failure) {
      failure.left -= 1;
      answer = error(failure.status ?? 402, failure.type ?? "invalid_request_error", failure.message ?? "The double was told to fail.", failure.code);
    } else if (cacheKey && idempotent.has(cacheKey)) {
      answer = idempotent.get(cacheKey)!;
      record.replayed = true;
    } else {
      answer = route(method, url.pathname, body);
      // Stripe caches the first answer to a key, errors from our side (4xx) included.
      if (cacheKey && answer.status < 500) idempotent.set(cacheKey, { status: answer.status, body: structuredClone(answer.body) });
    }
    record.status = answer.status;
    res.writeHead(answer.status, {
      "Content-Type": "application/json",
      "Request-Id": stripeId("req"),
      ...(record.replayed ? { "Idempotent-Replayed": "true" } : {}),
      ...(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}),
    });
    res.end(JSON.stringify(answer.body));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(500, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: { type: "api_error", message: String(e) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo(method, path) {
      return requests.filter((r) => r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path)));
    },
    failNext(failure) {
      failures.push({ ...failure, left: failure.times ?? 1 });
    },
    object(id) {
      return objects.get(id);
    },
    updateSession(id, fields) {
      const session = objects.get(id);
      if (!session) throw new Error(`no session ${id} in the Stripe double`);
      Object.assign(session, fields);
    },
    reset() {
      requests.length = 0;
      failures = [];
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}
