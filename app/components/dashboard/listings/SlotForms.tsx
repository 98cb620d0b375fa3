// The sessions page's parts: upcoming sessions (seats, a capacity form and a delete button
// each), adding one session, and the recurring weekly schedule.
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { CheckboxGroup, Field, FormErrors, SubmitButton } from "~/components/forms/Fields";
import type { MessageKey } from "~/locales";
import { MAX_SLOT_CAPACITY, addSlotSchema, scheduleSchema, slotCapacitySchema } from "~/modules/seller-listings/experience-schemas";
import { MAX_SCHEDULE_WEEKS, WEEKDAYS } from "~/modules/seller-listings/schedule";
import { formatDateTime } from "~/utils/format";
import { useLang, useT } from "~/utils/t";
import { Notice, Pair, RowAction, Section } from "./ui";
import { useListingAnswer, useListingForm } from "./use-listing-form";

export type SlotRowData = { id: number; startsAt: string; capacity: number; bookedCount: number; seatsLeft: number };

export function SlotList({ slots, total }: { slots: SlotRowData[]; total: number }) {
  const t = useT();
  const deleted = useListingAnswer("slot-list");
  return (
    <Section id="slots-upcoming" title={t("listings.slots.upcoming")}>
      <Notice notice={deleted?.notice} />
      {slots.length === 0 ? <p className="text-stone-700">{t("listings.slots.empty")}</p> : null}
      <ul className="divide-y divide-stone-200">
        {slots.map((slot) => (
          <SlotRow key={`${slot.id}-${slot.capacity}`} slot={slot} />
        ))}
      </ul>
      {total > slots.length ? <p className="text-sm text-stone-600">{t("listings.slots.more", { shown: slots.length, total })}</p> : null}
    </Section>
  );
}

function SlotRow({ slot }: { slot: SlotRowData }) {
  const t = useT();
  const lang = useLang();
  const { form, fields, notice } = useListingForm(`slot-${slot.id}`, slotCapacitySchema, {
    slotId: String(slot.id),
    capacity: String(slot.capacity),
  });
  const deletion = useListingAnswer(`slot-delete-${slot.id}`);
  return (
    <li className="space-y-2 py-3">
      <p className="font-medium">{formatDateTime(slot.startsAt, lang)}</p>
      <p className="text-sm text-stone-700">
        {t("listings.slots.counts", { capacity: slot.capacity, booked: slot.bookedCount, left: slot.seatsLeft })}
      </p>
      <Notice notice={notice} />
      <FormErrors id={`slot-delete-${slot.id}-errors`} errors={deletion?.result.error?.[""] ?? undefined} />
      <div className="flex flex-wrap items-end gap-2">
        <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-2">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name={fields.slotId.name} value={slot.id} />
          <Field
            meta={fields.capacity}
            type="number"
            inputMode="numeric"
            min={Math.max(1, slot.bookedCount)}
            max={MAX_SLOT_CAPACITY}
            label={t("listings.slots.capacity")}
            className="w-28"
          />
          <SubmitButton intent="capacity" variant="secondary">
            {t("listings.slots.saveCapacity")}
          </SubmitButton>
        </Form>
        <RowAction intent="delete-slot" idName="slotId" id={slot.id} label={t("listings.slots.delete")} />
      </div>
    </li>
  );
}

export function AddSlotForm({ today }: { today: string }) {
  const t = useT();
  const { form, fields, notice } = useListingForm("slot", addSlotSchema, { date: today, capacity: "12" });
  return (
    <Section id="slot-add" title={t("listings.slots.addTitle")}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <Notice notice={notice} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Pair>
          <Field meta={fields.date} type="date" min={today} label={t("listings.slots.date")} />
          <Field meta={fields.time} type="time" label={t("listings.slots.time")} />
        </Pair>
        <Field
          meta={fields.capacity}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_SLOT_CAPACITY}
          label={t("listings.slots.capacity")}
          className="sm:max-w-xs"
        />
        <SubmitButton intent="add-slot" className="w-full sm:w-auto">
          {t("listings.slots.add")}
        </SubmitButton>
      </Form>
    </Section>
  );
}

export function ScheduleForm({ today }: { today: string }) {
  const t = useT();
  const { form, fields, notice } = useListingForm("schedule", scheduleSchema, {
    startDate: today,
    weeks: "8",
    weekdays: ["6", "7"],
    times: "09:00, 14:00",
    capacity: "12",
  });
  const past = Number(notice?.params?.past ?? 0);
  return (
    <Section id="schedule-title" title={t("listings.schedule.title")} intro={t("listings.schedule.intro")}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <Notice notice={notice} />
        {past > 0 ? <p className="text-stone-700">{t("listings.schedule.past", { past })}</p> : null}
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field meta={fields.startDate} type="date" label={t("listings.schedule.startDate")} className="sm:max-w-xs" />
        <Pair>
          <Field
            meta={fields.weeks}
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_SCHEDULE_WEEKS}
            label={t("listings.schedule.weeks")}
            hint={t("listings.schedule.lengthHint")}
          />
          <Field meta={fields.endDate} type="date" label={t("listings.schedule.endDate")} />
        </Pair>
        <CheckboxGroup
          meta={fields.weekdays}
          legend={t("listings.schedule.weekdays")}
          options={WEEKDAYS.map((day) => ({ value: String(day), label: t(`listings.weekday.${day}` as MessageKey) }))}
        />
        <Pair>
          <Field meta={fields.times} label={t("listings.schedule.times")} hint={t("listings.schedule.timesHint")} />
          <Field
            meta={fields.capacity}
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_SLOT_CAPACITY}
            label={t("listings.schedule.capacity")}
          />
        </Pair>
        <SubmitButton intent="schedule" className="w-full sm:w-auto">
          {t("listings.schedule.submit")}
        </SubmitButton>
      </Form>
    </Section>
  );
}
