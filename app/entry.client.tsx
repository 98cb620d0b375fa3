import { RemixBrowser } from "@remix-run/react";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadMessagesFor } from "~/utils/t";

// The page's messages come in their own chunk (one language, only what the page needs): hydrating
// without them would blank every text. If they cannot be loaded the server's HTML stays as it is,
// and every link and form still works without JavaScript.
loadMessagesFor(window.location.pathname).then(
  () =>
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <RemixBrowser />
        </StrictMode>,
      );
    }),
  (error: unknown) => console.error("The page's messages did not load; it stays without JavaScript.", error),
);
