// /dashboard/orders/export?from=YYYY-MM-DD&to=YYYY-MM-DD: the cooperative's orders of those days
// (Beijing time) as a CSV download for Excel. A download, never a page: private, not stored by any
// cache. Bad dates answer 400 with a short page that says what is wrong and links back.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSeller } from "~/modules/accounts/auth.server";
import { exportRangeSchema } from "~/modules/orders/seller-schemas";
import { ordersCsv } from "~/modules/orders/seller.server";
import { getDb } from "~/utils/db.server";
import { formErrorMap, formMessage } from "~/utils/forms";
import { PRIVATE_NO_STORE, csvDownload } from "~/utils/http.server";
import { type Lang, htmlLang, langFromRequest, localePath } from "~/utils/i18n";
import { translator } from "~/utils/t";

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, {}, db);
  const lang = langFromRequest(request);
  const params = new URL(request.url).searchParams;
  const range = exportRangeSchema.safeParse({ from: params.get("from") ?? undefined, to: params.get("to") ?? undefined }, { errorMap: formErrorMap });
  if (!range.success) return badRange(lang, range.error.issues.map((i) => ({ field: i.path[0] === "from" ? "from" : "to", message: i.message })));
  const body = await ordersCsv(db, seller.membership.cooperativeId, range.data, lang);
  // Cooperative slugs are lower-case ASCII words (a check constraint), safe in a header as they are.
  const filename = `${seller.membership.slug}-orders-${range.data.from}-${range.data.to}.csv`;
  return csvDownload(body, filename);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function badRange(lang: Lang, problems: { field: "from" | "to"; message: string }[]): Response {
  const t = translator(lang);
  // Range problems (order, length) speak for themselves; a bad date says which one.
  const texts = problems.map(({ field, message }) =>
    message.startsWith("form.") ? `${t(`ordersDashboard.export.${field}`)}${lang === "en" ? ": " : "："}${formMessage(t, message)}` : formMessage(t, message),
  );
  const lines = [...new Set(texts)].map((text) => `<li>${escapeHtml(text)}</li>`).join("");
  const html = `<!doctype html><html lang="${htmlLang(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(t("ordersDashboard.export.error.title"))}</title></head><body style="font-family:sans-serif;line-height:1.6;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1c1917"><h1>${escapeHtml(t("ordersDashboard.export.error.title"))}</h1><ul>${lines}</ul><p><a href="${escapeHtml(localePath(lang, "/dashboard/orders"))}">${escapeHtml(t("ordersDashboard.export.error.back"))}</a></p></body></html>`;
  return new Response(html, { status: 400, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": PRIVATE_NO_STORE } });
}
