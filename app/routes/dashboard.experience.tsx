// One experience: edit it, archive or restore it, and go to its sessions.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LocaleLink } from "~/components/LocaleLink";
import { ExperienceForm, experienceDefaults } from "~/components/dashboard/listings/ExperienceForm";
import { ArchivePanel, ListingErrorBoundary, PageHeader, StatusBadge, listingMeta } from "~/components/dashboard/listings/ui";
import { experienceSchema } from "~/modules/seller-listings/experience-schemas";
import { experienceRef, getSellerExperience, setExperienceArchived, updateExperience } from "~/modules/seller-listings/experiences.server";
import { archiveOrRestore, attempt, done, found, invalid, loaded, postedForm, routeId, sellerScope, unknownIntent } from "~/modules/seller-listings/respond.server";
import { listVillageOptions } from "~/modules/seller-listings/villages.server";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE, notFound } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";

export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });
export const meta = listingMeta("listings.experience.editTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, cooperativeId } = await sellerScope(request);
  const experience = await getSellerExperience(db, cooperativeId, routeId(params.experienceId));
  if (!experience) notFound();
  return loaded({ experience, villages: await listVillageOptions(db) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, cooperativeId } = await sellerScope(request);
  const experienceId = routeId(params.experienceId);
  // Another cooperative's experience is not found, whatever the form says.
  await found(experienceRef(db, cooperativeId, experienceId));
  const formData = await postedForm(request);
  switch (formData.get("intent")) {
    case "save": {
      const submission = parseForm(formData, experienceSchema);
      if (submission.status !== "success") return invalid("experience", submission);
      const outcome = await attempt("experience", submission, () => updateExperience(db, cooperativeId, experienceId, submission.value));
      if (!outcome.ok) return outcome.response;
      return done("experience", submission, { reset: false, notice: { key: "listings.saved" } });
    }
    case "archive":
    case "restore":
      return archiveOrRestore(formData, (archive) => setExperienceArchived(db, cooperativeId, experienceId, archive));
    default:
      return unknownIntent();
  }
}

export default function EditExperience() {
  const { experience, villages } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div className="space-y-4">
      <PageHeader
        title={pick(lang, experience.titleZh, experience.titleEn)}
        back={{ to: "/dashboard/experiences", label: t("listings.experience.back") }}
      >
        <StatusBadge status={experience.status} />
      </PageHeader>
      <p className="flex flex-wrap gap-x-4">
        <LocaleLink
          to={`/dashboard/experiences/${experience.id}/slots`}
          className="inline-flex min-h-11 items-center rounded-lg bg-tea-800 px-4 py-2 font-medium text-white"
        >
          {t("listings.experiences.slots")}
        </LocaleLink>
        {experience.status === "active" ? (
          <LocaleLink to={`/experiences/${experience.slug}`} className="inline-flex min-h-11 items-center text-tea-800 underline underline-offset-4">
            {t("listings.view")}
          </LocaleLink>
        ) : null}
      </p>
      <ExperienceForm
        key={String(experience.updatedAt)}
        villages={villages}
        status={experience.status}
        submitLabel={t("listings.save")}
        defaultValue={experienceDefaults(experience)}
      />
      <ArchivePanel status={experience.status} />
    </div>
  );
}

export const ErrorBoundary = ListingErrorBoundary;
