import { useLocation, useNavigate } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { SEARCH_TYPES, type SearchType } from "~/modules/search/types";
import { localePath } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";

/** How long typing must pause before suggestions are fetched (ms). */
export const SUGGEST_DEBOUNCE_MS = 200;
const SUGGEST_LIMIT = 6;

export type Suggestion = { type: SearchType; title: string; url: string };

/** The hits of `/api/v1/search` that can be shown and followed; anything malformed is skipped. */
export function toSuggestions(body: unknown): Suggestion[] {
  const hits = (body as { hits?: unknown } | null)?.hits;
  if (!Array.isArray(hits)) return [];
  const out: Suggestion[] = [];
  for (const hit of hits as Record<string, unknown>[]) {
    const { type, title, url } = hit ?? {};
    // Only same-site paths: a suggestion never navigates off the site.
    if (typeof title !== "string" || typeof url !== "string" || !url.startsWith("/") || url.startsWith("//")) continue;
    if (!SEARCH_TYPES.includes(type as SearchType)) continue;
    out.push({ type: type as SearchType, title, url });
    if (out.length === SUGGEST_LIMIT) break;
  }
  return out;
}

/**
 * The search box in the site header: a GET form to `/search` that works without JavaScript.
 * Once hydrated it is an ARIA 1.2 combobox (list autocomplete): typing fetches suggestions from
 * the JSON API after a short pause, a newer request aborts the older one, arrow keys move through
 * the options, Enter opens the chosen one (or searches), Escape closes the list, then clears.
 */
export function HeaderSearch({ className = "" }: { className?: string }) {
  const t = useT();
  const lang = useLang();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const id = useId();
  const listId = `${id}-list`;
  const [hydrated, setHydrated] = useState(false);
  const [value, setValue] = useState("");
  const [options, setOptions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const request = useRef<AbortController>();

  useEffect(() => setHydrated(true), []);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      request.current?.abort();
    },
    [],
  );

  const close = () => {
    setOpen(false);
    setActive(-1);
  };

  // A new page: start empty again.
  const shownPath = useRef(pathname);
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    clearTimeout(timer.current);
    request.current?.abort();
    setValue("");
    setOptions([]);
    setOpen(false);
    setActive(-1);
  }, [pathname]);

  const suggest = (text: string) => {
    clearTimeout(timer.current);
    request.current?.abort();
    const q = text.trim();
    if (!q) {
      setOptions([]);
      close();
      return;
    }
    timer.current = setTimeout(async () => {
      const controller = new AbortController();
      request.current = controller;
      const params = new URLSearchParams({ q, limit: String(SUGGEST_LIMIT), lang });
      try {
        const res = await fetch(`/api/v1/search?${params}`, { signal: controller.signal, headers: { Accept: "application/json" } });
        const found = res.ok ? toSuggestions(await res.json()) : [];
        if (controller.signal.aborted) return;
        setOptions(found);
        setActive(-1);
        setOpen(true);
      } catch {
        // Aborted by a newer request, or offline: the form still searches on Enter.
      }
    }, SUGGEST_DEBOUNCE_MS);
  };

  const choose = (option: Suggestion) => {
    close();
    navigate(option.url);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    const count = options.length;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        if (!count) return;
        event.preventDefault();
        const down = event.key === "ArrowDown";
        if (!open) {
          setOpen(true);
          setActive(down ? 0 : count - 1);
        } else {
          setActive((i) => (down ? (i + 1) % count : i <= 0 ? count - 1 : i - 1));
        }
        return;
      }
      case "Enter": {
        const option = open ? options[active] : undefined;
        if (option && !event.nativeEvent.isComposing) {
          event.preventDefault();
          choose(option);
        }
        // Otherwise the form submits: a search for the typed words.
        return;
      }
      case "Escape":
        if (open) {
          event.preventDefault();
          close();
        } else if (value) {
          event.preventDefault();
          setValue("");
          setOptions([]);
        }
        return;
    }
  };

  const expanded = hydrated && open && value.trim() !== "";
  const combobox = hydrated
    ? {
        role: "combobox",
        "aria-autocomplete": "list" as const,
        "aria-expanded": expanded,
        "aria-controls": listId,
        "aria-activedescendant": expanded && active >= 0 ? `${listId}-${active}` : undefined,
      }
    : {};

  return (
    <form method="get" action={localePath(lang, "/search")} role="search" aria-label={t("search.header.label")} className={`relative flex min-w-0 gap-1 ${className}`}>
      <input
        type="search"
        name="q"
        value={value}
        maxLength={200}
        enterKeyHint="search"
        autoComplete="off"
        aria-label={t("search.header.label")}
        placeholder={t("search.header.placeholder")}
        {...combobox}
        onChange={(event) => {
          setValue(event.currentTarget.value);
          suggest(event.currentTarget.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={close}
        onFocus={() => {
          if (options.length && value.trim()) setOpen(true);
        }}
        className="block min-h-11 w-full min-w-0 flex-1 rounded-full border border-stone-300 bg-stone-50 px-4 py-2 text-base text-stone-900"
      />
      <button
        type="submit"
        className="min-h-11 shrink-0 rounded-full bg-tea-700 px-4 py-2 text-sm font-semibold text-white hover:bg-tea-800"
      >
        {t("search.header.submit")}
      </button>
      {hydrated ? (
        <>
          <ul
            id={listId}
            role="listbox"
            aria-label={t("search.header.suggestions")}
            hidden={!expanded || !options.length}
            className="absolute inset-x-0 top-full z-30 mt-1 overflow-hidden rounded-lg border border-stone-200 bg-white py-1 shadow-lg"
          >
            {options.map((option, i) => (
              <li
                key={option.url}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                // Keep the focus in the input: the click still chooses.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(option)}
                onMouseMove={() => setActive(i)}
                className={`flex min-h-11 cursor-pointer items-center justify-between gap-3 px-4 py-2 ${i === active ? "bg-tea-100" : ""}`}
              >
                <span className="min-w-0 truncate text-stone-900">{option.title}</span>
                <span className="shrink-0 text-sm text-stone-600">{t(`search.type.${option.type}`)}</span>
              </li>
            ))}
          </ul>
          <p role="status" className="sr-only">
            {expanded
              ? options.length
                ? t("search.header.suggestionCount", { count: options.length })
                : t("search.header.noSuggestions")
              : ""}
          </p>
        </>
      ) : null}
    </form>
  );
}
