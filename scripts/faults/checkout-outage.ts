// Drill 1: PostgreSQL stops and comes back while buyers check out.
//
// `buyers` closed-loop buyers each repeat create cart → add line → checkout → test payment
// through the JSON API, the way a mobile client with a retry button would: a step that fails
// (5xx, a dropped connection, no answer in time) is sent again after a short pause, so a reply
// lost after its commit is retried too (a second checkout of the same cart, a second payment of
// a paid order) — exactly what must not leave a half order or charge twice.
import http from "node:http";
import { type Reply, type Timeline, recorded, send, sleep } from "./timeline";

/** Every drill order carries this address: the books checks look at these orders only (the seed has demo orders of its own). */
export const BUYER_EMAIL = "faults@example.com";
const BUYER = {
  email: BUYER_EMAIL,
  name: "故障演练买家",
  phone: "13800000000",
  address: { province: "浙江省", city: "湖州市", district: "安吉县", detail: "余村 1 号" },
};

/** The client's patience: above the 35 s budget, so a hang shows up as a figure rather than being cut short at the budget. */
export const CLIENT_TIMEOUT_MS = 40_000;
const RETRY_PAUSE_MS = 250;

export type CheckoutLoad = {
  timeline: Timeline;
  /** Orders whose checkout answered 201, and those whose payment answered "paid", as the buyers saw them. */
  placed: Set<string>;
  paid: Set<string>;
  purchases: number;
  stop: () => Promise<void>;
};

const expect = (status: number) => (r: Reply) => (r.status === status ? null : `${r.status}`);

/** Starts the buyers; `stop()` lets each finish the request it is in and resolves when all have. */
export function startCheckoutLoad(options: { base: string; buyers: number; skus: readonly string[]; timeline: Timeline }): CheckoutLoad {
  const { base, timeline } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.buyers });
  const placed = new Set<string>();
  const paid = new Set<string>();
  let purchases = 0;
  let stopping = false;

  /** Sends until the answer is right (or the drill stops: then null). */
  const untilOk = async (what: string, request: () => Promise<Reply>, check: (r: Reply) => string | null) => {
    while (!stopping) {
      const reply = await recorded(timeline, what, request, check);
      if (reply) return reply;
      await sleep(RETRY_PAUSE_MS);
    }
    return null;
  };
  const call = (method: string, path: string, json?: unknown, headers?: Record<string, string>) => () =>
    send(agent, base, method, path, { json, headers, timeoutMs: CLIENT_TIMEOUT_MS });

  const buyer = async (sku: string) => {
    while (!stopping) {
      const cart = await untilOk("create cart", call("POST", "/api/v1/carts"), expect(201));
      if (!cart) return;
      const cartId = cart.body.cartId as string;
      if (!(await untilOk("add line", call("POST", `/api/v1/carts/${cartId}/lines`, { sku, quantity: 1 }), expect(201)))) return;
      const checkout = await untilOk("checkout", call("POST", `/api/v1/carts/${cartId}/checkout`, BUYER), expect(201));
      if (!checkout) return;
      const { orderNumber, accessToken } = checkout.body as { orderNumber: string; accessToken: string };
      placed.add(orderNumber);
      const payment = await untilOk(
        "test payment",
        call("POST", `/api/v1/orders/${orderNumber}/test-payment`, { outcome: "succeeded" }, { authorization: `Bearer ${accessToken}` }),
        (r) => {
          if (r.status !== 200) return `${r.status}`;
          const status = (r.body.order as { status?: string } | undefined)?.status;
          return status === "paid" ? null : `200 but the order is ${String(status)}`;
        },
      );
      if (!payment) return;
      paid.add(orderNumber);
      purchases++;
    }
  };

  const running = Array.from({ length: options.buyers }, (_, i) => buyer(options.skus[i % options.skus.length]!));
  return {
    timeline,
    placed,
    paid,
    get purchases() {
      return purchases;
    },
    stop: async () => {
      stopping = true;
      await Promise.all(running);
      agent.destroy();
    },
  };
}

export type OutageFigures = {
  /** When PostgreSQL was ready again, on the timeline's clock. */
  backMs: number;
  downMs: number;
  /** Seconds after PostgreSQL was back that the last failed request started (negative: none after). */
  errorsStopAfterS: number;
  failures: number;
  longestS: number;
  longestWhat: string;
};

/**
 * Runs the outage on a running load: `beforeS` of normal traffic, `stopDb()`, `downS` without a
 * database, `startDb()`, `afterS` more traffic; then stops the buyers.
 */
export async function runOutage(
  load: CheckoutLoad,
  options: {
    beforeS: number;
    downS: number;
    afterS: number;
    stopDb: () => Promise<void>;
    startDb: () => Promise<void>;
    /** Runs once a second into the outage (e.g. what a page answers without its database). */
    whileDown?: () => Promise<void>;
  },
): Promise<OutageFigures> {
  const { timeline } = load;
  await sleep(options.beforeS * 1000);
  timeline.event("stopping PostgreSQL");
  await options.stopDb();
  const downAt = timeline.event("PostgreSQL down");
  await sleep(1000);
  await options.whileDown?.();
  await sleep(Math.max(0, options.downS * 1000 - (performance.now() - downAt)));
  timeline.event("starting PostgreSQL");
  await options.startDb();
  const backMs = timeline.event("PostgreSQL back");
  await sleep(options.afterS * 1000);
  timeline.event("buyers stop");
  await load.stop();

  const failures = timeline.failures;
  const lastFailure = failures.reduce((m, s) => Math.max(m, s.startedMs), Number.NEGATIVE_INFINITY);
  const longest = timeline.longest;
  return {
    backMs,
    downMs: backMs - downAt,
    errorsStopAfterS: failures.length ? (lastFailure - backMs) / 1000 : Number.NEGATIVE_INFINITY,
    failures: failures.length,
    longestS: (longest?.durationMs ?? 0) / 1000,
    longestWhat: longest?.what ?? "—",
  };
}
