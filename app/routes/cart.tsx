// /cart: one cart across cooperatives, grouped by who ships it, with each one's shipping and
// anything that would stop checkout. Forms post here with an `intent`:
//   add {sku, quantity, returnTo?}  (from product pages), set {lineId, quantity}, remove {lineId},
//   acceptPrices, add-stay {unitId, checkIn, checkOut, guests, returnTo?} (stay pages),
//   add-slot {slotId, people, returnTo?} (experience pages).
// A plain form (no JavaScript) gets a 303 back to the page it came from; a fetcher (field
// via=fetcher) gets data. Bad input is a 400/404/409 with a message, and nothing changes.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CartGroupSection, type CartActionError, CartTotals, cartErrorMessage, lineProblemText } from "~/components/cart/CartLines";
import { NothingBought } from "~/components/cart/NothingBought";
import { applyPendingChanges, usePendingCartChanges } from "~/components/cart/optimistic";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { LocaleLink } from "~/components/LocaleLink";
import { getSession } from "~/modules/accounts/auth.server";
import { safeRedirect } from "~/modules/accounts/schemas";
import { readSession } from "~/modules/accounts/session.server";
import { addSlotToCart, addStayToCart } from "~/modules/cart/bookings.server";
import { CartError, acceptCurrentPrices, addToCart, getCart, removeLine, setLineQuantity } from "~/modules/cart/cart.server";
import { addToCurrentCart, currentCartId } from "~/modules/cart/cookie.server";
import { getDb } from "~/utils/db.server";
import { formatPrice, todayInShanghai } from "~/utils/format";
import { readForm } from "~/utils/forms.server";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { type Lang, langFromRequest, localePath, pick } from "~/utils/i18n";
import { privateMeta } from "~/utils/seo";
import { useLang, useT } from "~/utils/t";

const NO_STORE = { "Cache-Control": PRIVATE_NO_STORE };

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const cartId = await currentCartId(request, db, await readSession(db, request));
  const cart = cartId ? await getCart(db, cartId) : null;
  return data({ cart, today: todayInShanghai() }, { headers: NO_STORE });
}

export const headers = () => NO_STORE;

export const meta: MetaFunction = ({ location }) => privateMeta(location.pathname, "cart.title");

// ---------------------------------------------------------------- action

const quantity = z
  .string()
  .regex(/^\d{1,3}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(99));
// A line id is a PostgreSQL integer: anything longer could not be one.
const lineId = z
  .string()
  .regex(/^\d{1,10}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(2_147_483_647));

const AddSchema = z.object({ sku: z.string().trim().min(1).max(64), quantity, returnTo: z.string().max(2000).optional() });
const id = lineId;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const AddStaySchema = z.object({
  unitId: id,
  checkIn: isoDate,
  checkOut: isoDate,
  guests: z.string().regex(/^\d{1,3}$/).transform(Number),
  returnTo: z.string().max(2000).optional(),
});
const AddSlotSchema = z.object({ slotId: id, people: quantity, returnTo: z.string().max(2000).optional() });
const SetSchema = z.object({ lineId, quantity });
const RemoveSchema = z.object({ lineId });

type Intent = "add" | "set" | "remove" | "acceptPrices" | "add-stay" | "add-slot";
const INTENTS: readonly Intent[] = ["add", "set", "remove", "acceptPrices", "add-stay", "add-slot"];
export type CartActionData = { ok: true; intent: Intent; sku?: string } | { ok: false; intent: Intent | null; error: CartActionError; returnTo?: string };

function fields(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !(k in out)) out[k] = v;
  return out;
}

function failure(status: number, intent: Intent | null, error: CartActionError, returnTo?: string) {
  return data<CartActionData>({ ok: false, intent, error, ...(returnTo ? { returnTo } : {}) }, { status, headers: NO_STORE });
}

function fromCartError(error: unknown, intent: Intent, returnTo?: string) {
  if (!(error instanceof CartError)) throw error;
  return failure(
    error.status,
    intent,
    {
      code: error.code,
      ...(error.details.available !== undefined ? { available: error.details.available } : {}),
      ...(error.details.reason ? { reason: error.details.reason } : {}),
    },
    returnTo,
  );
}

/** After a plain form: back to the page, with a notice. */
function backTo(location: string, setCookie?: string | null) {
  const headers = new Headers(NO_STORE);
  if (setCookie) headers.append("Set-Cookie", setCookie);
  return redirect(location, { status: 303, headers });
}

function withParam(path: string, name: string, value: string): string {
  const url = new URL(path, "http://x");
  url.searchParams.set(name, value);
  return url.pathname + url.search;
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const session = await getSession(request, db);
  const form = await readForm(request);
  const values = fields(form);
  const lang: Lang = langFromRequest(request);
  const viaFetcher = values.via === "fetcher";
  const rawIntent = values.intent;
  const intent: Intent | null = (INTENTS as readonly string[]).includes(rawIntent ?? "") ? (rawIntent as Intent) : null;
  // PostgreSQL cannot store NUL; such input is refused before anything else.
  if ([...form.values()].some((v) => typeof v === "string" && v.includes("\u0000"))) return failure(400, intent, { code: "invalid" });
  const cartPage = localePath(lang, "/cart");

  switch (intent) {
    case "add": {
      const parsed = AddSchema.safeParse(values);
      if (!parsed.success) return failure(400, intent, { code: "invalid" });
      const returnTo = safeRedirect(parsed.data.returnTo, "") || undefined;
      let setCookie: string | null;
      try {
        ({ setCookie } = await addToCurrentCart(request, db, session, (cartId) =>
          addToCart(db, cartId, { sku: parsed.data.sku, quantity: parsed.data.quantity }, { merge: true }),
        ));
      } catch (error) {
        return fromCartError(error, intent, returnTo);
      }
      if (!viaFetcher) return backTo(withParam(returnTo ?? cartPage, "added", parsed.data.sku), setCookie);
      const headers = new Headers(NO_STORE);
      if (setCookie) headers.append("Set-Cookie", setCookie);
      return data<CartActionData>({ ok: true, intent, sku: parsed.data.sku }, { headers });
    }
    case "add-stay":
    case "add-slot": {
      const returnTo = safeRedirect(values.returnTo, "") || undefined;
      // Checked before a cart is made for it: a refused request leaves no row behind.
      const stay = intent === "add-stay" ? AddStaySchema.safeParse(values) : null;
      const slot = intent === "add-slot" ? AddSlotSchema.safeParse(values) : null;
      if ((stay && !stay.success) || (slot && !slot.success)) return failure(400, intent, { code: "invalid_booking" }, returnTo);
      let setCookie: string | null;
      try {
        ({ setCookie } = await addToCurrentCart(request, db, session, async (cartId) => {
          if (stay?.success) {
            const { returnTo: _r, ...room } = stay.data;
            await addStayToCart(db, cartId, room, { today: todayInShanghai() });
          } else if (slot?.success) {
            await addSlotToCart(db, cartId, { slotId: slot.data.slotId, people: slot.data.people }, { now: new Date(), merge: true });
          }
        }));
      } catch (error) {
        return fromCartError(error, intent, returnTo);
      }
      if (!viaFetcher) return backTo(withParam(cartPage, "notice", "booked"), setCookie);
      const headers = new Headers(NO_STORE);
      if (setCookie) headers.append("Set-Cookie", setCookie);
      return data<CartActionData>({ ok: true, intent }, { headers });
    }
    case "set":
    case "remove": {
      const parsed = (intent === "set" ? SetSchema : RemoveSchema).safeParse(values);
      if (!parsed.success) return failure(400, intent, { code: "invalid" });
      const cartId = await currentCartId(request, db, session);
      if (!cartId) return failure(404, intent, { code: "line_not_found" });
      try {
        if (intent === "set") await setLineQuantity(db, cartId, parsed.data.lineId, (parsed.data as z.infer<typeof SetSchema>).quantity);
        else await removeLine(db, cartId, parsed.data.lineId);
      } catch (error) {
        return fromCartError(error, intent);
      }
      if (!viaFetcher) return backTo(withParam(cartPage, "notice", intent === "set" ? "updated" : "removed"));
      return data<CartActionData>({ ok: true, intent }, { headers: NO_STORE });
    }
    case "acceptPrices": {
      const cartId = await currentCartId(request, db, session);
      if (cartId) await acceptCurrentPrices(db, cartId);
      if (!viaFetcher) return backTo(withParam(cartPage, "notice", "pricesAccepted"));
      return data<CartActionData>({ ok: true, intent }, { headers: NO_STORE });
    }
    default:
      return failure(400, null, { code: "invalid" });
  }
}

// ---------------------------------------------------------------- page

const NOTICES = { booked: "cart.notice.booked", updated: "cart.notice.updated", removed: "cart.notice.removed", pricesAccepted: "cart.notice.pricesAccepted", changed: "cart.notice.changed" } as const;

export default function CartPage() {
  const { cart, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const lang = useLang();
  const pending = usePendingCartChanges();
  const view = cart ? applyPendingChanges(cart, pending) : null;
  const noticeKey = NOTICES[params.get("notice") as keyof typeof NOTICES];
  const added = params.get("added");
  const lines = view?.groups.flatMap((g) => g.lines) ?? [];
  const problems = lines.filter((l) => l.problem);
  const bookingProblems = view?.groups.flatMap((g) => [...g.stays, ...g.experiences]).filter((l) => l.problem) ?? [];
  const priceChanges = [...problems, ...bookingProblems].some((l) => l.problem?.kind === "price_changed");
  const hasBookings = bookingProblems.length > 0 || Boolean(view?.groups.some((g) => g.stays.length || g.experiences.length));
  const failed = actionData && !actionData.ok ? actionData : null;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold text-stone-900">{t("cart.title")}</h1>
      {failed ? (
        <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-red-800">
          <p>{cartErrorMessage(t, failed.error)}</p>
          {failed.returnTo ? (
            <p className="mt-1">
              <a href={failed.returnTo} className="underline">
                {t("cart.continue")}
              </a>
            </p>
          ) : null}
        </div>
      ) : noticeKey || added ? (
        <p role="status" className="rounded-lg border border-tea-600 bg-tea-50 p-3 text-tea-800">
          {noticeKey ? t(noticeKey) : t("cart.added")}
        </p>
      ) : null}

      {!view || view.lineCount === 0 ? (
        <NothingBought message={t("cart.empty")} browse={t("cart.empty.browse")} />
      ) : (
        <>
          <p className="text-stone-700">{t("cart.intro")}</p>
          {hasBookings ? <p className="text-sm text-stone-600">{t("cart.bookings.holdNote")}</p> : null}
          {problems.length || bookingProblems.length ? (
            <div className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-900">
              <p className="font-medium">{t("cart.problems.summary", { count: problems.length + bookingProblems.length })}</p>
              <ul className="mt-2 list-disc space-y-1 pl-5">
                {problems.map((l) => (
                  <li key={l.id}>
                    {t("checkout.error.line", {
                      title: pick(lang, l.titleZh, l.titleEn),
                      variant: pick(lang, l.variantZh, l.variantEn),
                      problem: lineProblemText(t, l.problem!),
                    })}
                  </li>
                ))}
                {bookingProblems.map((l) => (
                  <li key={l.id}>
                    {t("checkout.error.lineShort", {
                      title: l.kind === "stay" ? `${pick(lang, l.stayZh, l.stayEn)} ${pick(lang, l.roomZh, l.roomEn)}` : pick(lang, l.titleZh, l.titleEn),
                      problem: lineProblemText(t, l.problem!),
                    })}
                  </li>
                ))}
              </ul>
              {priceChanges ? (
                <Form method="post" action={localePath(lang, "/cart")} className="mt-3">
                  <input type="hidden" name="intent" value="acceptPrices" />
                  <button type="submit" className="inline-flex min-h-11 items-center rounded-lg bg-tea-800 px-4 py-2 text-white hover:bg-tea-700">
                    {t("cart.acceptPrices")}
                  </button>
                </Form>
              ) : null}
            </div>
          ) : null}
          <div className="grid gap-6 lg:grid-cols-3">
            <div className="space-y-4 lg:col-span-2">
              {view.groups.map((group) => (
                <CartGroupSection key={group.cooperative.id} group={group} today={today} />
              ))}
            </div>
            <aside aria-labelledby="cart-summary" className="h-fit space-y-4 rounded-lg border border-stone-200 bg-white p-4">
              <h2 id="cart-summary" className="text-lg font-semibold">
                {t("cart.summary")}
              </h2>
              <CartTotals cart={view} />
              {view.hasProblems ? (
                <>
                  <p id="checkout-blocked" className="text-sm text-red-800">
                    {t("cart.checkout.blocked")}
                  </p>
                  <span
                    role="link"
                    aria-disabled="true"
                    aria-describedby="checkout-blocked"
                    className="flex min-h-11 w-full cursor-not-allowed items-center justify-center rounded-lg bg-stone-300 px-4 py-2 text-stone-700"
                  >
                    {t("cart.checkout")}
                  </span>
                </>
              ) : (
                <LocaleLink
                  to="/checkout"
                  className="flex min-h-11 w-full items-center justify-center rounded-lg bg-tea-800 px-4 py-2 text-lg font-medium text-white hover:bg-tea-700"
                >
                  {t("cart.checkout")} · {formatPrice(view.totalCents)}
                </LocaleLink>
              )}
              <LocaleLink to="/products" className="block text-center text-tea-700 underline">
                {t("cart.continue")}
              </LocaleLink>
            </aside>
          </div>
        </>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
