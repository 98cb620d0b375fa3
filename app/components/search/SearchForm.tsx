import { useEffect, useRef, useState } from "react";
import { localePath } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";
import type { SearchState } from "./search-links";
import { useSearchFormNavigate } from "./use-search-form";

/** How long typing must pause before the results follow (ms). */
export const TYPING_DEBOUNCE_MS = 250;

/**
 * The search page's own box. A plain GET form (`q`, and the type tab and sort it keeps);
 * new words start from no filters. With JavaScript the results follow the typing: the form
 * submits itself once typing pauses, replacing the history entry, and Remix aborts the
 * previous request. The input is never re-mounted, so focus and caret stay where they are.
 */
export function SearchForm({ state }: { state: SearchState }) {
  const t = useT();
  const lang = useLang();
  const go = useSearchFormNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [value, setValue] = useState(state.q);
  const composing = useRef(false);
  const shownQ = useRef(state.q);
  shownQ.current = state.q;

  // A navigation from elsewhere (a popular search, did-you-mean, the header box) shows its
  // words; while the visitor types here, their text wins.
  useEffect(() => {
    if (document.activeElement !== inputRef.current) setValue(state.q);
  }, [state.q]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const schedule = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const form = formRef.current;
      const input = inputRef.current;
      if (!form || !input || input.value.trim() === shownQ.current.trim()) return;
      go(form, { replace: true });
    }, TYPING_DEBOUNCE_MS);
  };

  return (
    <form
      ref={formRef}
      role="search"
      aria-label={t("search.title")}
      method="get"
      action={localePath(lang, "/search")}
      onSubmit={(event) => {
        event.preventDefault();
        clearTimeout(timer.current);
        go(event.currentTarget);
      }}
      className="flex gap-2"
    >
      <label htmlFor="search-q" className="sr-only">
        {t("search.label")}
      </label>
      <input
        ref={inputRef}
        id="search-q"
        type="search"
        name="q"
        value={value}
        maxLength={200}
        enterKeyHint="search"
        autoComplete="off"
        placeholder={t("search.placeholder")}
        onChange={(event) => {
          setValue(event.currentTarget.value);
          // Pinyin being composed is not yet the words: wait for the characters.
          if (!composing.current) schedule();
        }}
        onCompositionStart={() => (composing.current = true)}
        onCompositionEnd={() => {
          composing.current = false;
          schedule();
        }}
        aria-describedby="search-status"
        className="block min-h-11 w-full min-w-0 flex-1 rounded-md border border-stone-400 bg-white px-3 py-2 text-base text-stone-900"
      />
      {state.type ? <input type="hidden" name="type" value={state.type} /> : null}
      {state.sort && state.sort !== "relevance" ? <input type="hidden" name="sort" value={state.sort} /> : null}
      <button
        type="submit"
        className="min-h-11 shrink-0 rounded-md bg-tea-700 px-4 py-2 font-semibold text-white hover:bg-tea-800"
      >
        {t("search.submit")}
      </button>
    </form>
  );
}
