// What the cart looks like while a change is on its way: the forms on the product and cart pages
// post `intent` (add | set | remove), `quantity` and `was` (the line's quantity when the page was
// drawn), so the header count and the cart page can show the result before the server answers.
// The server's answer (revalidated loader data) replaces it a moment later.
import { useFetchers, useRouteLoaderData } from "@remix-run/react";
import { shippingFor } from "~/modules/cart/shipping";
import type { CartLineProblem, CartLineView, CartView } from "~/modules/cart/types";
import type { loader as rootLoader } from "~/root";

export type PendingCartChange =
  | { intent: "add"; quantity: number }
  | { intent: "set"; lineId: number; quantity: number; was: number }
  | { intent: "remove"; lineId: number; was: number };

const int = (value: FormDataEntryValue | null) => (typeof value === "string" && /^\d{1,3}$/.test(value) ? Number(value) : null);
const validQuantity = (n: number | null): n is number => n !== null && n >= 1 && n <= 99;

/** A cart change read back from a form being sent, or null (another form, or nonsense). */
export function pendingChange(formData: FormData | undefined): PendingCartChange | null {
  if (!formData) return null;
  const intent = formData.get("intent");
  const quantity = int(formData.get("quantity"));
  const rawLine = formData.get("lineId");
  const lineId = typeof rawLine === "string" && /^\d{1,10}$/.test(rawLine) ? Number(rawLine) : NaN;
  const was = int(formData.get("was")) ?? 0;
  if (intent === "add" && validQuantity(quantity)) return { intent, quantity };
  if (intent === "set" && validQuantity(quantity) && Number.isSafeInteger(lineId)) return { intent, lineId, quantity, was };
  if (intent === "remove" && Number.isSafeInteger(lineId)) return { intent, lineId, was };
  return null;
}

/** Changes being sent by fetchers right now. */
export function usePendingCartChanges(): PendingCartChange[] {
  return useFetchers()
    .filter((f) => f.state !== "idle")
    .map((f) => pendingChange(f.formData))
    .filter((c): c is PendingCartChange => c !== null);
}

/** The header's count: the server's, moved by the changes on their way. */
export function useCartCount(): number {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const base = root?.cartCount ?? 0;
  const delta = usePendingCartChanges().reduce(
    (n, c) => n + (c.intent === "add" ? c.quantity : c.intent === "set" ? c.quantity - c.was : -c.was),
    0,
  );
  return Math.max(0, base + delta);
}

/** Mirrors the server's line check for the parts a quantity change can affect. */
function problemAfter(line: CartLineView, wanted: number): CartLineProblem | null {
  const kind = line.problem?.kind;
  if (kind === "unavailable" || kind === "sold_out") return line.problem;
  if (wanted > line.stock) return { kind: "not_enough_stock", available: line.stock };
  if (line.unitPriceCents !== line.seenPriceCents) return { kind: "price_changed", fromCents: line.seenPriceCents, toCents: line.unitPriceCents };
  return null;
}

/** The cart as it will be once the pending changes land (amounts and shipping recomputed). */
export function applyPendingChanges(cart: CartView, changes: PendingCartChange[]): CartView {
  const set = new Map<number, number>();
  const removed = new Set<number>();
  for (const c of changes) {
    if (c.intent === "set") set.set(c.lineId, c.quantity);
    else if (c.intent === "remove") removed.add(c.lineId);
  }
  if (!set.size && !removed.size) return cart;

  const lines = cart.groups
    .flatMap((g) => g.lines)
    .filter((l) => !removed.has(l.id))
    .map((l) => ({ ...l, quantity: set.get(l.id) ?? l.quantity }));
  const wanted = new Map<number, number>();
  for (const l of lines) wanted.set(l.variantId, (wanted.get(l.variantId) ?? 0) + l.quantity);

  const groups = cart.groups
    .map((g) => {
      const kept = g.lines
        .filter((l) => !removed.has(l.id))
        .map((l) => {
          const quantity = set.get(l.id) ?? l.quantity;
          const next = { ...l, quantity, lineTotalCents: l.unitPriceCents * quantity };
          return { ...next, problem: problemAfter(next, wanted.get(l.variantId) ?? quantity) };
        });
      // Stays and experiences: a removal shows at once; their other changes wait for the server.
      const stays = g.stays.filter((l) => !removed.has(l.id));
      const experiences = g.experiences.filter((l) => !removed.has(l.id));
      const goodsCents = kept.reduce((n, l) => n + l.lineTotalCents, 0);
      const bookingsCents = [...stays, ...experiences].reduce((n, l) => n + l.totalCents, 0);
      const shippingCents = kept.length ? shippingFor(goodsCents, g.shippingFeeCents, g.freeShippingFromCents) : 0;
      const subtotalCents = goodsCents + bookingsCents;
      return { ...g, lines: kept, stays, experiences, subtotalCents, shippingCents, totalCents: subtotalCents + shippingCents };
    })
    .filter((g) => g.lines.length + g.stays.length + g.experiences.length > 0);
  const all = groups.flatMap((g) => g.lines);
  const bookings = groups.flatMap((g) => [...g.stays, ...g.experiences]);
  return {
    ...cart,
    groups,
    itemCount: all.reduce((n, l) => n + l.quantity, 0) + bookings.length,
    lineCount: all.length + bookings.length,
    subtotalCents: groups.reduce((n, g) => n + g.subtotalCents, 0),
    shippingCents: groups.reduce((n, g) => n + g.shippingCents, 0),
    totalCents: groups.reduce((n, g) => n + g.totalCents, 0),
    hasProblems: all.some((l) => l.problem !== null) || bookings.some((l) => l.problem !== null),
    hasProducts: all.length > 0,
  };
}
