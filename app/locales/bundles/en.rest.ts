// Every other message in one language (accounts, buying, bookings, the seller's workspace, the
// operator): loaded in the browser on those pages only (see ~/utils/t). `?lang=…`: see zh-CN.public.ts.
import accounts from "../accounts?lang=en";
import orders from "../orders?lang=en";
import travellerBookings from "../traveller-bookings?lang=en";
import dashboard from "../dashboard?lang=en";
import admin from "../admin?lang=en";
import listingsDashboard from "../listings-dashboard?lang=en";
import media from "../media?lang=en";
import productsDashboard from "../products-dashboard?lang=en";
import ordersDashboard from "../orders-dashboard?lang=en";
import hostBookings from "../host-bookings?lang=en";

export default {
  ...accounts.en,
  ...orders.en,
  ...travellerBookings.en,
  ...dashboard.en,
  ...admin.en,
  ...listingsDashboard.en,
  ...media.en,
  ...productsDashboard.en,
  ...ordersDashboard.en,
  ...hostBookings.en,
};
