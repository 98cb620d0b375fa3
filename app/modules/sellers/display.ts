// Client-safe helpers of the seller pages.
import type { MetaDescriptor } from "@remix-run/node";
import type { MessageKey } from "~/locales";
import { langFromPath } from "~/utils/i18n";
import { translator } from "~/utils/t";

/** 800 basis points → "8%", 1250 → "12.5%". */
export function formatCommission(bps: number): string {
  return `${(bps / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}

/** Title and noindex of a private page (onboarding, dashboard, admin). */
export function privateMeta(pathname: string, titleKey: MessageKey): MetaDescriptor[] {
  const t = translator(langFromPath(pathname));
  return [{ title: `${t(titleKey)} · ${t("site.name")}` }, { name: "robots", content: "noindex" }];
}
