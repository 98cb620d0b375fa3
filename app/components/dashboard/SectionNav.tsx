// The row of section tabs under a workspace's header (the seller's dashboard, the operator's
// area): scrolls sideways on a phone, the current section highlighted.
import { NavLink } from "@remix-run/react";
import type { MessageKey } from "~/locales";
import { localePath } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";

export type Section = { to: string; key: MessageKey; end: boolean };

export function SectionNav({ label, sections }: { label: string; sections: readonly Section[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <nav aria-label={label}>
      <ul className="-mx-4 flex gap-1 overflow-x-auto px-4 pb-1">
        {sections.map((s) => (
          <li key={s.to} className="shrink-0">
            <NavLink
              to={localePath(lang, s.to)}
              end={s.end}
              className={({ isActive }) =>
                `inline-block min-h-11 rounded-full px-4 py-2.5 text-base ${isActive ? "bg-tea-700 font-semibold text-white" : "bg-white text-stone-800 hover:bg-stone-100"}`
              }
            >
              {t(s.key)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
