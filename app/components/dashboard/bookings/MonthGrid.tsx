// The rooms × nights table of a month. A real table (caption, room names as row headers, days
// as column headers) that scrolls sideways on a phone with the room names kept in view. Each
// night says its state in text — a short mark on screen (the guest's initial, 留, 关, 外) and the
// whole sentence for screen readers — so colour is never the only cue.
import { LocaleLink } from "~/components/LocaleLink";
import type { CalendarRoom, NightCell } from "~/modules/bookings/host-calendar.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { pick } from "~/utils/i18n";
import { type TFunction, useLang, useT } from "~/utils/t";

const STYLE: Record<NightCell["state"], string> = {
  confirmed: "bg-tea-700 text-white",
  held: "bg-amber-100 text-amber-900 outline-1 -outline-offset-2 outline-dashed outline-amber-700",
  blocked: "bg-stone-300 text-stone-900",
  imported: "bg-sky-100 text-sky-900",
  free: "bg-white text-stone-500",
};

const weekdayOf = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

function cellText(t: TFunction, cell: NightCell, dateText: string, timeText: string | null): string {
  let text: string;
  if (cell.booking && cell.state === "confirmed") {
    text = t("hostBookings.cell.confirmed", { date: dateText, number: cell.booking.orderNumber, initial: cell.booking.guestInitial });
  } else if (cell.booking?.request) {
    text = t("hostBookings.cell.request", { date: dateText, number: cell.booking.orderNumber, time: timeText ?? "" });
  } else if (cell.booking) {
    text = t("hostBookings.cell.held", { date: dateText, number: cell.booking.orderNumber, time: timeText ?? "" });
  } else if (cell.state === "imported") {
    text = t("hostBookings.cell.imported", { date: dateText, name: cell.closed?.importName ?? "" });
  } else if (cell.state === "blocked") {
    text = t("hostBookings.cell.blocked", { date: dateText });
  } else text = t("hostBookings.cell.free", { date: dateText });
  return cell.conflict ? text + t("hostBookings.cell.conflict") : text;
}

function Night({ cell }: { cell: NightCell }) {
  const t = useT();
  const lang = useLang();
  const dateText = formatDate(cell.night, lang);
  const timeText = cell.booking?.expiresAt ? formatDateTime(cell.booking.expiresAt, lang) : null;
  const label = cellText(t, cell, dateText, timeText);
  const mark =
    cell.state === "confirmed"
      ? (cell.booking?.guestInitial ?? "")
      : cell.booking?.request
        ? t("hostBookings.short.request")
        : t(`hostBookings.short.${cell.state}` as const);
  const frame = `flex h-11 w-full min-w-10 items-center justify-center text-sm font-semibold ${STYLE[cell.state]} ${cell.conflict ? "ring-2 ring-inset ring-red-700" : ""} ${cell.past ? "opacity-70" : ""}`;
  const content = (
    <>
      <span aria-hidden="true">
        {mark}
        {cell.conflict ? t("hostBookings.short.conflict") : null}
      </span>
      <span className="sr-only">{label}</span>
    </>
  );
  return (
    <td className="border border-stone-200 p-0" title={label}>
      {cell.booking ? (
        <LocaleLink to={`/dashboard/bookings/stay/${cell.booking.id}`} className={`${frame} underline-offset-2 hover:underline`}>
          {content}
        </LocaleLink>
      ) : (
        <span className={frame}>{content}</span>
      )}
    </td>
  );
}

export function Legend() {
  const t = useT();
  const items: { key: NightCell["state"]; mark: string; label?: string }[] = [
    { key: "confirmed", mark: "张" },
    { key: "held", mark: t("hostBookings.short.held") },
    { key: "held", mark: t("hostBookings.short.request"), label: t("hostBookings.state.request") },
    { key: "blocked", mark: t("hostBookings.short.blocked") },
    { key: "imported", mark: t("hostBookings.short.imported") },
    { key: "free", mark: t("hostBookings.short.free") },
  ];
  return (
    <div>
      <h3 className="text-sm font-semibold text-stone-800">{t("hostBookings.legend")}</h3>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-2 text-sm text-stone-800">
        {items.map((item) => (
          <li key={item.mark} className="flex items-center gap-2">
            <span aria-hidden="true" className={`inline-flex h-7 w-7 items-center justify-center rounded text-sm font-semibold ${STYLE[item.key]}`}>
              {item.mark}
            </span>
            {item.label ?? t(`hostBookings.state.${item.key}`)}
            {item.key === "confirmed" ? ` (${t("hostBookings.short.confirmedHint")})` : null}
          </li>
        ))}
        <li className="flex items-center gap-2">
          <span aria-hidden="true" className="inline-flex h-7 w-7 items-center justify-center rounded bg-tea-700 font-semibold text-white ring-2 ring-inset ring-red-700">
            {t("hostBookings.short.conflict")}
          </span>
          {t("hostBookings.state.conflict")}
        </li>
      </ul>
    </div>
  );
}

export function MonthGrid({ rooms, days, caption, today }: { rooms: CalendarRoom[]; days: string[]; caption: string; today: string }) {
  const t = useT();
  const lang = useLang();
  const weekdays = t("hostBookings.weekdays").split(",");
  const multipleStays = new Set(rooms.map((r) => r.stayId)).size > 1;
  return (
    // `relative`: the screen-reader texts (absolutely positioned) belong to this scroller; without it
    // they sit at their place in the wide table relative to the page, and a phone zooms out to fit them.
    <div className="relative -mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0" role="region" aria-label={caption} tabIndex={0}>
      <table className="border-collapse text-center">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="sticky left-0 z-10 min-w-28 max-w-36 border border-stone-200 bg-white px-2 text-left text-sm">
              {t("hostBookings.grid.room")}
            </th>
            {days.map((day) => {
              const weekday = weekdayOf(day);
              return (
                <th
                  key={day}
                  scope="col"
                  abbr={formatDate(day, lang)}
                  className={`min-w-10 border border-stone-200 px-1 py-1 text-xs font-medium ${day === today ? "bg-tea-100 text-tea-800" : weekday === 0 || weekday === 6 ? "bg-earth-50" : "bg-white"}`}
                >
                  <span className="block text-sm font-semibold">{Number(day.slice(8))}</span>
                  <span className="block text-stone-600">{weekdays[weekday]}</span>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rooms.map((room) => (
            <tr key={room.id}>
              <th scope="row" className="sticky left-0 z-10 min-w-28 max-w-36 border border-stone-200 bg-white px-2 py-1 text-left text-sm font-medium">
                <LocaleLink to={`/dashboard/stays/${room.stayId}/rooms/${room.id}`} className="block break-words text-tea-800 underline underline-offset-2">
                  {pick(lang, room.nameZh, room.nameEn)}
                </LocaleLink>
                {multipleStays ? <span className="block text-xs font-normal break-words text-stone-600">{pick(lang, room.stayTitleZh, room.stayTitleEn)}</span> : null}
              </th>
              {room.nights.map((cell) => (
                <Night key={cell.night} cell={cell} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
