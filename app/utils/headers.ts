import type { HeadersFunction } from "@remix-run/node";

/** Route `headers` export: keeps the loader's (or error's) Cache-Control and Vary. */
export const loaderHeaders: HeadersFunction = ({ loaderHeaders, errorHeaders }) => {
  const source = errorHeaders ?? loaderHeaders;
  const out = new Headers();
  for (const name of ["Cache-Control", "Vary"]) {
    const value = source.get(name);
    if (value) out.set(name, value);
  }
  return out;
};
