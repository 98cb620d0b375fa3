// /dev/mail: the mails written to files when no SMTP server is configured (development, tests,
// the demo). With SMTP_URL set the pages do not exist.
import { renderToStaticMarkup } from "react-dom/server";
import type { StoredMail } from "~/modules/mail/mailer.server";
import { devMailOn, parseEnv } from "~/utils/env.server";

/**
 * Whether /dev/mail exists. Read from the environment on each call (not the cached settings) so
 * that tests can switch SMTP_URL on and off; the values were validated at start already.
 */
export function devMailEnabled(source: Record<string, string | undefined> = process.env): boolean {
  return devMailOn(parseEnv(source));
}

// The mail's HTML is somebody else's markup: it is only ever shown inside a sandboxed frame
// (no scripts, no same-origin access), and this page's CSP stops it loading anything remote.
export const DEV_MAIL_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; base-uri 'none'; form-action 'none'";

/** A whole HTML page showing one stored mail; React escapes every value, the HTML body included. */
export function renderMailPage(mail: StoredMail): string {
  const markup = renderToStaticMarkup(
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{mail.subject}</title>
        <style>{`body{font-family:system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem;color:#1c1917}
dt{font-weight:600}dd{margin:0 0 .5rem}pre{white-space:pre-wrap;word-break:break-word;background:#f5f5f4;padding:1rem;border-radius:.5rem}
iframe{width:100%;min-height:24rem;border:1px solid #d6d3d1;border-radius:.5rem}a{color:#2f5f2c}`}</style>
      </head>
      <body>
        <p>
          <a href="/dev/mail">← /dev/mail</a>
        </p>
        <h1>{mail.subject}</h1>
        <dl>
          <dt>To</dt>
          <dd>{mail.to}</dd>
          <dt>Date</dt>
          <dd>
            <time dateTime={mail.date}>{mail.date}</time>
          </dd>
        </dl>
        <h2>Text</h2>
        <pre>{mail.text}</pre>
        {mail.html !== null ? (
          <>
            <h2>HTML</h2>
            <iframe title="HTML" sandbox="" srcDoc={mail.html} />
          </>
        ) : null}
      </body>
    </html>,
  );
  return `<!doctype html>${markup}`;
}
