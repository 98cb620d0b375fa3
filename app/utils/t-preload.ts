import { useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { loadMessagesFor } from "./t";

// Apart from ~/utils/t, which must not import @remix-run/react: the unit tests' page double
// mocks that module with one that imports ~/utils/t.

/** Starts loading the next page's messages as soon as a navigation to it begins (the root layout calls it). */
export function usePreloadMessages() {
  const nextPathname = useNavigation().location?.pathname;
  useEffect(() => {
    if (nextPathname) void loadMessagesFor(nextPathname).catch(() => {});
  }, [nextPathname]);
}
