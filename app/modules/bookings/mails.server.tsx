// Booking mails: the confirmation (to the traveller, in the order's language, with everything
// needed to arrive and an .ics calendar file; to each host, with the guest), the cancellation (to
// the traveller with the refund; to the host when the traveller cancelled) and the reminder two
// days before (reminders.server.ts). Plain text first, a simple HTML version rendered by React
// (which escapes what travellers and hosts typed).
import { and, asc, eq } from "drizzle-orm";
import ical from "ical-generator";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { memberships, users } from "../../../db/schema/index";
import { type Mail, sendMail } from "~/modules/mail/mailer.server";
import type { Database } from "~/utils/db.server";
import { formatDate, formatDateTime, formatPrice } from "~/utils/format";
import { type Lang, htmlLang, localePath, pick } from "~/utils/i18n";
import { type TFunction, translator } from "~/utils/t";
import { cancellationPolicyText } from "../catalog/cancellation";
import { nightsBetween } from "../catalog/listing-dates";
import { orderUrl } from "../orders/access.server";
import { bookingTitle, hostContactOf, placeOf } from "./booking-text";
import type { BookingRef } from "./cancellation.server";
import { type BookingDetail, bookingDetail, orderBookings } from "./traveller.server";

export const langOf = (locale: string | null | undefined): Lang => (locale === "en" ? "en" : "zh-CN");

/** The booking's when and how many, in one line. */
export function whenText(t: TFunction, lang: Lang, b: BookingDetail): string {
  if (b.stay) {
    const s = b.stay;
    return t("travellerBookings.mail.stay", {
      checkIn: formatDate(s.checkIn, lang),
      checkInTime: s.checkInTime,
      checkOut: formatDate(s.checkOut, lang),
      checkOutTime: s.checkOutTime,
      nights: nightsBetween(s.checkIn, s.checkOut),
      guests: s.guests,
    });
  }
  const e = b.experience!;
  return t("travellerBookings.mail.experience", { time: formatDateTime(e.startsAt, lang), minutes: e.durationMinutes, people: e.people });
}

/** What a traveller needs to arrive: when, where, rules, whom to call, what it costs, the policy. */
function arrivalLines(t: TFunction, lang: Lang, b: BookingDetail, options: { policy: boolean }): string[] {
  const lines = [whenText(t, lang, b), t("travellerBookings.mail.place", { place: placeOf(lang, b.village) })];
  const meeting = b.experience ? pick(lang, b.experience.meetingPointZh, b.experience.meetingPointEn) : "";
  if (meeting) lines.push(t("travellerBookings.mail.meetingPoint", { place: meeting }));
  const rules = b.stay ? pick(lang, b.stay.houseRulesZh, b.stay.houseRulesEn).trim() : "";
  if (rules) lines.push(t("travellerBookings.mail.houseRules", { rules: rules.replace(/\s*\n\s*/g, lang === "en" ? "; " : "；") }));
  lines.push(t("travellerBookings.mail.host", { contact: hostContactOf(b.cooperative, lang) }));
  const amount = formatPrice(b.totalCents);
  lines.push(t(b.order.provider === "on_arrival" ? "travellerBookings.mail.amountOnArrival" : "travellerBookings.mail.amount", { amount }));
  if (options.policy) lines.push(t("travellerBookings.mail.policy", { policy: policyWords(t, b) }));
  return lines;
}

export function policyWords(t: TFunction, b: BookingDetail): string {
  if (b.stay) {
    const p = cancellationPolicyText(b.stay.policy, t);
    return `${p.name} — ${p.body}`;
  }
  return t("travellerBookings.policy.experience.body");
}

type Block = { title: string; lines: string[] };
type MailLink = { href: string; intro: string; label: string };

/** Text and HTML of a mail: opening paragraphs, one block per booking, closing paragraphs, the link. */
function mailBodies(lang: Lang, opening: string[], blocks: Block[], closing: string[], link: MailLink): { text: string; html: string } {
  const t = translator(lang);
  const signature = t("travellerBookings.mail.signature");
  const text = [
    ...opening.flatMap((p) => [p, ""]),
    ...blocks.flatMap((b) => [`【${b.title}】`, ...b.lines.map((l) => `  ${l}`), ""]),
    ...closing.flatMap((p) => [p, ""]),
    link.intro,
    link.href,
    "",
    signature,
  ].join("\n");
  const paragraphs = (list: string[]): ReactNode => list.map((p, i) => <p key={i}>{p}</p>);
  const markup = renderToStaticMarkup(
    <html lang={htmlLang(lang)}>
      <body style={{ fontFamily: "sans-serif", lineHeight: 1.6, color: "#1c1917" }}>
        {paragraphs(opening)}
        {blocks.map((b, i) => (
          <div key={i}>
            <p style={{ fontWeight: "bold", marginBottom: 0 }}>{b.title}</p>
            <ul style={{ marginTop: 0 }}>
              {b.lines.map((l, j) => (
                <li key={j}>{l}</li>
              ))}
            </ul>
          </div>
        ))}
        {paragraphs(closing)}
        <p>
          <a href={link.href} style={{ color: "#2f5f2c", fontWeight: "bold" }}>
            {link.label}
          </a>
        </p>
        <p style={{ wordBreak: "break-all", fontSize: "13px", color: "#57534e" }}>{link.href}</p>
        <p>{signature}</p>
      </body>
    </html>,
  );
  return { text, html: `<!doctype html>${markup}` };
}

/** Where the traveller manages a booking: their account when they have one, else the order's signed link. */
function travellerLink(origin: string, lang: Lang, b: BookingDetail, single: boolean): MailLink {
  const t = translator(lang);
  if (b.order.userId !== null) {
    const path = single ? `/account/bookings/${b.kind}/${b.id}` : "/account/bookings";
    return { href: origin + localePath(lang, path), intro: t("travellerBookings.mail.link"), label: t("travellerBookings.mail.button") };
  }
  return { href: orderUrl(origin, lang, b.order.number), intro: t("travellerBookings.mail.orderLink"), label: t("travellerBookings.mail.orderButton") };
}

const dateValue = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
};

/**
 * The bookings as an iCalendar file: a stay is an all-day event over its nights [check-in,
 * check-out) written as DATE values (no time zone can shift them); an experience is a timed event
 * at its instant (UTC), which calendars show in their own zone.
 */
export function bookingsCalendar(lang: Lang, bookings: BookingDetail[], origin: string): string {
  const t = translator(lang);
  const cal = ical({ name: t("travellerBookings.title"), prodId: { company: "xiangji", product: "bookings", language: lang === "en" ? "EN" : "ZH" } });
  for (const b of bookings) {
    const description = arrivalLines(t, lang, b, { policy: false }).join("\n");
    const common = {
      id: `booking-${b.kind}-${b.id}@xiangji`,
      summary: bookingTitle(lang, b),
      location: placeOf(lang, b.village),
      description,
      url: travellerLink(origin, lang, b, true).href,
    };
    if (b.stay) {
      cal.createEvent({ ...common, start: dateValue(b.stay.checkIn), end: dateValue(b.stay.checkOut), allDay: true });
    } else {
      const e = b.experience!;
      cal.createEvent({ ...common, start: e.startsAt, end: new Date(e.startsAt.getTime() + e.durationMinutes * 60_000) });
    }
  }
  return cal.toString();
}

/**
 * Where a cooperative's booking mail goes: its contact address (in Chinese, or the owner's
 * language when it is an owner's), else each owner's own address.
 */
async function hostRecipients(db: Database, cooperative: BookingDetail["cooperative"]): Promise<{ email: string; lang: Lang }[]> {
  const owners = await db
    .select({ email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.cooperativeId, cooperative.id), eq(memberships.role, "owner")))
    .orderBy(asc(users.id));
  const contact = cooperative.contactEmail.trim();
  if (!contact) return owners.map((o) => ({ email: o.email, lang: langOf(o.locale) }));
  const owner = owners.find((o) => o.email.toLowerCase() === contact.toLowerCase());
  return [{ email: contact, lang: owner ? langOf(owner.locale) : "zh-CN" }];
}

const hostLink = (origin: string, lang: Lang, b: BookingDetail): MailLink => {
  const t = translator(lang);
  return {
    href: origin + localePath(lang, `/dashboard/bookings/${b.kind}/${b.id}`),
    intro: t("travellerBookings.mail.hostLink"),
    label: t("travellerBookings.mail.hostButton"),
  };
};

async function sendAll(mails: Mail[], what: string): Promise<void> {
  // Each mail on its own: one bad address must not keep the others from going out.
  const results = await Promise.allSettled(mails.map((m) => sendMail(m)));
  const failed = results.filter((r) => r.status === "rejected");
  if (failed.length) throw new Error(`${failed.length} of ${mails.length} ${what} mails failed`);
}

/**
 * The order's bookings are confirmed (paid online, or accepted to be paid on arrival): one mail to
 * the traveller listing them with an .ics file, one to each host about its own. With
 * `sellerOrderId`, only that host's part (a host who accepted a pay-on-arrival request).
 *
 * Sends every time it is called: the caller calls it once per confirmation (where the payment
 * event or the host's answer was applied, which happens once).
 */
export async function sendBookingConfirmationMails(db: Database, orderId: number, origin: string, options: { sellerOrderId?: number } = {}): Promise<number> {
  const bookings = await orderBookings(db, orderId, { sellerOrderId: options.sellerOrderId, statuses: ["confirmed"] });
  if (!bookings.length) return 0;
  const first = bookings[0]!;
  const lang = langOf(first.order.locale);
  const t = translator(lang);
  const mails: Mail[] = [
    {
      to: first.order.email,
      subject: t("travellerBookings.mail.confirmed.subject", { number: first.order.number }),
      ...mailBodies(
        lang,
        [t("travellerBookings.mail.greeting", { name: first.order.name }), t("travellerBookings.mail.confirmed.intro")],
        bookings.map((b) => ({ title: bookingTitle(lang, b), lines: arrivalLines(t, lang, b, { policy: true }) })),
        [],
        travellerLink(origin, lang, first, bookings.length === 1),
      ),
      attachments: [{ filename: "xiangji-booking.ics", content: bookingsCalendar(lang, bookings, origin), contentType: "text/calendar; charset=utf-8; method=PUBLISH" }],
    },
  ];
  const byCooperative = new Map<number, BookingDetail[]>();
  for (const b of bookings) byCooperative.set(b.cooperative.id, [...(byCooperative.get(b.cooperative.id) ?? []), b]);
  for (const own of byCooperative.values()) {
    const c = own[0]!.cooperative;
    for (const to of await hostRecipients(db, c)) {
      const ht = translator(to.lang);
      const params = { number: first.order.number, cooperative: pick(to.lang, c.nameZh, c.nameEn), title: bookingTitle(to.lang, own[0]!) };
      mails.push({
        to: to.email,
        subject: ht("travellerBookings.mail.hostNew.subject", params),
        ...mailBodies(
          to.lang,
          [
            ht("travellerBookings.mail.hostNew.intro", params),
            ht("travellerBookings.mail.hostNew.guest", { name: first.order.name, phone: first.order.phone, email: first.order.email }),
          ],
          own.map((b) => ({ title: bookingTitle(to.lang, b), lines: [whenText(ht, to.lang, b), ht(b.order.provider === "on_arrival" ? "travellerBookings.mail.amountOnArrival" : "travellerBookings.mail.amount", { amount: formatPrice(b.totalCents) })] })),
          [],
          hostLink(origin, to.lang, own[0]!),
        ),
      });
    }
  }
  await sendAll(mails, `booking confirmation (order ${first.order.number})`);
  return mails.length;
}

/** A booking was cancelled: the traveller hears what comes back; the host hears when the traveller cancelled. */
export async function sendBookingCancelledMails(db: Database, ref: BookingRef, origin: string): Promise<void> {
  const b = await bookingDetail(db, ref);
  if (!b || b.status !== "cancelled") return;
  const lang = langOf(b.order.locale);
  const t = translator(lang);
  const byHost = b.cancelledBy === "host";
  const opening = [
    t("travellerBookings.mail.greeting", { name: b.order.name }),
    byHost ? t("travellerBookings.mail.cancelled.byHost", { cooperative: pick(lang, b.cooperative.nameZh, b.cooperative.nameEn) }) : t("travellerBookings.mail.cancelled.byTraveller"),
    ...(byHost && b.cancelReason ? [t("travellerBookings.mail.cancelled.reason", { reason: b.cancelReason })] : []),
  ];
  const refund =
    b.order.provider === "on_arrival"
      ? t("travellerBookings.mail.cancelled.notPaid")
      : b.refundedCents > 0
        ? t("travellerBookings.mail.cancelled.refund", { amount: formatPrice(b.refundedCents) })
        : t("travellerBookings.mail.cancelled.noRefund");
  const title = bookingTitle(lang, b);
  const mails: Mail[] = [
    {
      to: b.order.email,
      subject: t("travellerBookings.mail.cancelled.subject", { title, number: b.order.number }),
      ...mailBodies(lang, opening, [{ title, lines: [whenText(t, lang, b), t("travellerBookings.mail.place", { place: placeOf(lang, b.village) })] }], [refund], travellerLink(origin, lang, b, true)),
    },
  ];
  if (!byHost) {
    for (const to of await hostRecipients(db, b.cooperative)) {
      const ht = translator(to.lang);
      const hostTitle = bookingTitle(to.lang, b);
      mails.push({
        to: to.email,
        subject: ht("travellerBookings.mail.hostCancelled.subject", { number: b.order.number, title: hostTitle }),
        ...mailBodies(
          to.lang,
          [ht("travellerBookings.mail.hostCancelled.intro", { name: b.order.name, number: b.order.number })],
          [{ title: hostTitle, lines: [whenText(ht, to.lang, b)] }],
          [ht("travellerBookings.mail.hostCancelled.refund", { amount: formatPrice(b.refundedCents) })],
          hostLink(origin, to.lang, b),
        ),
      });
    }
  }
  await sendAll(mails, `booking cancellation (${b.kind} ${b.id})`);
}

/** The reminder two days before: when, where, whom to call. */
export function reminderMail(b: BookingDetail, origin: string): Mail {
  const lang = langOf(b.order.locale);
  const t = translator(lang);
  const title = bookingTitle(lang, b);
  return {
    to: b.order.email,
    subject: t("travellerBookings.mail.reminder.subject", { title }),
    ...mailBodies(
      lang,
      [t("travellerBookings.mail.greeting", { name: b.order.name }), t("travellerBookings.mail.reminder.intro")],
      [{ title, lines: arrivalLines(t, lang, b, { policy: false }) }],
      [],
      travellerLink(origin, lang, b, true),
    ),
  };
}
