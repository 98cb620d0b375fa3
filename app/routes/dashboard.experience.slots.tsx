// An experience's sessions: upcoming ones with their seats, one more at a time, or a weekly
// schedule (every Saturday and Sunday at 9:00 and 14:00 for 8 weeks…). Times are Asia/Shanghai.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AddSlotForm, ScheduleForm, SlotList } from "~/components/dashboard/listings/SlotForms";
import { ListingErrorBoundary, PageHeader, StatusBadge, listingMeta } from "~/components/dashboard/listings/ui";
import { addSlotSchema, deleteSlotSchema, scheduleSchema, scheduleSpec, slotCapacitySchema } from "~/modules/seller-listings/experience-schemas";
import { attempt, done, found, invalid, loaded, postedForm, routeId, sellerScope, unknownIntent } from "~/modules/seller-listings/respond.server";
import { planSchedule, shanghaiInstant } from "~/modules/seller-listings/schedule";
import { experienceRef } from "~/modules/seller-listings/experiences.server";
import { addSlot, createSlots, deleteSlot, listUpcomingSlots, setSlotCapacity } from "~/modules/seller-listings/slots.server";
import { todayInShanghai } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";

export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });
export const meta = listingMeta("listings.slots.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, cooperativeId } = await sellerScope(request);
  const experienceId = routeId(params.experienceId);
  const experience = await found(experienceRef(db, cooperativeId, experienceId));
  const now = new Date();
  const { slots, total } = await listUpcomingSlots(db, cooperativeId, experienceId, { now });
  return loaded({ experience, slots, total, today: todayInShanghai(now) });
}

/** The row a capacity or delete form came from, to show the answer in that row only. */
function rowForm(prefix: string, formData: FormData): string {
  return `${prefix}-${String(formData.get("slotId") ?? "").slice(0, 12)}`;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, cooperativeId } = await sellerScope(request);
  const experienceId = routeId(params.experienceId);
  // Another cooperative's experience is not found, whatever the form says.
  await found(experienceRef(db, cooperativeId, experienceId));
  const formData = await postedForm(request);
  const now = new Date();
  switch (formData.get("intent")) {
    case "add-slot": {
      const submission = parseForm(formData, addSlotSchema);
      if (submission.status !== "success") return invalid("slot", submission);
      const { date, time, capacity } = submission.value;
      const outcome = await attempt("slot", submission, () =>
        addSlot(db, cooperativeId, experienceId, { startsAt: shanghaiInstant(date, time), capacity }, { now }),
      );
      if (!outcome.ok) return outcome.response;
      return done("slot", submission, { notice: { key: "listings.slots.added" } });
    }
    case "capacity": {
      const form = rowForm("slot", formData);
      const submission = parseForm(formData, slotCapacitySchema);
      if (submission.status !== "success") return invalid(form, submission);
      const { slotId, capacity } = submission.value;
      const outcome = await attempt(form, submission, () => setSlotCapacity(db, cooperativeId, experienceId, slotId, capacity));
      if (!outcome.ok) return outcome.response;
      return done(form, submission, { notice: { key: "listings.slots.capacityChanged" } });
    }
    case "delete-slot": {
      const form = rowForm("slot-delete", formData);
      const submission = parseForm(formData, deleteSlotSchema);
      if (submission.status !== "success") return invalid(form, submission);
      const outcome = await attempt(form, submission, () => deleteSlot(db, cooperativeId, experienceId, submission.value.slotId));
      if (!outcome.ok) return outcome.response;
      return done("slot-list", submission, { notice: { key: "listings.slots.deleted" } });
    }
    case "schedule": {
      const submission = parseForm(formData, scheduleSchema);
      if (submission.status !== "success") return invalid("schedule", submission);
      const { upcoming, past } = planSchedule(scheduleSpec(submission.value), now);
      const outcome = await attempt("schedule", submission, () =>
        createSlots(db, cooperativeId, experienceId, { starts: upcoming, capacity: submission.value.capacity }),
      );
      if (!outcome.ok) return outcome.response;
      const { created, existed } = outcome.value;
      return done("schedule", submission, { notice: { key: "listings.schedule.result", params: { created, existed, past } } });
    }
    default:
      return unknownIntent();
  }
}

export default function ExperienceSlots() {
  const { experience, slots, total, today } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div className="space-y-4">
      <PageHeader title={t("listings.slots.title")} back={{ to: `/dashboard/experiences/${experience.id}`, label: t("listings.slots.back") }}>
        <StatusBadge status={experience.status} />
      </PageHeader>
      <p className="font-medium break-words">{pick(lang, experience.titleZh, experience.titleEn)}</p>
      <p className="text-stone-700">{t("listings.slots.intro")}</p>
      <SlotList slots={slots} total={total} />
      <ScheduleForm today={today} />
      <AddSlotForm today={today} />
    </div>
  );
}

export const ErrorBoundary = ListingErrorBoundary;
