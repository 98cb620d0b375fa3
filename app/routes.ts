import { type RouteConfig, index, prefix, route } from "@remix-run/route-config";

// Each public page exists once per language: Chinese at the root, English under /en.
// The same module serves both; the language comes from the URL (see ~/utils/i18n).
function pages(lang: "zh" | "en") {
  const id = (name: string) => `${lang}:${name}`;
  return [
    index("routes/home.tsx", { id: id("home") }),
    route("products", "routes/products.tsx", { id: id("products") }),
    route("products/:slug", "routes/product.tsx", { id: id("product") }),
    route("villages", "routes/villages.tsx", { id: id("villages") }),
    route("villages/:slug", "routes/village.tsx", { id: id("village") }),
    route("cooperatives/:slug", "routes/cooperative.tsx", { id: id("cooperative") }),
    route("stays", "routes/stays.tsx", { id: id("stays") }),
    route("stays/:slug", "routes/stay.tsx", { id: id("stay") }),
    route("experiences", "routes/experiences.tsx", { id: id("experiences") }),
    route("experiences/:slug", "routes/experience.tsx", { id: id("experience") }),
    route("search", "routes/search.tsx", { id: id("search") }),
    // Accounts.
    route("login", "routes/login.tsx", { id: id("login") }),
    route("signup", "routes/signup.tsx", { id: id("signup") }),
    route("logout", "routes/logout.ts", { id: id("logout") }),
    route("forgot-password", "routes/forgot-password.tsx", { id: id("forgot-password") }),
    route("reset-password", "routes/reset-password.tsx", { id: id("reset-password") }),
    route("account", "routes/account.tsx", { id: id("account") }),
    route("account/orders", "routes/account.orders.tsx", { id: id("account-orders") }),
    route("account/bookings", "routes/account.bookings.tsx", { id: id("account-bookings") }),
    route("account/bookings/:kind/:bookingId", "routes/account.booking.tsx", { id: id("account-booking") }),
    // Buying.
    route("cart", "routes/cart.tsx", { id: id("cart") }),
    route("checkout", "routes/checkout.tsx", { id: id("checkout") }),
    route("orders/:number", "routes/order.tsx", { id: id("order") }),
    // The built-in test payment provider's page (only when it is the active provider).
    route("pay/test/:number", "routes/pay.test.tsx", { id: id("pay-test") }),
    // Becoming a seller, and joining one.
    route("sell", "routes/sell.tsx", { id: id("sell") }),
    route("invitations/:token", "routes/invitation.tsx", { id: id("invitation") }),
    // A seller's workspace: every child loader and action checks the acting membership itself.
    route("dashboard", "routes/dashboard.tsx", { id: id("dashboard") }, [
      index("routes/dashboard._index.tsx", { id: id("dashboard-home") }),
      route("switch", "routes/dashboard.switch.ts", { id: id("dashboard-switch") }),
      route("members", "routes/dashboard.members.tsx", { id: id("dashboard-members") }),
      route("payouts", "routes/dashboard.payouts.tsx", { id: id("dashboard-payouts") }),
      route("shipping", "routes/dashboard.shipping.tsx", { id: id("dashboard-shipping") }),
      route("orders", "routes/dashboard.orders.tsx", { id: id("dashboard-orders") }),
      route("orders/export", "routes/dashboard.orders.export.ts", { id: id("dashboard-orders-export") }),
      route("orders/:sellerOrderId", "routes/dashboard.order.tsx", { id: id("dashboard-order") }),
      route("bookings", "routes/dashboard.bookings.tsx", { id: id("dashboard-bookings") }),
      route("bookings/settings", "routes/dashboard.bookings.settings.tsx", { id: id("dashboard-bookings-settings") }),
      route("bookings/:kind/:bookingId", "routes/dashboard.booking.tsx", { id: id("dashboard-booking") }),
      route("products", "routes/dashboard.products.tsx", { id: id("dashboard-products") }),
      route("products/new", "routes/dashboard.products.new.tsx", { id: id("dashboard-product-new") }),
      route("products/import", "routes/dashboard.products.import.tsx", { id: id("dashboard-products-import") }),
      route("products/export", "routes/dashboard.products.export.ts", { id: id("dashboard-products-export") }),
      route("products/:productId", "routes/dashboard.product.tsx", { id: id("dashboard-product") }),
      route("products/:productId/stock", "routes/dashboard.product.stock.tsx", { id: id("dashboard-product-stock") }),
      route("products/:productId/images", "routes/dashboard.product.images.tsx", { id: id("dashboard-product-images") }),
      route("stays", "routes/dashboard.stays.tsx", { id: id("dashboard-stays") }),
      route("stays/new", "routes/dashboard.stays.new.tsx", { id: id("dashboard-stay-new") }),
      route("stays/:stayId", "routes/dashboard.stay.tsx", { id: id("dashboard-stay") }),
      route("stays/:stayId/rooms/new", "routes/dashboard.stay.room-new.tsx", { id: id("dashboard-room-new") }),
      route("stays/:stayId/rooms/:unitId", "routes/dashboard.stay.room.tsx", { id: id("dashboard-room") }),
      route("stays/:stayId/rooms/:unitId/calendars", "routes/dashboard.stay.room.calendars.tsx", { id: id("dashboard-room-calendars") }),
      route("experiences", "routes/dashboard.experiences.tsx", { id: id("dashboard-experiences") }),
      route("experiences/new", "routes/dashboard.experiences.new.tsx", { id: id("dashboard-experience-new") }),
      route("experiences/:experienceId", "routes/dashboard.experience.tsx", { id: id("dashboard-experience") }),
      route("experiences/:experienceId/slots", "routes/dashboard.experience.slots.tsx", { id: id("dashboard-experience-slots") }),
    ]),
    // The operator.
    route("admin", "routes/admin.tsx", { id: id("admin") }, [
      index("routes/admin._index.tsx", { id: id("admin-home") }),
      route("cooperatives", "routes/admin.cooperatives.tsx", { id: id("admin-cooperatives") }),
    ]),
    route("*", "routes/not-found.tsx", { id: id("not-found") }),
  ];
}

export default [
  route("healthz", "routes/healthz.ts"),
  route("robots.txt", "routes/robots[.]txt.ts"),
  route("sitemap.xml", "routes/sitemap[.]xml.ts"),
  route("lang", "routes/lang.ts"),
  // Uploaded pictures on local disk (the production server serves them before Remix does).
  route("media/*", "routes/media.$.ts"),
  // Mail written to files (development, tests, the demo); absent when SMTP_URL is set.
  route("dev/mail", "routes/dev.mail.tsx"),
  route("dev/mail/:file", "routes/dev.mail.file.ts"),
  // Stripe's webhook: the raw body is verified against STRIPE_WEBHOOK_SECRET.
  route("webhooks/stripe", "routes/webhooks.stripe.ts"),
  // A room's iCal feed for other channels, at a secret URL (/calendars/<token>.ics).
  route("calendars/:file", "routes/calendars.$file.ts"),
  ...prefix("api/v1", [
    route("search", "routes/api.v1.search.ts"),
    route("products/:slug", "routes/api.v1.product.ts"),
    route("stays/:slug", "routes/api.v1.stay.ts"),
    route("stays/:slug/availability", "routes/api.v1.stay.availability.ts"),
    route("experiences/:slug", "routes/api.v1.experience.ts"),
    route("villages", "routes/api.v1.villages.ts"),
    route("cooperatives", "routes/api.v1.cooperatives.ts"),
    route("carts", "routes/api.v1.carts.ts"),
    route("carts/:cartId", "routes/api.v1.cart.ts"),
    route("carts/:cartId/lines", "routes/api.v1.cart.lines.ts"),
    route("carts/:cartId/lines/:lineId", "routes/api.v1.cart.line.ts"),
    route("carts/:cartId/checkout", "routes/api.v1.cart.checkout.ts"),
    route("orders/:number", "routes/api.v1.order.ts"),
    route("orders/:number/test-payment", "routes/api.v1.order.test-payment.ts"),
    route("*", "routes/api.v1.not-found.ts"),
  ]),
  ...pages("zh"),
  ...prefix("en", pages("en")),
] satisfies RouteConfig;
