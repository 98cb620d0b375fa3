import { data } from "@remix-run/node";
import { ErrorPage } from "~/components/ErrorPage";

// Any unknown URL (in either language) is a 404 page in that language.
export function loader() {
  throw data({ message: "Not found" }, { status: 404, headers: { "Cache-Control": "public, max-age=60" } });
}

export function ErrorBoundary() {
  return <ErrorPage status={404} />;
}

export default function NotFound() {
  return <ErrorPage status={404} />;
}
