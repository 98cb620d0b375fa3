import { createContext, useContext } from "react";

/**
 * The Content-Security-Policy nonce of the document being rendered (see entry.server.tsx). Only the
 * server render has one: in the browser the attribute is hidden from scripts anyway, and what
 * Remix loads after hydration (route modules through `import()`) is trusted by 'strict-dynamic'.
 */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
