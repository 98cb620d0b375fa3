// A new experience: the form, then its page (with the way to its sessions).
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ExperienceForm } from "~/components/dashboard/listings/ExperienceForm";
import { ListingErrorBoundary, PageHeader, listingMeta } from "~/components/dashboard/listings/ui";
import { experienceSchema } from "~/modules/seller-listings/experience-schemas";
import { createExperience } from "~/modules/seller-listings/experiences.server";
import { attempt, invalid, loaded, postedForm, sellerScope } from "~/modules/seller-listings/respond.server";
import { cooperativeVillageId, listVillageOptions } from "~/modules/seller-listings/villages.server";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { langFromRequest, localePath } from "~/utils/i18n";
import { useT } from "~/utils/t";

export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });
export const meta = listingMeta("listings.experience.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, cooperativeId } = await sellerScope(request);
  const [villages, villageId] = await Promise.all([listVillageOptions(db), cooperativeVillageId(db, cooperativeId)]);
  return loaded({ villages, villageId });
}

export async function action({ request }: ActionFunctionArgs) {
  const { db, cooperativeId } = await sellerScope(request);
  const submission = parseForm(await postedForm(request), experienceSchema);
  if (submission.status !== "success") return invalid("experience", submission);
  const outcome = await attempt("experience", submission, () => createExperience(db, cooperativeId, submission.value));
  if (!outcome.ok) return outcome.response;
  return redirect(localePath(langFromRequest(request), `/dashboard/experiences/${outcome.value.id}`));
}

export default function NewExperience() {
  const { villages, villageId } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-4">
      <PageHeader title={t("listings.experience.newTitle")} back={{ to: "/dashboard/experiences", label: t("listings.experience.back") }} />
      <ExperienceForm
        villages={villages}
        submitLabel={t("listings.experience.create")}
        defaultValue={{ villageId: villageId ? String(villageId) : "", durationMinutes: "120", minPeople: "1", maxPeople: "10", bookingCutoffHours: "2", status: "draft" }}
      />
    </div>
  );
}

export const ErrorBoundary = ListingErrorBoundary;
