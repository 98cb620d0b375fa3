// The order mails: to the buyer when the order is paid (in the order's language, every
// cooperative's lines with its shipping, the total, the address and the signed link that lets a
// guest open the order) and to each cooperative (its own lines only, where they go, and the link
// to the order in its dashboard), and to the buyer again when a cooperative ships. Plain text
// first, a simple HTML version rendered by React (which escapes the buyer's text).
import { and, asc, eq, inArray } from "drizzle-orm";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { cooperatives, memberships, orderLines, orders, sellerOrders, users } from "../../../db/schema/index";
import { type Mail, sendMail } from "~/modules/mail/mailer.server";
import type { Database } from "~/utils/db.server";
import { formatDate, formatPrice } from "~/utils/format";
import { type Lang, htmlLang, localePath, pick } from "~/utils/i18n";
import { type TFunction, translator } from "~/utils/t";
import { orderUrl } from "./access.server";

const langOf = (locale: string | null | undefined): Lang => (locale === "en" ? "en" : "zh-CN");

type Line = typeof orderLines.$inferSelect;
type Order = typeof orders.$inferSelect;
type Part = {
  sellerOrder: typeof sellerOrders.$inferSelect;
  cooperative: { id: number; nameZh: string; nameEn: string; contactEmail: string };
  lines: Line[];
};

async function loadOrder(db: Database, orderId: number): Promise<{ order: Order; parts: Part[] } | null> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) return null;
  const rows = await db
    .select({
      sellerOrder: sellerOrders,
      cooperative: { id: cooperatives.id, nameZh: cooperatives.nameZh, nameEn: cooperatives.nameEn, contactEmail: cooperatives.contactEmail },
    })
    .from(sellerOrders)
    .innerJoin(cooperatives, eq(cooperatives.id, sellerOrders.cooperativeId))
    .where(eq(sellerOrders.orderId, orderId))
    .orderBy(asc(sellerOrders.id));
  const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.id));
  return { order, parts: rows.map((r) => ({ ...r, lines: lines.filter((l) => l.sellerOrderId === r.sellerOrder.id) })) };
}

/** One bought line; a pre-sale line says when it ships. */
function lineText(t: TFunction, lang: Lang, l: Line): string {
  const text = t("ordersDashboard.mail.line", {
    title: pick(lang, l.titleZh, l.titleEn),
    variant: pick(lang, l.variantZh, l.variantEn),
    n: l.quantity,
    amount: formatPrice(l.totalCents),
  });
  return l.shipsFrom ? `${text}${lang === "en" ? " · " : "，"}${t("ordersDashboard.detail.shipsFrom", { date: formatDate(l.shipsFrom, lang) })}` : text;
}

const addressOf = (o: Order, lang: Lang) =>
  [o.name, o.phone, `${o.province}${o.city}${o.district}${o.addressDetail}`].join(lang === "en" ? ", " : "，");

type MailLink = { href: string; intro: string; label: string };

/**
 * A mail's two bodies, each ending the same way: the text's lines, then the link (after its
 * intro) and the signature; the HTML's blocks (paragraphs and lists of plain strings, which React
 * escapes), then the link as a button and the signature.
 */
function mailBodies(t: TFunction, lang: Lang, lines: string[], blocks: ReactNode, link: MailLink): { text: string; html: string } {
  const signature = t("ordersDashboard.mail.signature");
  const text = [...lines, "", link.intro, link.href, "", signature].join("\n");
  const markup = renderToStaticMarkup(
    <html lang={htmlLang(lang)}>
      <body style={{ fontFamily: "sans-serif", lineHeight: 1.6, color: "#1c1917" }}>
        {blocks}
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

export function buyerPaidMail(order: Order, parts: Part[], origin: string): Mail {
  const lang = langOf(order.locale);
  const t = translator(lang);
  const link = orderUrl(origin, lang, order.number);
  const textLines = [
    t("ordersDashboard.mail.paid.greeting", { name: order.name }),
    "",
    t("ordersDashboard.mail.paid.intro", { number: order.number }),
    "",
    ...parts.flatMap((p) => [
      `【${pick(lang, p.cooperative.nameZh, p.cooperative.nameEn)}】`,
      ...p.lines.map((l) => `  ${lineText(t, lang, l)}`),
      `  ${t("ordersDashboard.mail.paid.shippingLine", { amount: formatPrice(p.sellerOrder.shippingCents) })}`,
      "",
    ]),
    t("ordersDashboard.mail.paid.total", { amount: formatPrice(order.totalCents) }),
    t("ordersDashboard.mail.paid.address", { address: addressOf(order, lang) }),
  ];
  const blocks = (
    <>
      <p>{t("ordersDashboard.mail.paid.greeting", { name: order.name })}</p>
      <p>{t("ordersDashboard.mail.paid.intro", { number: order.number })}</p>
      {parts.map((p) => (
        <div key={p.sellerOrder.id}>
          <p style={{ fontWeight: "bold", marginBottom: 0 }}>{pick(lang, p.cooperative.nameZh, p.cooperative.nameEn)}</p>
          <ul style={{ marginTop: 0 }}>
            {p.lines.map((l) => (
              <li key={l.id}>{lineText(t, lang, l)}</li>
            ))}
            <li>{t("ordersDashboard.mail.paid.shippingLine", { amount: formatPrice(p.sellerOrder.shippingCents) })}</li>
          </ul>
        </div>
      ))}
      <p style={{ fontWeight: "bold" }}>{t("ordersDashboard.mail.paid.total", { amount: formatPrice(order.totalCents) })}</p>
      <p>{t("ordersDashboard.mail.paid.address", { address: addressOf(order, lang) })}</p>
    </>
  );
  return {
    to: order.email,
    subject: t("ordersDashboard.mail.paid.subject", { number: order.number }),
    ...mailBodies(t, lang, textLines, blocks, { href: link, intro: t("ordersDashboard.mail.paid.link"), label: t("ordersDashboard.mail.paid.button") }),
  };
}

export function sellerPaidMail(order: Order, part: Part, to: { email: string; lang: Lang }, origin: string): Mail {
  const { lang } = to;
  const t = translator(lang);
  const link = origin + localePath(lang, `/dashboard/orders/${part.sellerOrder.id}`);
  const params = { number: order.number, cooperative: pick(lang, part.cooperative.nameZh, part.cooperative.nameEn) };
  const total = t("ordersDashboard.mail.seller.total", { amount: formatPrice(part.sellerOrder.totalCents) });
  const shipping = t("ordersDashboard.mail.paid.shippingLine", { amount: formatPrice(part.sellerOrder.shippingCents) });
  const address = t("ordersDashboard.mail.paid.address", { address: addressOf(order, lang) });
  const note = order.note ? t("ordersDashboard.mail.seller.note", { note: order.note }) : null;
  const textLines = [
    t("ordersDashboard.mail.seller.intro", params),
    "",
    ...part.lines.map((l) => lineText(t, lang, l)),
    shipping,
    total,
    "",
    address,
    ...(note ? [note] : []),
  ];
  const blocks = (
    <>
      <p>{t("ordersDashboard.mail.seller.intro", params)}</p>
      <ul>
        {part.lines.map((l) => (
          <li key={l.id}>{lineText(t, lang, l)}</li>
        ))}
        <li>{shipping}</li>
      </ul>
      <p style={{ fontWeight: "bold" }}>{total}</p>
      <p>{address}</p>
      {note ? <p>{note}</p> : null}
    </>
  );
  return {
    to: to.email,
    subject: t("ordersDashboard.mail.seller.subject", params),
    ...mailBodies(t, lang, textLines, blocks, { href: link, intro: t("ordersDashboard.mail.seller.link"), label: t("ordersDashboard.mail.seller.button") }),
  };
}

/**
 * Where a cooperative's order mail goes: its contact address, else each owner's. An owner's own
 * address gets the owner's language; a shared contact address gets Chinese.
 */
async function cooperativeRecipients(db: Database, cooperativeIds: number[]): Promise<Map<number, { email: string; lang: Lang }[]>> {
  const owners = cooperativeIds.length
    ? await db
        .select({ cooperativeId: memberships.cooperativeId, email: users.email, locale: users.locale })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(inArray(memberships.cooperativeId, cooperativeIds), eq(memberships.role, "owner")))
        .orderBy(asc(users.id))
    : [];
  const out = new Map<number, { email: string; lang: Lang }[]>();
  for (const id of cooperativeIds) out.set(id, owners.filter((o) => o.cooperativeId === id).map((o) => ({ email: o.email, lang: langOf(o.locale) })));
  return out;
}

/** After payment: one mail to the buyer, one to each cooperative of the order. */
export async function sendOrderPaidMails(db: Database, orderId: number, origin: string): Promise<void> {
  const loaded = await loadOrder(db, orderId);
  if (!loaded) return;
  const { order, parts } = loaded;
  const owners = await cooperativeRecipients(db, parts.map((p) => p.cooperative.id));
  const mails: Mail[] = [buyerPaidMail(order, parts, origin)];
  for (const part of parts) {
    const ownersOf = owners.get(part.cooperative.id) ?? [];
    const contact = part.cooperative.contactEmail.trim();
    const recipients = contact
      ? [{ email: contact, lang: ownersOf.find((o) => o.email.toLowerCase() === contact.toLowerCase())?.lang ?? ("zh-CN" as Lang) }]
      : ownersOf;
    for (const to of recipients) mails.push(sellerPaidMail(order, part, to, origin));
  }
  // Each mail on its own: one bad address must not keep the others from going out.
  const results = await Promise.allSettled(mails.map((m) => sendMail(m)));
  const failed = results.filter((r) => r.status === "rejected");
  if (failed.length) throw new Error(`${failed.length} of ${mails.length} order mails for ${order.number} failed`);
}

/** A cooperative shipped its part: the buyer gets the carrier and tracking number. */
export async function sendOrderShippedMail(db: Database, sellerOrderId: number, origin: string): Promise<void> {
  const [row] = await db
    .select({ order: orders, sellerOrder: sellerOrders, cooperative: { nameZh: cooperatives.nameZh, nameEn: cooperatives.nameEn } })
    .from(sellerOrders)
    .innerJoin(orders, eq(orders.id, sellerOrders.orderId))
    .innerJoin(cooperatives, eq(cooperatives.id, sellerOrders.cooperativeId))
    .where(eq(sellerOrders.id, sellerOrderId));
  if (!row || !row.sellerOrder.trackingNumber) return;
  const { order, sellerOrder } = row;
  const lines = await db.select().from(orderLines).where(eq(orderLines.sellerOrderId, sellerOrderId)).orderBy(asc(orderLines.id));
  const lang = langOf(order.locale);
  const t = translator(lang);
  const link = orderUrl(origin, lang, order.number);
  const intro = t("ordersDashboard.mail.shipped.intro", { cooperative: pick(lang, row.cooperative.nameZh, row.cooperative.nameEn) });
  const tracking = t("ordersDashboard.mail.shipped.tracking", { carrier: sellerOrder.carrier ?? "", tracking: sellerOrder.trackingNumber ?? "" });
  const textLines = [
    t("ordersDashboard.mail.paid.greeting", { name: order.name }),
    "",
    intro,
    tracking,
    "",
    ...lines.map((l) => lineText(t, lang, l)),
  ];
  const blocks = (
    <>
      <p>{t("ordersDashboard.mail.paid.greeting", { name: order.name })}</p>
      <p>{intro}</p>
      <p style={{ fontWeight: "bold" }}>{tracking}</p>
      <ul>
        {lines.map((l) => (
          <li key={l.id}>{lineText(t, lang, l)}</li>
        ))}
      </ul>
    </>
  );
  await sendMail({
    to: order.email,
    subject: t("ordersDashboard.mail.shipped.subject", { number: order.number }),
    ...mailBodies(t, lang, textLines, blocks, { href: link, intro: t("ordersDashboard.mail.paid.link"), label: t("ordersDashboard.mail.paid.button") }),
  });
}
