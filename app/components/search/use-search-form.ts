import { useNavigate } from "@remix-run/react";
import { useCallback } from "react";
import { compactQuery } from "./search-links";

/**
 * With JavaScript, a search form navigates client-side to its compact URL (no empty fields).
 * A newer navigation makes Remix abort the older one, so a stale answer never replaces a fresh one.
 * Without JavaScript the form is a plain GET form and the browser does the same.
 */
export function useSearchFormNavigate() {
  const navigate = useNavigate();
  return useCallback(
    (form: HTMLFormElement, options: { replace?: boolean } = {}) => {
      const action = form.getAttribute("action") ?? window.location.pathname;
      navigate(`${action}?${compactQuery(new FormData(form))}`, { replace: options.replace, preventScrollReset: true });
    },
    [navigate],
  );
}

/** `onSubmit` for a GET search form: the same URL the browser would open, minus empty fields. */
export function useCompactSubmit() {
  const go = useSearchFormNavigate();
  return useCallback(
    (event: React.FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      go(event.currentTarget);
    },
    [go],
  );
}
