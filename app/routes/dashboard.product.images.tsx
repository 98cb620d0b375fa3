// Placeholder until this page is built: answers 404.
import { notFound } from "~/utils/http.server";

export function loader(): never {
  notFound();
}
