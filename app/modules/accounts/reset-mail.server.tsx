// The password reset mail, in the account's language: plain text first (what every mail client
// shows), and a simple HTML version rendered by React, which escapes the name and the link.
import { renderToStaticMarkup } from "react-dom/server";
import type { Mail } from "~/modules/mail/mailer.server";
import type { Lang } from "~/utils/i18n";
import { htmlLang } from "~/utils/i18n";
import { translator } from "~/utils/t";

export function resetPasswordMail(input: { to: string; name: string; link: string; lang: Lang }): Mail {
  const t = translator(input.lang);
  const greeting = t("accounts.resetMail.greeting", { name: input.name || input.to });
  const text = [
    greeting,
    "",
    t("accounts.resetMail.body"),
    input.link,
    "",
    t("accounts.resetMail.ignore"),
    "",
    t("accounts.resetMail.signature"),
  ].join("\n");
  const html = renderToStaticMarkup(
    <html lang={htmlLang(input.lang)}>
      <body style={{ fontFamily: "sans-serif", lineHeight: 1.6, color: "#1c1917" }}>
        <p>{greeting}</p>
        <p>{t("accounts.resetMail.body")}</p>
        <p>
          <a href={input.link} style={{ color: "#2f5f2c", fontWeight: "bold" }}>
            {t("accounts.resetMail.button")}
          </a>
        </p>
        <p style={{ wordBreak: "break-all", fontSize: "13px", color: "#57534e" }}>{input.link}</p>
        <p>{t("accounts.resetMail.ignore")}</p>
        <p>{t("accounts.resetMail.signature")}</p>
      </body>
    </html>,
  );
  return { to: input.to, subject: t("accounts.resetMail.subject"), text, html: `<!doctype html>${html}` };
}
