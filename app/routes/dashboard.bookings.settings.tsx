// The host's booking settings (owners only): whether travellers may pay at the homestay, and
// whether such a booking is confirmed at once or by the host.
import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { FormErrors, SubmitButton } from "~/components/forms/Fields";
import { ListingErrorBoundary, Notice, PageHeader, Section, listingMeta } from "~/components/dashboard/listings/ui";
import { useListingForm } from "~/components/dashboard/listings/use-listing-form";
import { requireSeller } from "~/modules/accounts/auth.server";
import { PAY_ON_ARRIVAL_CHOICES, payOnArrivalSchema } from "~/modules/bookings/host-schemas";
import { getHostSettings, setPayOnArrival } from "~/modules/bookings/host-settings.server";
import { done, invalid, loaded, postedForm, unknownIntent } from "~/modules/seller-listings/respond.server";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { useT } from "~/utils/t";

export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });
export const meta = listingMeta("hostBookings.settings.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, { owner: true }, db);
  return loaded(await getHostSettings(db, seller.membership.cooperativeId));
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, { owner: true }, db);
  const formData = await postedForm(request);
  if (formData.get("intent") !== "save") return unknownIntent();
  const submission = parseForm(formData, payOnArrivalSchema);
  if (submission.status !== "success") return invalid("settings", submission);
  await setPayOnArrival(db, seller.membership.cooperativeId, submission.value.payOnArrival);
  return done("settings", submission, { reset: false, notice: { key: "hostBookings.settings.saved" } });
}

export default function BookingSettings() {
  const settings = useLoaderData<typeof loader>();
  const t = useT();
  const { form, fields, notice } = useListingForm("settings", payOnArrivalSchema, { payOnArrival: settings.payOnArrival });
  const field = fields.payOnArrival;
  return (
    <div className="space-y-4">
      <PageHeader title={t("hostBookings.settings.title")} back={{ to: "/dashboard/bookings", label: t("hostBookings.settings.back") }} />
      <Form method="post" {...getFormProps(form)}>
        <Section id="pay-on-arrival-title" title={t("hostBookings.settings.payOnArrival")} intro={t("hostBookings.settings.payOnArrivalIntro")}>
          <Notice notice={notice} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <fieldset aria-describedby={field.errors?.length ? field.errorId : undefined}>
            <legend className="sr-only">{t("hostBookings.settings.payOnArrival")}</legend>
            <div className="space-y-3">
              {PAY_ON_ARRIVAL_CHOICES.map((mode) => (
                <label key={mode} className="flex gap-3 rounded-lg border border-stone-200 p-3 has-[:checked]:border-tea-700 has-[:checked]:bg-tea-50">
                  <input
                    type="radio"
                    name={field.name}
                    value={mode}
                    defaultChecked={settings.payOnArrival === mode}
                    aria-describedby={`pay-${mode}-hint`}
                    className="mt-1 h-5 w-5 shrink-0 accent-tea-700"
                  />
                  <span>
                    <span className="block font-medium">{t(`hostBookings.settings.${mode}`)}</span>
                    <span id={`pay-${mode}-hint`} className="block text-sm text-stone-700">
                      {t(`hostBookings.settings.${mode}Hint`)}
                    </span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <FormErrors id={field.errorId} errors={field.errors} />
          <SubmitButton intent="save" className="w-full sm:w-auto">
            {t("hostBookings.settings.save")}
          </SubmitButton>
        </Section>
      </Form>
    </div>
  );
}

export const ErrorBoundary = ListingErrorBoundary;
