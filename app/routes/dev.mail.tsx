// /dev/mail: the mails written to files (development, tests, the demo), newest first, each
// with the first link in it (a reset link, an invitation) ready to follow. 404 with SMTP.
import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { devMailEnabled } from "~/modules/accounts/dev-mail.server";
import { accountHeaders } from "~/modules/accounts/responses.server";
import { listStoredMail } from "~/modules/mail/mailer.server";
import { PRIVATE_NO_STORE, notFound } from "~/utils/http.server";
import { formatDateTime } from "~/utils/format";
import { privateMeta } from "~/utils/seo";
import { useLang, useT } from "~/utils/t";

const LINK = /https?:\/\/[^\s<>"]+/;

export async function loader(_: LoaderFunctionArgs) {
  if (!devMailEnabled()) notFound();
  const mails = (await listStoredMail(200)).map((m) => ({
    file: m.file,
    to: m.to,
    subject: m.subject,
    date: m.date,
    link: LINK.exec(m.text)?.[0] ?? null,
  }));
  return data({ mails }, { headers: { "Cache-Control": PRIVATE_NO_STORE } });
}

export const headers = accountHeaders;

export const meta: MetaFunction = ({ location }) => privateMeta(location.pathname, "accounts.devMail.title");

export default function DevMailPage() {
  const { mails } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <section aria-labelledby="dev-mail-title" className="mx-auto max-w-2xl space-y-4">
      <h1 id="dev-mail-title" className="text-2xl font-semibold text-tea-800">
        {t("accounts.devMail.title")}
      </h1>
      <p className="text-stone-700">{t("accounts.devMail.intro")}</p>
      {mails.length === 0 ? (
        <p>{t("accounts.devMail.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {mails.map((m) => (
            <li key={m.file} className="rounded-xl bg-white p-4 shadow-sm">
              {/* A resource route: a full page load, not a client-side navigation. */}
              <a href={`/dev/mail/${m.file}`} className="block min-h-11 py-1 font-medium text-tea-800 underline">
                {m.subject || m.file}
              </a>
              <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 text-sm text-stone-700">
                <dt>{t("accounts.devMail.to")}</dt>
                <dd className="break-all">{m.to}</dd>
                <dt>{t("accounts.devMail.time")}</dt>
                <dd>
                  <time dateTime={m.date}>{formatDateTime(m.date, lang)}</time>
                </dd>
              </dl>
              {m.link ? (
                <a href={m.link} className="mt-2 block break-all py-2 text-sm text-tea-800 underline">
                  {m.link}
                </a>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
