// The host's booking page: the guest's contact, the cancel form (a reason the guest will read)
// and the answer to a pay-on-arrival request. Plain form posts: they work without JavaScript.
import { Form } from "@remix-run/react";
import type { MessageKey } from "~/locales";
import type { BookingView } from "~/modules/bookings/traveller.server";
import { formatPrice } from "~/utils/format";
import { useT } from "~/utils/t";

type Failure = { intent: string; error: MessageKey; fieldError?: boolean } | undefined;

const CARD = "rounded-xl bg-white p-5 shadow-sm sm:p-6";
const INPUT = "mt-1 block w-full rounded-lg border border-stone-300 px-3 py-2 text-base";

export function GuestCard({ booking }: { booking: BookingView }) {
  const t = useT();
  const o = booking.order;
  return (
    <dl className="mt-4 grid gap-2 rounded-lg bg-stone-50 p-3 sm:grid-cols-3">
      <div>
        <dt className="text-sm text-stone-600">{t("travellerBookings.host.guest")}</dt>
        <dd className="font-medium">{o.name}</dd>
      </div>
      <div>
        <dt className="text-sm text-stone-600">{t("travellerBookings.host.phone")}</dt>
        <dd>
          <a href={`tel:${o.phone}`} className="inline-flex min-h-11 items-center text-tea-800 underline underline-offset-2">
            {o.phone}
          </a>
        </dd>
      </div>
      <div className="min-w-0">
        <dt className="text-sm text-stone-600">{t("travellerBookings.host.email")}</dt>
        <dd className="break-all">
          <a href={`mailto:${o.email}`} className="inline-flex min-h-11 items-center text-tea-800 underline underline-offset-2">
            {o.email}
          </a>
        </dd>
      </div>
    </dl>
  );
}

function ReasonField({ id, label, failure, intent }: { id: string; label: string; failure: Failure; intent: string }) {
  const t = useT();
  const invalid = failure?.intent === intent && failure.fieldError;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <textarea
        id={id}
        name="reason"
        required
        maxLength={500}
        rows={3}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        className={INPUT}
      />
      {invalid ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-800">
          {t("form.required")}
        </p>
      ) : null}
    </div>
  );
}

function FailureNote({ failure, intents }: { failure: Failure; intents: string[] }) {
  const t = useT();
  if (!failure || !intents.includes(failure.intent) || failure.fieldError) return null;
  return (
    <p role="alert" className="mt-3 rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-800">
      {t(failure.error)}
    </p>
  );
}

export function HostCancelForm({ isOwner, refundCents, onArrival, failure }: { isOwner: boolean; refundCents: number; onArrival: boolean; failure: Failure }) {
  const t = useT();
  return (
    <section aria-labelledby="host-cancel-title" className={CARD}>
      <h2 id="host-cancel-title" className="text-lg font-semibold text-stone-900">
        {t("travellerBookings.host.cancel.title")}
      </h2>
      <FailureNote failure={failure} intents={["cancel"]} />
      {isOwner ? (
        <Form method="post" className="mt-3 space-y-3">
          <p className="text-stone-800">
            {onArrival ? t("travellerBookings.host.cancel.hintOnArrival") : t("travellerBookings.host.cancel.hint", { amount: formatPrice(refundCents) })}
          </p>
          <ReasonField id="cancel-reason" label={t("travellerBookings.host.cancel.reason")} failure={failure} intent="cancel" />
          <button
            type="submit"
            name="intent"
            value="cancel"
            className="inline-flex min-h-11 w-full items-center justify-center rounded-lg border border-red-300 bg-white px-4 py-2 font-medium text-red-800 hover:bg-red-50"
          >
            {t("travellerBookings.host.cancel.submit")}
          </button>
        </Form>
      ) : (
        <p className="mt-3 text-stone-700">{t("travellerBookings.host.cancel.ownersOnly")}</p>
      )}
    </section>
  );
}

export function RequestForms({ failure }: { failure: Failure }) {
  const t = useT();
  return (
    <section aria-labelledby="request-title" className={`${CARD} border border-amber-200`}>
      <h2 id="request-title" className="text-lg font-semibold text-stone-900">
        {t("travellerBookings.host.request.title")}
      </h2>
      <p className="mt-2 text-stone-800">{t("travellerBookings.host.request.hint")}</p>
      <FailureNote failure={failure} intents={["confirm", "decline"]} />
      <Form method="post" className="mt-3">
        <button
          type="submit"
          name="intent"
          value="confirm"
          className="inline-flex min-h-11 w-full items-center justify-center rounded-lg bg-tea-800 px-4 py-2 font-medium text-white hover:bg-tea-700"
        >
          {t("travellerBookings.host.request.confirm")}
        </button>
      </Form>
      <Form method="post" className="mt-4 space-y-3">
        <ReasonField id="decline-reason" label={t("travellerBookings.host.request.reason")} failure={failure} intent="decline" />
        <button
          type="submit"
          name="intent"
          value="decline"
          className="inline-flex min-h-11 w-full items-center justify-center rounded-lg border border-stone-300 bg-white px-4 py-2 font-medium text-stone-900 hover:bg-stone-50"
        >
          {t("travellerBookings.host.request.decline")}
        </button>
      </Form>
    </section>
  );
}
