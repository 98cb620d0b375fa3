// An experience's upcoming slots: seats left, whether bookings are still open (they close the
// host's cutoff before the start) and, for open slots, a form that puts N people in the cart
// (a plain POST to /cart with intent=add-slot; the cart checks the seats again).
import { Form, useLocation } from "@remix-run/react";
import { peopleChoices } from "~/modules/bookings/find-slots";
import { formatDuration, plural } from "~/modules/catalog/listing-display";
import type { BookableSlot } from "~/modules/catalog/listing-types";
import { formatDateTime } from "~/utils/format";
import { type Lang, localePath } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";

/** 120 → "2 小时" / "2 h" (spaced the way the sentence around it reads). */
function cutoffDuration(minutes: number, lang: Lang): string {
  if (lang === "en") return formatDuration(minutes, lang);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h} 小时` : "", m ? `${m} 分钟` : ""].filter(Boolean).join(" ");
}

/** "开始前 2 小时截止预订" for the experience's cutoff. */
export function CutoffNote({ minutes }: { minutes: number }) {
  const t = useT();
  const lang = useLang();
  return (
    <p className="text-sm font-medium text-earth-700">
      {minutes > 0 ? t("bookings.slot.cutoff", { duration: cutoffDuration(minutes, lang) }) : t("bookings.slot.noCutoff")}
    </p>
  );
}

function SlotStatus({ slot, minPeople }: { slot: BookableSlot; minPeople: number }) {
  const t = useT();
  const pill = "rounded-full px-3 py-1 text-sm";
  if (slot.state === "closed") return <span className={`${pill} bg-stone-200 font-medium text-stone-800`}>{t("bookings.slot.closed")}</span>;
  if (slot.state === "full")
    return (
      <span className={`${pill} bg-stone-200 font-medium text-stone-800`}>
        {slot.seatsLeft > 0 ? t("bookings.slot.tooFew", { count: minPeople }) : t("bookings.slot.full")}
      </span>
    );
  return <span className={`${pill} bg-tea-50 text-tea-800`}>{plural(t, "experiences.slot.seatsLeft", slot.seatsLeft)}</span>;
}

export function SlotList({ slots, minPeople, maxPeople }: { slots: BookableSlot[]; minPeople: number; maxPeople: number }) {
  const t = useT();
  const lang = useLang();
  const location = useLocation();
  return (
    <ul className="divide-y divide-stone-200 rounded-lg bg-white shadow-sm ring-1 ring-stone-200">
      {slots.map((slot) => {
        const time = formatDateTime(slot.startsAt, lang);
        const choices = slot.state === "open" ? peopleChoices(slot, { minPeople, maxPeople }) : [];
        return (
          <li key={slot.id} data-slot-state={slot.state} className="px-4 py-3">
            <div className="flex min-h-11 flex-wrap items-center justify-between gap-2">
              <time dateTime={slot.startsAt} className="font-medium text-stone-900">
                {time}
              </time>
              <SlotStatus slot={slot} minPeople={minPeople} />
            </div>
            {choices.length ? (
              <Form method="post" action={localePath(lang, "/cart")} className="mt-2 flex flex-wrap items-end gap-2">
                <input type="hidden" name="intent" value="add-slot" />
                <input type="hidden" name="slotId" value={slot.id} />
                <input type="hidden" name="returnTo" value={`${location.pathname}${location.search}`} />
                <label className="block text-sm font-medium text-stone-800">
                  <span aria-hidden="true">{t("bookings.slot.people")}</span>
                  <span className="sr-only">{t("bookings.slot.peopleOf", { time })}</span>
                  <select
                    name="people"
                    defaultValue={String(choices[0])}
                    className="mt-1 block min-h-11 rounded-md border border-stone-400 bg-white px-2 py-2 text-base text-stone-900"
                  >
                    {choices.map((n) => (
                      <option key={n} value={n}>
                        {plural(t, "bookings.slot.peopleOption", n)}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="submit" className="min-h-11 rounded-full bg-tea-800 px-5 py-2 font-medium text-white hover:bg-tea-700">
                  {t("bookings.slot.submit")}
                  <span className="sr-only">{t("bookings.slot.submitOf", { time })}</span>
                </button>
              </Form>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
