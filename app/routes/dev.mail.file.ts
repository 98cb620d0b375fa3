// /dev/mail/:file — one stored mail as a small standalone page: the text body as text, the HTML
// body only inside a sandboxed frame. 404 for unknown names and whenever mail goes over SMTP.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { DEV_MAIL_CSP, devMailEnabled, renderMailPage } from "~/modules/accounts/dev-mail.server";
import { readStoredMail } from "~/modules/mail/mailer.server";
import { PRIVATE_NO_STORE, notFound } from "~/utils/http.server";

export async function loader({ params }: LoaderFunctionArgs) {
  if (!devMailEnabled()) notFound();
  // readStoredMail accepts only names of the mailer's own pattern: no path can leave the mail directory.
  const mail = await readStoredMail(params.file ?? "");
  if (!mail) notFound();
  return new Response(renderMailPage(mail), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": PRIVATE_NO_STORE,
      // The server's common headers add X-Frame-Options; this says the same in the page's own policy.
      "Content-Security-Policy": `${DEV_MAIL_CSP}; frame-ancestors 'none'`,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
    },
  });
}
