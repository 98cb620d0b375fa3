// A room's calendar on its page: prices for particular dates and closed dates, each a list
// with a delete button per entry and a form to add one. Both forms ask for nights, first and
// last included, the way a host says it ("the nights of 1 to 5 May").
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Field, FormErrors, SubmitButton } from "~/components/forms/Fields";
import { blackoutSchema, rateSchema } from "~/modules/seller-listings/calendar-schemas";
import { MAX_MIN_NIGHTS } from "~/modules/seller-listings/stay-schemas";
import { formatDate, formatPrice } from "~/utils/format";
import type { Lang } from "~/utils/i18n";
import { pick } from "~/utils/i18n";
import { type TFunction, useLang, useT } from "~/utils/t";
import { Notice, Pair, RowAction, Section } from "./ui";
import { useListingAnswer, useListingForm } from "./use-listing-form";

type Range = { id: number; firstNight: string; lastNight: string };
export type RateRow = Range & { priceCents: number; minNights: number; labelZh: string; labelEn: string };
export type BlackoutRow = Range & { reason: string; imported?: boolean };

function nightsText(t: TFunction, lang: Lang, range: Range): string {
  const first = formatDate(range.firstNight, lang);
  if (range.firstNight === range.lastNight) return t("listings.nights.one", { first });
  return t("listings.nights.range", { first, last: formatDate(range.lastNight, lang) });
}

export function RatesSection({ rates, today }: { rates: RateRow[]; today: string }) {
  const t = useT();
  const lang = useLang();
  const { form, fields, notice } = useListingForm("rate", rateSchema(today), { minNights: "1" });
  const deleted = useListingAnswer("rate-delete");
  return (
    <Section id="rates-title" title={t("listings.rates.title")} intro={t("listings.rates.intro")}>
      <Notice notice={deleted?.notice} />
      {rates.length === 0 ? <p className="text-stone-700">{t("listings.rates.empty")}</p> : null}
      <ul className="divide-y divide-stone-200">
        {rates.map((rate) => (
          <li key={rate.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div className="min-w-0">
              <p className="font-medium">{pick(lang, rate.labelZh, rate.labelEn) || t("stays.room.rateDefaultLabel")}</p>
              <p className="text-stone-700">{nightsText(t, lang, rate)}</p>
              <p className="text-sm text-stone-600">{t("listings.rates.summary", { price: formatPrice(rate.priceCents), n: rate.minNights })}</p>
            </div>
            <RowAction intent="delete-rate" idName="rateId" id={rate.id} label={t("listings.delete")} />
          </li>
        ))}
      </ul>
      <Form method="post" {...getFormProps(form)} className="space-y-4 border-t border-stone-200 pt-4">
        <Notice notice={notice} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Pair>
          <Field meta={fields.firstNight} type="date" label={t("listings.rates.firstNight")} hint={t("listings.rates.firstNightHint")} />
          <Field meta={fields.lastNight} type="date" min={today} label={t("listings.rates.lastNight")} hint={t("listings.rates.lastNightHint")} />
        </Pair>
        <Pair>
          <Field meta={fields.price} inputMode="decimal" label={t("listings.rates.price")} />
          <Field meta={fields.minNights} type="number" inputMode="numeric" min={1} max={MAX_MIN_NIGHTS} label={t("listings.rates.minNights")} />
        </Pair>
        <Pair>
          <Field meta={fields.labelZh} label={t("listings.rates.labelZh")} hint={t("listings.rates.labelHint")} />
          <Field meta={fields.labelEn} label={t("listings.rates.labelEn")} lang="en" />
        </Pair>
        <SubmitButton intent="add-rate" className="w-full sm:w-auto">
          {t("listings.rates.add")}
        </SubmitButton>
      </Form>
    </Section>
  );
}

export function BlackoutsSection({ blackouts, today }: { blackouts: BlackoutRow[]; today: string }) {
  const t = useT();
  const lang = useLang();
  const { form, fields, notice } = useListingForm("blackout", blackoutSchema(today));
  const deleted = useListingAnswer("blackout-delete");
  return (
    <Section id="blackouts-title" title={t("listings.blackouts.title")} intro={t("listings.blackouts.intro")}>
      <Notice notice={deleted?.notice} />
      {blackouts.length === 0 ? <p className="text-stone-700">{t("listings.blackouts.empty")}</p> : null}
      <ul className="divide-y divide-stone-200">
        {blackouts.map((blackout) => (
          <li key={blackout.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div className="min-w-0">
              <p className="font-medium">{nightsText(t, lang, blackout)}</p>
              {blackout.imported ? (
                <p className="text-sm break-words text-stone-600">{t("listings.blackouts.imported", { name: blackout.reason })}</p>
              ) : blackout.reason ? (
                <p className="text-sm break-words text-stone-600">{blackout.reason}</p>
              ) : null}
            </div>
            {blackout.imported ? null : (
              <RowAction intent="delete-blackout" idName="blackoutId" id={blackout.id} label={t("listings.blackouts.reopen")} variant="secondary" />
            )}
          </li>
        ))}
      </ul>
      <Form method="post" {...getFormProps(form)} className="space-y-4 border-t border-stone-200 pt-4">
        <Notice notice={notice} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Pair>
          <Field meta={fields.firstNight} type="date" label={t("listings.blackouts.firstNight")} />
          <Field meta={fields.lastNight} type="date" min={today} label={t("listings.blackouts.lastNight")} />
        </Pair>
        <Field meta={fields.reason} label={t("listings.blackouts.reason")} />
        <SubmitButton intent="add-blackout" className="w-full sm:w-auto">
          {t("listings.blackouts.add")}
        </SubmitButton>
      </Form>
    </Section>
  );
}
