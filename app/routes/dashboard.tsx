// The seller's workspace frame: which cooperative you are working for (and a switcher when you
// belong to several), and the sections. Each child route checks the acting membership itself;
// this layout only decides what to show around it.
import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Outlet, useLoaderData } from "@remix-run/react";
import { SectionNav } from "~/components/dashboard/SectionNav";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { LocaleLink } from "~/components/LocaleLink";
import { type Membership, listMemberships, requireSession } from "~/modules/accounts/auth.server";
import { hasBookables } from "~/modules/bookings/host-calendar.server";
import { getDb } from "~/utils/db.server";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { localePath, pick } from "~/utils/i18n";
import { privateMeta } from "~/utils/seo";
import { useLang, useT } from "~/utils/t";

export const meta: MetaFunction = ({ location }) => privateMeta(location.pathname, "dashboard.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const session = await requireSession(request, db);
  const memberships = await listMemberships(db, session.user.id);
  const approved = memberships.filter((m) => m.status === "approved");
  const active = approved.find((m) => m.cooperativeId === session.activeCooperativeId) ?? approved[0] ?? null;
  const bookings = active ? await hasBookables(db, active.cooperativeId, active.kind) : false;
  return data(
    { user: { name: session.user.name, email: session.user.email }, memberships, active, bookings },
    { headers: { "Cache-Control": PRIVATE_NO_STORE } },
  );
}

export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });

// `bookings`: shown to hosts and leisure farms, and to any seller that lists a stay or an experience.
const SECTIONS = [
  { to: "/dashboard", key: "dashboard.nav.overview", end: true, owner: false },
  { to: "/dashboard/orders", key: "ordersDashboard.nav.orders", end: false, owner: false },
  { to: "/dashboard/bookings", key: "hostBookings.nav", end: false, owner: false, bookings: true },
  { to: "/dashboard/products", key: "dashboard.nav.products", end: false, owner: false },
  { to: "/dashboard/stays", key: "dashboard.nav.stays", end: false, owner: false },
  { to: "/dashboard/experiences", key: "dashboard.nav.experiences", end: false, owner: false },
  { to: "/dashboard/members", key: "dashboard.nav.members", end: false, owner: true },
  { to: "/dashboard/shipping", key: "ordersDashboard.nav.shipping", end: false, owner: true },
  { to: "/dashboard/payouts", key: "dashboard.nav.payouts", end: false, owner: true },
] as const;

function Switcher({ memberships, active }: { memberships: Membership[]; active: Membership }) {
  const t = useT();
  const lang = useLang();
  const approved = memberships.filter((m) => m.status === "approved");
  if (approved.length < 2) return null;
  return (
    <Form method="post" action={localePath(lang, "/dashboard/switch")} className="flex flex-wrap items-end gap-2">
      <label className="text-sm text-stone-700">
        {t("dashboard.switch.label")}
        <select
          name="cooperativeId"
          defaultValue={String(active.cooperativeId)}
          className="mt-1 block min-h-11 rounded-lg border border-stone-300 bg-white px-3"
        >
          {approved.map((m) => (
            <option key={m.cooperativeId} value={m.cooperativeId}>
              {pick(lang, m.nameZh, m.nameEn)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="min-h-11 rounded-lg border border-stone-300 bg-white px-4">
        {t("dashboard.switch.submit")}
      </button>
    </Form>
  );
}

export default function DashboardLayout() {
  const { memberships, active, bookings } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  if (!active) return <NoWorkspace memberships={memberships} />;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-white p-4 shadow-sm">
        <div>
          <p className="text-sm text-stone-600">{t("dashboard.workingFor")}</p>
          <p className="text-lg font-semibold">{pick(lang, active.nameZh, active.nameEn)}</p>
          <p className="text-sm text-stone-600">{t(active.role === "owner" ? "dashboard.role.owner" : "dashboard.role.staff")}</p>
        </div>
        <Switcher memberships={memberships} active={active} />
      </div>
      <SectionNav label={t("dashboard.nav.label")} sections={SECTIONS.filter((s) => (!s.owner || active.role === "owner") && (!("bookings" in s) || bookings))} />
      <Outlet />
    </div>
  );
}

/** Signed in, but not (yet) working for an approved seller: say where the application stands. */
function NoWorkspace({ memberships }: { memberships: Membership[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <section className="mx-auto max-w-xl space-y-4" aria-labelledby="no-workspace">
      <h1 id="no-workspace" className="text-2xl font-semibold">
        {t("dashboard.title")}
      </h1>
      {memberships.length ? (
        <ul className="space-y-3">
          {memberships.map((m) => (
            <li key={m.cooperativeId} className="rounded-xl bg-white p-4 shadow-sm">
              <p className="font-semibold">{pick(lang, m.nameZh, m.nameEn)}</p>
              <p className="mt-1">{t(`dashboard.status.${m.status}`)}</p>
              {m.status === "rejected" && m.reviewReason ? (
                <p className="mt-1 text-stone-700">
                  {t("dashboard.status.reason")}
                  {m.reviewReason}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("dashboard.noMembership")}</p>
      )}
      <LocaleLink to="/sell" className="inline-block min-h-11 rounded-lg bg-tea-700 px-4 py-2.5 text-white">
        {t("dashboard.apply")}
      </LocaleLink>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
