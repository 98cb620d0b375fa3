// /checkout: contact, a mainland-China address (when the cart holds products) and a note, beside
// the order grouped by cooperative; a cart of stays at hosts who offer it may be paid on arrival. Submitting places the order (stock taken and held) and goes on to the payment
// page (303). A bad field is a 400 with the message beside it and the values kept; a cart that
// changed meanwhile is a 409 naming the lines (nothing held); an empty cart goes back to /cart.
import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { lineProblemText } from "~/components/cart/CartLines";
import { CheckoutSummary } from "~/components/cart/CheckoutSummary";
import { PROVINCES_ZH } from "~/components/cart/provinces";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { Field, FormErrors, SubmitButton, TextareaField } from "~/components/forms/Fields";
import { LocaleLink } from "~/components/LocaleLink";
import { getSession } from "~/modules/accounts/auth.server";
import { readSession } from "~/modules/accounts/session.server";
import { getCart } from "~/modules/cart/cart.server";
import { currentCartId } from "~/modules/cart/cookie.server";
import { CheckoutError, type CheckoutProblemLine, placeOrder } from "~/modules/orders/checkout.server";
import { BookingCheckoutFormSchema, CheckoutFormSchema } from "~/modules/orders/schemas";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { formatPrice, todayInShanghai } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { readForm } from "~/utils/forms.server";
import { PRIVATE_NO_STORE, appOrigin } from "~/utils/http.server";
import { type Lang, langFromRequest, localePath, pick } from "~/utils/i18n";
import { privateMeta } from "~/utils/seo";
import { type TFunction, useLang, useT } from "~/utils/t";

const NO_STORE = { "Cache-Control": PRIVATE_NO_STORE };

const toCart = (lang: Lang, notice?: string) =>
  redirect(localePath(lang, notice ? `/cart?notice=${notice}` : "/cart"), {
    status: 303,
    headers: NO_STORE,
  });

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const lang = langFromRequest(request);
  const session = await readSession(db, request);
  const cartId = await currentCartId(request, db, session);
  const cart = cartId ? await getCart(db, cartId) : null;
  if (!cart || cart.lineCount === 0) throw toCart(lang);
  return data(
    {
      cart,
      today: todayInShanghai(),
      user: session ? { email: session.user.email, name: session.user.name } : null,
      holdMinutes: env().CHECKOUT_HOLD_MINUTES,
      hasBookings: cart.groups.some((g) => g.stays.length || g.experiences.length),
    },
    { headers: NO_STORE }
  );
}

export const headers = () => NO_STORE;

export const meta: MetaFunction = ({ location }) => privateMeta(location.pathname, "checkout.title");

type Problem = {
  code: "sold_out" | "cart_changed" | "payment_unavailable" | "unavailable" | "invalid_checkout";
  lines: CheckoutProblemLine[];
};

/** The form asks for an address only when the cart holds products (read from the cart, not the form). */
async function schemaFor(request: Request, db: ReturnType<typeof getDb>, session: Awaited<ReturnType<typeof getSession>>) {
  const cartId = await currentCartId(request, db, session);
  const cart = cartId ? await getCart(db, cartId) : null;
  return {
    cartId,
    schema: cart && !cart.hasProducts ? BookingCheckoutFormSchema : CheckoutFormSchema,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const session = await getSession(request, db);
  const lang = langFromRequest(request);
  const form = await readForm(request);
  const { cartId, schema } = await schemaFor(request, db, session);
  const submission = parseForm(form, schema as typeof CheckoutFormSchema);
  if (submission.status !== "success")
    return data({ result: submission.reply(), problem: null as Problem | null }, { status: 400, headers: NO_STORE });
  if (!cartId) return toCart(lang);
  try {
    const placed = await placeOrder(db, {
      cartId,
      userId: session?.user.id ?? null,
      input: submission.value,
      locale: lang,
      origin: appOrigin(request),
    });
    return redirect(placed.paymentUrl, { status: 303, headers: NO_STORE });
  } catch (error) {
    if (!(error instanceof CheckoutError)) throw error;
    if (error.code === "cart_empty" || error.code === "cart_not_found") return toCart(lang);
    const problem: Problem = { code: error.code, lines: error.lines };
    return data({ result: submission.reply(), problem }, { status: error.status, headers: NO_STORE });
  }
}

function problemHeading(t: TFunction, problem: Problem): string {
  if (problem.code === "payment_unavailable") return t("checkout.error.payment");
  if (problem.code === "unavailable") return t("checkout.error.taken");
  if (problem.code === "invalid_checkout") return t("checkout.payOnArrival.notOffered");
  if (problem.code === "sold_out") return t("checkout.error.soldOut");
  return t("checkout.error.changed");
}

function ProblemBox({ problem }: { problem: Problem }) {
  const t = useT();
  const lang = useLang();
  return (
    <div role="alert" className="space-y-2 rounded-lg border border-red-300 bg-red-50 p-4 text-red-900">
      <p className="font-medium">{problemHeading(t, problem)}</p>
      {problem.lines.length ? (
        <ul className="list-disc space-y-1 pl-5">
          {problem.lines.map((l) => (
            <li key={`${l.sku}${l.titleEn}`}>
              {t("checkout.error.lineShort", {
                title: pick(lang, l.titleZh, l.titleEn),
                problem: lineProblemText(t, l.problem),
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {problem.code !== "payment_unavailable" ? (
        <LocaleLink to="/cart" className="inline-block font-medium underline">
          {t("checkout.backToCart")}
        </LocaleLink>
      ) : null}
    </div>
  );
}

export default function CheckoutPage() {
  const { cart, today, user, holdMinutes, hasBookings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const [form, fields] = useForm({
    id: "checkout",
    lastResult: actionData?.result,
    defaultValue: { email: user?.email ?? "", name: user?.name ?? "" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, cart.hasProducts ? CheckoutFormSchema : BookingCheckoutFormSchema),
  });
  const payment = fields.payment;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold text-stone-900">{t("checkout.title")}</h1>
      {actionData?.problem ? <ProblemBox problem={actionData.problem} /> : null}
      {cart.hasProblems && !actionData?.problem ? (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-red-900">
          {t("cart.checkout.blocked")}{" "}
          <LocaleLink to="/cart" className="font-medium underline">
            {t("checkout.backToCart")}
          </LocaleLink>
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-5">
        <Form method="post" {...getFormProps(form)} className="space-y-6 lg:col-span-3">
          <FormErrors id={form.errorId} errors={form.errors} />
          <fieldset className="space-y-4 rounded-lg border border-stone-200 bg-white p-4">
            <legend className="px-1 text-lg font-semibold">{t("checkout.contact")}</legend>
            {user ? (
              <p className="text-sm text-stone-700">{t("checkout.signedInAs", { email: user.email })}</p>
            ) : (
              <p className="text-sm text-stone-700">
                {t("checkout.loginHint")}{" "}
                <LocaleLink to={`/login?redirectTo=${encodeURIComponent(localePath(lang, "/checkout"))}`} className="text-tea-700 underline">
                  {t("checkout.login")}
                </LocaleLink>
              </p>
            )}
            <Field
              meta={fields.email}
              type="email"
              label={t("checkout.field.email")}
              hint={t("checkout.field.emailHint")}
              autoComplete="email"
              inputMode="email"
            />
            <Field meta={fields.name} label={t("checkout.field.name")} autoComplete="shipping name" />
            <Field
              meta={fields.phone}
              type="tel"
              label={t("checkout.field.phone")}
              hint={t("checkout.field.phoneHint")}
              autoComplete="shipping tel-national"
              inputMode="tel"
            />
          </fieldset>
          {cart.hasProducts ? (
            <fieldset className="space-y-4 rounded-lg border border-stone-200 bg-white p-4">
              <legend className="px-1 text-lg font-semibold">{t("checkout.address")}</legend>
              <p className="text-sm text-stone-700">{t("checkout.addressHint")}</p>
              <Field meta={fields.province} label={t("checkout.field.province")} autoComplete="shipping address-level1" list="checkout-provinces" />
              <datalist id="checkout-provinces">
                {PROVINCES_ZH.map((p) => (
                  <option key={p} value={p} />
                ))}
              </datalist>
              <Field meta={fields.city} label={t("checkout.field.city")} autoComplete="shipping address-level2" />
              <Field meta={fields.district} label={t("checkout.field.district")} autoComplete="shipping address-level3" />
              <Field
                meta={fields.detail}
                label={t("checkout.field.detail")}
                hint={t("checkout.field.detailHint")}
                autoComplete="shipping street-address"
              />
              <TextareaField meta={fields.note} label={t("checkout.field.note")} hint={t("checkout.field.noteHint")} rows={2} />
            </fieldset>
          ) : (
            <p className="text-sm text-stone-700">{t("checkout.bookings.contactHint")}</p>
          )}
          {cart.payOnArrivalAllowed ? (
            <fieldset className="space-y-2 rounded-lg border border-stone-200 bg-white p-4">
              <legend className="px-1 text-lg font-semibold">{t("checkout.payment.title")}</legend>
              <label className="flex min-h-11 items-center gap-2">
                <input type="radio" name={payment.name} value="online" defaultChecked className="h-5 w-5" />
                {t("checkout.payment.online")}
              </label>
              <label className="flex min-h-11 items-center gap-2">
                <input type="radio" name={payment.name} value="on_arrival" className="h-5 w-5" aria-describedby="on-arrival-hint" />
                {t("checkout.payment.onArrival")}
              </label>
              <p id="on-arrival-hint" className="text-sm text-stone-600">
                {t("checkout.payment.onArrivalHint")}
              </p>
            </fieldset>
          ) : null}
          <div className="space-y-2">
            <SubmitButton className="w-full text-lg">{t("checkout.pay", { amount: formatPrice(cart.totalCents) })}</SubmitButton>
            <p className="text-sm text-stone-600">{t(hasBookings ? "checkout.holdNoteBookings" : "checkout.holdNote", { minutes: holdMinutes })}</p>
          </div>
        </Form>
        <section aria-labelledby="checkout-summary" className="space-y-3 lg:col-span-2">
          <h2 id="checkout-summary" className="text-lg font-semibold">
            {t("checkout.summary")}
          </h2>
          <CheckoutSummary cart={cart} today={today} />
          <LocaleLink to="/cart" className="block text-tea-700 underline">
            {t("checkout.backToCart")}
          </LocaleLink>
        </section>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
