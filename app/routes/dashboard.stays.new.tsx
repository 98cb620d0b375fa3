// A new stay: the form, then its page (where rooms are added).
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { StayForm } from "~/components/dashboard/listings/StayForm";
import { ListingErrorBoundary, PageHeader, listingMeta } from "~/components/dashboard/listings/ui";
import { attempt, invalid, loaded, postedForm, sellerScope } from "~/modules/seller-listings/respond.server";
import { staySchema } from "~/modules/seller-listings/stay-schemas";
import { createStay } from "~/modules/seller-listings/stays.server";
import { cooperativeVillageId, listVillageOptions } from "~/modules/seller-listings/villages.server";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { langFromRequest, localePath } from "~/utils/i18n";
import { useT } from "~/utils/t";

export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });
export const meta = listingMeta("listings.stay.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, cooperativeId } = await sellerScope(request);
  const [villages, villageId] = await Promise.all([listVillageOptions(db), cooperativeVillageId(db, cooperativeId)]);
  return loaded({ villages, villageId });
}

export async function action({ request }: ActionFunctionArgs) {
  const { db, cooperativeId } = await sellerScope(request);
  const submission = parseForm(await postedForm(request), staySchema);
  if (submission.status !== "success") return invalid("stay", submission);
  const outcome = await attempt("stay", submission, () => createStay(db, cooperativeId, submission.value));
  if (!outcome.ok) return outcome.response;
  return redirect(localePath(langFromRequest(request), `/dashboard/stays/${outcome.value.id}`));
}

export default function NewStay() {
  const { villages, villageId } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-4">
      <PageHeader title={t("listings.stay.newTitle")} back={{ to: "/dashboard/stays", label: t("listings.stay.back") }} />
      <StayForm
        villages={villages}
        submitLabel={t("listings.stay.create")}
        defaultValue={{
          villageId: villageId ? String(villageId) : "",
          checkInTime: "14:00",
          checkOutTime: "12:00",
          cancellationPolicy: "moderate",
          status: "draft",
          amenities: [],
        }}
      />
    </div>
  );
}

export const ErrorBoundary = ListingErrorBoundary;
