// What a seller can do next with an order, one form per step (each a plain POST with an `intent`,
// so it works without JavaScript): pack, ship (carrier + tracking number), deliver, and for owners
// refund, which first asks for a reason on a confirmation panel.
import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { Field, FormErrors, SubmitButton, TextareaField } from "~/components/forms/Fields";
import { LocaleLink } from "~/components/LocaleLink";
import { COMMON_CARRIERS, refundSchema, shipSchema } from "~/modules/orders/seller-schemas";
import { formatPrice } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { useT } from "~/utils/t";

export type SellerAction = "pack" | "ship" | "deliver" | "refund";
export type ActionAnswer = { intent: string; result: SubmissionResult<string[]> } | undefined;

const resultFor = (answer: ActionAnswer, intent: SellerAction) => (answer?.intent === intent ? answer.result : undefined);

/** A one-button step (pack, deliver): its refusal (409) shows above the button. */
function StepButton({ intent, label, answer }: { intent: "pack" | "deliver"; label: string; answer: ActionAnswer }) {
  const result = resultFor(answer, intent);
  const [form] = useForm({ id: intent, lastResult: result });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2">
      <FormErrors id={form.errorId} errors={form.errors} />
      <SubmitButton intent={intent} className="w-full sm:w-auto">
        {label}
      </SubmitButton>
    </Form>
  );
}

function ShipForm({ answer }: { answer: ActionAnswer }) {
  const t = useT();
  const [form, fields] = useForm<z.input<typeof shipSchema>, z.output<typeof shipSchema>>({
    id: "ship",
    lastResult: resultFor(answer, "ship"),
    constraint: getZodConstraint(shipSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, shipSchema),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-3 sm:grid-cols-2">
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field meta={fields.carrier} label={t("ordersDashboard.actions.carrier")} list="carriers" autoComplete="off" />
      <datalist id="carriers">
        {COMMON_CARRIERS.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <Field
        meta={fields.trackingNumber}
        label={t("ordersDashboard.actions.trackingNumber")}
        hint={t("ordersDashboard.actions.trackingHint")}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        inputMode="text"
      />
      <div className="sm:col-span-2">
        <p className="mb-2 text-sm text-stone-600">{t("ordersDashboard.actions.shipHint")}</p>
        <SubmitButton intent="ship" className="w-full sm:w-auto">
          {t("ordersDashboard.actions.ship")}
        </SubmitButton>
      </div>
    </Form>
  );
}

/** The refund's confirmation: the amount, what it means, a reason, and a way back. */
export function RefundConfirm({ orderId, amountCents, answer }: { orderId: number; amountCents: number; answer: ActionAnswer }) {
  const t = useT();
  const amount = formatPrice(amountCents);
  const [form, fields] = useForm<z.input<typeof refundSchema>, z.output<typeof refundSchema>>({
    id: "refund",
    lastResult: resultFor(answer, "refund"),
    constraint: getZodConstraint(refundSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, refundSchema),
  });
  return (
    <section aria-labelledby="refund-title" className="space-y-3 rounded-xl border-2 border-red-300 bg-white p-4 shadow-sm">
      <h2 id="refund-title" className="text-lg font-semibold text-red-800">
        {t("ordersDashboard.refund.title")}
      </h2>
      <p>{t("ordersDashboard.refund.body", { amount })}</p>
      <Form method="post" {...getFormProps(form)} className="space-y-3">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextareaField meta={fields.reason} label={t("ordersDashboard.refund.reason")} hint={t("ordersDashboard.refund.reasonHint")} rows={3} />
        <div className="flex flex-wrap gap-2">
          <SubmitButton intent="refund" variant="danger" className="w-full sm:w-auto">
            {t("ordersDashboard.refund.confirm", { amount })}
          </SubmitButton>
          <LocaleLink
            to={`/dashboard/orders/${orderId}`}
            className="inline-flex min-h-11 w-full items-center justify-center rounded-lg border border-stone-300 bg-white px-4 sm:w-auto"
          >
            {t("ordersDashboard.refund.cancel")}
          </LocaleLink>
        </div>
      </Form>
    </section>
  );
}

export function OrderActions({
  orderId,
  actions,
  isOwner,
  waitingForPayment,
  answer,
}: {
  orderId: number;
  actions: SellerAction[];
  isOwner: boolean;
  waitingForPayment: boolean;
  answer: ActionAnswer;
}) {
  const t = useT();
  const steps = actions.filter((a) => a !== "refund");
  const canRefund = actions.includes("refund");
  // A refusal of a step whose form is gone (a colleague packed it first, the refund went
  // through meanwhile) still has to be read: above the remaining steps.
  const stray = answer && !(steps as string[]).includes(answer.intent) ? (answer.result.error?.[""] ?? undefined) : undefined;
  return (
    <section aria-labelledby="actions-title" className="space-y-3 rounded-xl bg-white p-4 shadow-sm">
      <h2 id="actions-title" className="text-lg font-semibold">
        {t("ordersDashboard.actions.title")}
      </h2>
      <FormErrors id="actions-errors" errors={stray} />
      {waitingForPayment ? <p className="text-stone-700">{t("ordersDashboard.actions.waiting")}</p> : null}
      {!waitingForPayment && !actions.length ? <p className="text-stone-700">{t("ordersDashboard.actions.none")}</p> : null}
      {steps.includes("pack") ? <StepButton intent="pack" label={t("ordersDashboard.actions.pack")} answer={answer} /> : null}
      {steps.includes("ship") ? <ShipForm answer={answer} /> : null}
      {steps.includes("deliver") ? <StepButton intent="deliver" label={t("ordersDashboard.actions.deliver")} answer={answer} /> : null}
      {canRefund ? (
        isOwner ? (
          <LocaleLink
            to={`/dashboard/orders/${orderId}?refund=1`}
            className="inline-flex min-h-11 w-full items-center justify-center rounded-lg border border-red-300 bg-white px-4 text-red-800 hover:bg-red-50 sm:w-auto"
          >
            {t("ordersDashboard.actions.refund")}
          </LocaleLink>
        ) : (
          <p className="text-sm text-stone-600">{t("ordersDashboard.actions.refundOwnerOnly")}</p>
        )
      ) : null}
    </section>
  );
}
