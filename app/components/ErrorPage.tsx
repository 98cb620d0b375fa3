import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useT } from "~/utils/t";
import { LocaleLink } from "./LocaleLink";

/** The error page in the visitor's language: 404 for unknown pages, 400 for bad links, else 500. */
export function ErrorPage({ status }: { status: number }) {
  const t = useT();
  const kind =
    status === 404
      ? "notFound"
      : status === 403
        ? "forbidden"
        : status === 429
          ? "tooMany"
          : status >= 400 && status < 500
            ? "badRequest"
            : "server";
  return (
    <section className="mx-auto max-w-xl py-16 text-center" aria-labelledby="error-title">
      <p className="text-5xl font-bold text-tea-700">{status}</p>
      <h1 id="error-title" className="mt-4 text-2xl font-semibold">
        {t(`error.${kind}.title`)}
      </h1>
      <p className="mt-3 text-stone-700">{t(`error.${kind}.body`)}</p>
      <LocaleLink to="/" className="mt-8 inline-block rounded-full bg-tea-700 px-6 py-3 text-white hover:bg-tea-800">
        {t("error.notFound.home")}
      </LocaleLink>
    </section>
  );
}

/** A route's ErrorBoundary: the error page with the status thrown (a 404, a 403…), else 500. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
