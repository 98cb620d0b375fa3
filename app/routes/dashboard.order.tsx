// /dashboard/orders/:sellerOrderId: one of the cooperative's orders — what to pack, where it goes,
// what it earns, how far it got — and the next step: pack, ship (carrier + tracking number, the
// buyer is mailed), deliver; refund (owners only, after a confirmation with a reason). Another
// cooperative's order is a 404; a step the order's status does not allow is a 409 that changes
// nothing (someone else may have just taken it).
import type { SubmissionResult } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { type ActionAnswer, OrderActions, RefundConfirm } from "~/components/dashboard/orders/OrderActions";
import { OrderDetails } from "~/components/dashboard/orders/OrderDetails";
import { OrderStatusBadge } from "~/components/dashboard/orders/OrderStatusBadge";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { LocaleLink } from "~/components/LocaleLink";
import { forbidden, requireSeller } from "~/modules/accounts/auth.server";
import { sendOrderShippedMail } from "~/modules/orders/mails.server";
import { RefundError, refundSellerOrder } from "~/modules/orders/refunds.server";
import { refundSchema, shipSchema, simpleIntentSchema } from "~/modules/orders/seller-schemas";
import {
  SellerOrderError,
  getSellerOrder,
  markDelivered,
  markPacked,
  markShipped,
  sellerOrderInCooperative,
} from "~/modules/orders/seller.server";
import { sellerActions } from "~/modules/orders/status";
import { parseRowId } from "~/modules/seller-products/schemas";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { readForm } from "~/utils/forms.server";
import { PRIVATE_NO_STORE, appOrigin, notFound } from "~/utils/http.server";
import { langFromPath, langFromRequest, localePath } from "~/utils/i18n";
import { translator, useLang, useT } from "~/utils/t";

const DONE = ["packed", "shipped", "delivered", "refunded"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, {}, db);
  const sellerOrderId = parseRowId(params.sellerOrderId) ?? notFound();
  const order = await getSellerOrder(db, { cooperativeId: seller.membership.cooperativeId, sellerOrderId }).catch((error: unknown) => {
    if (error instanceof SellerOrderError && error.code === "not_found") notFound();
    throw error;
  });
  const isOwner = seller.membership.role === "owner";
  // A part of only rooms and seats ships nothing: refunds only (bookings are managed from /dashboard/bookings).
  const actions = sellerActions(order.status).filter((a) => order.lines.length > 0 || a === "refund");
  const wantsRefund = new URL(request.url).searchParams.get("refund") === "1";
  return data(
    {
      order: {
        ...order,
        createdAt: order.createdAt.toISOString(),
        timeline: order.timeline.map((e) => ({ ...e, at: e.at.toISOString() })),
        refunds: order.refunds.map((r) => ({ ...r, at: r.at.toISOString() })),
      },
      actions,
      isOwner,
      confirmRefund: wantsRefund && isOwner && actions.includes("refund"),
    },
    { headers: { "Cache-Control": PRIVATE_NO_STORE } },
  );
}

type Replying = { reply: (options?: { formErrors?: string[] }) => SubmissionResult<string[]> };
const answer = (intent: string, result: SubmissionResult<string[]>, status: number) =>
  data({ intent, result }, { status, headers: { "Cache-Control": PRIVATE_NO_STORE } });

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, {}, db);
  const cooperativeId = seller.membership.cooperativeId;
  const sellerOrderId = parseRowId(params.sellerOrderId) ?? notFound();
  const ref = { cooperativeId, sellerOrderId };
  if (!(await sellerOrderInCooperative(db, ref))) notFound();
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const done = (what: (typeof DONE)[number]) =>
    redirect(localePath(langFromRequest(request), `/dashboard/orders/${sellerOrderId}?done=${what}`));

  switch (intent) {
    case "pack":
    case "deliver": {
      const submission = parseForm(formData, simpleIntentSchema);
      if (submission.status !== "success") return answer(intent, submission.reply(), 400);
      try {
        if (submission.value.intent === "pack") await markPacked(db, ref);
        else await markDelivered(db, ref);
      } catch (error) {
        return refused(intent, submission, error);
      }
      return done(submission.value.intent === "pack" ? "packed" : "delivered");
    }
    case "ship": {
      const submission = parseForm(formData, shipSchema);
      if (submission.status !== "success") return answer(intent, submission.reply(), 400);
      try {
        await markShipped(db, ref, submission.value);
      } catch (error) {
        return refused(intent, submission, error);
      }
      // The shipment is recorded whatever happens to the mail.
      await sendOrderShippedMail(db, sellerOrderId, appOrigin(request)).catch((error: unknown) =>
        console.error(`[orders] shipped mail for seller order ${sellerOrderId} failed:`, error instanceof Error ? error.message : error),
      );
      return done("shipped");
    }
    case "refund": {
      if (seller.membership.role !== "owner") forbidden("Owners only");
      const submission = parseForm(formData, refundSchema);
      if (submission.status !== "success") return answer(intent, submission.reply(), 400);
      try {
        await refundSellerOrder(db, { cooperativeId, sellerOrderId, userId: seller.user.id, reason: submission.value.reason });
      } catch (error) {
        if (!(error instanceof RefundError)) throw error;
        if (error.code === "not_found") notFound();
        const key = error.code === "provider_failed" ? "ordersDashboard.error.refundFailed" : "ordersDashboard.error.cannot.refunded";
        return answer(intent, submission.reply({ formErrors: [key] }), error.status);
      }
      return done("refunded");
    }
    default:
      return data({ message: "Unknown intent" }, { status: 400, headers: { "Cache-Control": PRIVATE_NO_STORE } });
  }
}

/** A module's refusal as the form's answer: 409 for a step the status does not allow, 400 for bad input. */
function refused(intent: string, submission: Replying, error: unknown) {
  if (!(error instanceof SellerOrderError)) throw error;
  if (error.code === "not_found") notFound();
  return answer(intent, submission.reply({ formErrors: [error.messageKey] }), error.status);
}

export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });

export const meta: MetaFunction<typeof loader> = ({ data: loaded, location }) => {
  const t = translator(langFromPath(location.pathname));
  const title = loaded ? t("ordersDashboard.detail.title", { number: loaded.order.number }) : t("ordersDashboard.title");
  return [{ title: `${title} · ${t("dashboard.title")}` }, { name: "robots", content: "noindex" }];
};

export default function DashboardOrder() {
  const { order, actions, isOwner, confirmRefund } = useLoaderData<typeof loader>();
  const answerData = useActionData<typeof action>() as ActionAnswer | { message: string } | undefined;
  const last = answerData && "intent" in answerData ? answerData : undefined;
  const [search] = useSearchParams();
  const t = useT();
  const lang = useLang();
  const done = DONE.find((d) => d === search.get("done"));
  const showRefund = (confirmRefund || last?.intent === "refund") && isOwner && actions.includes("refund");
  return (
    <section aria-labelledby="order-title" className="space-y-4">
      <LocaleLink to="/dashboard/orders" className="inline-flex min-h-11 items-center text-tea-800 underline">
        {t("ordersDashboard.detail.back")}
      </LocaleLink>
      <div className="flex flex-wrap items-center gap-3">
        <h1 id="order-title" className="text-xl font-semibold">
          {t("ordersDashboard.detail.title", { number: order.number })}
        </h1>
        <OrderStatusBadge status={order.status} />
      </div>
      <p className="text-sm text-stone-600">{t("ordersDashboard.detail.placedAt", { at: formatDateTime(order.createdAt, lang) })}</p>
      {done && !last ? (
        <p role="status" className="rounded-lg border border-tea-600 bg-tea-50 p-3 text-tea-800">
          {t(`ordersDashboard.done.${done}`)}
        </p>
      ) : null}
      {showRefund ? (
        <RefundConfirm orderId={order.id} amountCents={order.totalCents - order.refundedCents} answer={last} />
      ) : (
        <OrderActions orderId={order.id} actions={actions} isOwner={isOwner} waitingForPayment={order.status === "pending_payment"} answer={last} />
      )}
      <OrderDetails order={order} />
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
