// Placeholder: built in issue 6 (bookings).
export function loader() {
  throw new Response("Not found", { status: 404 });
}
