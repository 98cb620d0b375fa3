// Every other message in one language (accounts, buying, bookings, the seller's workspace, the
// operator): loaded in the browser on those pages only (see ~/utils/t). `?lang=…`: see zh-CN.public.ts.
import accounts from "../accounts?lang=zh-CN";
import orders from "../orders?lang=zh-CN";
import travellerBookings from "../traveller-bookings?lang=zh-CN";
import dashboard from "../dashboard?lang=zh-CN";
import admin from "../admin?lang=zh-CN";
import listingsDashboard from "../listings-dashboard?lang=zh-CN";
import media from "../media?lang=zh-CN";
import productsDashboard from "../products-dashboard?lang=zh-CN";
import ordersDashboard from "../orders-dashboard?lang=zh-CN";
import hostBookings from "../host-bookings?lang=zh-CN";

export default {
  ...accounts["zh-CN"],
  ...orders["zh-CN"],
  ...travellerBookings["zh-CN"],
  ...dashboard["zh-CN"],
  ...admin["zh-CN"],
  ...listingsDashboard["zh-CN"],
  ...media["zh-CN"],
  ...productsDashboard["zh-CN"],
  ...ordersDashboard["zh-CN"],
  ...hostBookings["zh-CN"],
};
