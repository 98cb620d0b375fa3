// The operator's area: only operators get past this layout's loader (others 403, logged-out
// visitors to the login page). Each child checks the operator again itself, since loaders of
// nested routes run in parallel and a child's action runs without its parent's loader.
import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { SectionNav } from "~/components/dashboard/SectionNav";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { requireOperator } from "~/modules/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { useT } from "~/utils/t";

export const meta: MetaFunction = () => [{ name: "robots", content: "noindex" }];
export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireOperator(request, getDb());
  return data({ operator: { name: session.user.name, email: session.user.email } }, { headers: { "Cache-Control": PRIVATE_NO_STORE } });
}

const SECTIONS = [
  { to: "/admin", key: "admin.nav.overview", end: true },
  { to: "/admin/cooperatives", key: "admin.nav.cooperatives", end: false },
] as const;

export default function AdminLayout() {
  const t = useT();
  return (
    <div className="space-y-4">
      <p className="text-sm font-medium text-earth-700">{t("admin.area")}</p>
      <SectionNav label={t("admin.nav.label")} sections={SECTIONS} />
      <Outlet />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
