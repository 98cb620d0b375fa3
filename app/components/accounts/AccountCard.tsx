// The frame of the signed-out account pages (log in, sign up, forgot and reset password): one
// narrow card with the page's heading, and the plain links between those pages.
import type { ReactNode } from "react";
import { LocaleLink } from "~/components/LocaleLink";

export function AccountCard({
  titleId,
  title,
  children,
}: {
  titleId: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={titleId}
      className="mx-auto max-w-md rounded-xl bg-white p-5 shadow-sm sm:p-6"
    >
      <h1 id={titleId} className="text-2xl font-semibold text-tea-800">
        {title}
      </h1>
      {children}
    </section>
  );
}

/** A link to another account page, tall enough for a thumb. */
export function AccountLink({
  to,
  children,
}: {
  to: string;
  children: ReactNode;
}) {
  return (
    <LocaleLink to={to} className="inline-block py-2 text-tea-800 underline">
      {children}
    </LocaleLink>
  );
}
