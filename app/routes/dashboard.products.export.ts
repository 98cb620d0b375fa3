// The cooperative's products as a CSV file in the import format (`?template=1`: the header only).
// A download, never a page: private, not stored by any cache.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSeller } from "~/modules/accounts/auth.server";
import { exportProductsCsv, templateCsv } from "~/modules/seller-products/csv-export.server";
import { getDb } from "~/utils/db.server";
import { csvDownload } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, {}, db);
  const template = new URL(request.url).searchParams.get("template") === "1";
  const body = template ? templateCsv() : await exportProductsCsv(db, seller.membership.cooperativeId);
  // Cooperative slugs are lower-case ASCII words (a check constraint), safe in a header as they are.
  const filename = `${seller.membership.slug}-products${template ? "-template" : ""}.csv`;
  return csvDownload(body, filename);
}
