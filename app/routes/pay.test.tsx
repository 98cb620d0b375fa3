// /pay/test/:number — the built-in test provider's "payment page". Unmistakably a test: no
// money moves. Its buttons report success or failure through the same applyPaymentEvent as a
// real provider's webhook, then show the order; "abandon" goes back to the cart (the stock stays
// held until the hold expires). Reached with the order's signed token (?t=…) or as its owner;
// anyone else, and every visitor while another provider is active, gets 404.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { getSession } from "~/modules/accounts/auth.server";
import { readSession } from "~/modules/accounts/session.server";
import { orderPath } from "~/modules/orders/access.server";
import { getOrderForBuyer } from "~/modules/orders/buyer.server";
import { testPaymentsEnabled } from "~/modules/payments/provider.server";
import { completeTestPayment } from "~/modules/payments/test-provider.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime, formatPrice } from "~/utils/format";
import { readForm } from "~/utils/forms.server";
import { PRIVATE_NO_STORE, appOrigin, notFound } from "~/utils/http.server";
import { langFromRequest, localePath } from "~/utils/i18n";
import { privateMeta } from "~/utils/seo";
import { useLang, useT } from "~/utils/t";

const NO_STORE = { "Cache-Control": PRIVATE_NO_STORE };

/** The order this visitor may pay with the test provider, or a 404. */
async function payableOrder(request: Request, number: string, session: Awaited<ReturnType<typeof readSession>>) {
  if (!testPaymentsEnabled()) notFound();
  const token = new URL(request.url).searchParams.get("t");
  const order = await getOrderForBuyer(getDb(), { number, userId: session?.user.id ?? null, token });
  if (!order || order.provider !== "test") notFound();
  return order;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const order = await payableOrder(request, params.number ?? "", await readSession(db, request));
  return data(
    {
      number: order.number,
      status: order.status,
      totalCents: order.totalCents,
      holdExpiresAt: order.holdExpiresAt,
      orderLink: orderPath(langFromRequest(request), order.number),
    },
    { headers: NO_STORE },
  );
}

export const headers = () => ({ ...NO_STORE, "X-Robots-Tag": "noindex" });

export const meta: MetaFunction = ({ location }) => privateMeta(location.pathname, "pay.test.title");

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const session = await getSession(request, db);
  const order = await payableOrder(request, params.number ?? "", session);
  const lang = langFromRequest(request);
  const intent = (await readForm(request)).get("intent");
  if (intent === "abandon") return redirect(localePath(lang, "/cart"), { status: 303, headers: NO_STORE });
  if (intent !== "succeed" && intent !== "fail") throw data({ message: "Unknown intent" }, { status: 400, headers: NO_STORE });
  // An order that is no longer waiting for payment ignores the event (the state machine says so).
  await completeTestPayment(db, order.number, intent === "succeed" ? "succeeded" : "failed", { origin: appOrigin(request) });
  return redirect(orderPath(lang, order.number), { status: 303, headers: NO_STORE });
}

const button = "inline-flex min-h-12 w-full items-center justify-center rounded-lg px-4 py-3 text-lg font-medium";

export default function TestPaymentPage() {
  const { number, status, totalCents, holdExpiresAt, orderLink } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div role="note" className="rounded-lg border-4 border-dashed border-amber-600 bg-amber-100 p-4 text-center text-amber-950">
        <p className="text-xl font-bold" lang="zh-CN">
          {t("pay.test.banner")}
        </p>
        <p className="text-lg font-semibold" lang="en">
          {t("pay.test.bannerEn")}
        </p>
      </div>
      <h1 className="text-2xl font-bold text-stone-900">{t("pay.test.title")}</h1>
      <p className="text-stone-700">{t("pay.test.explain")}</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-lg border border-stone-200 bg-white p-4 text-base">
        <dt className="text-stone-600">{t("pay.test.order")}</dt>
        <dd className="font-mono">{number}</dd>
        <dt className="text-stone-600">{t("pay.test.amount")}</dt>
        <dd className="text-xl font-semibold text-persimmon-600">{formatPrice(totalCents)}</dd>
      </dl>
      {status === "pending_payment" ? (
        <div className="space-y-3">
          <Form method="post">
            <button type="submit" name="intent" value="succeed" className={`${button} bg-tea-800 text-white hover:bg-tea-700`}>
              {t("pay.test.succeed")}
            </button>
          </Form>
          <Form method="post">
            <button type="submit" name="intent" value="fail" className={`${button} border border-red-300 bg-white text-red-800 hover:bg-red-50`}>
              {t("pay.test.fail")}
            </button>
          </Form>
          <Form method="post">
            <button
              type="submit"
              name="intent"
              value="abandon"
              aria-describedby="abandon-hint"
              className={`${button} border border-stone-300 bg-white text-stone-900 hover:bg-stone-50`}
            >
              {t("pay.test.abandon")}
            </button>
            <p id="abandon-hint" className="mt-1 text-sm text-stone-600">
              {t("pay.test.abandonHint", { time: formatDateTime(holdExpiresAt, lang) })}
            </p>
          </Form>
        </div>
      ) : (
        <p role="status" className="rounded-lg border border-stone-200 bg-white p-4">
          {t("pay.test.done", { status: t(`orders.status.${status}`) })}{" "}
          <Link to={orderLink} className="font-medium text-tea-700 underline">
            {t("pay.test.viewOrder")}
          </Link>
        </p>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
