import forms from "./forms";
import accounts from "./accounts";
import dashboard from "./dashboard";
import admin from "./admin";
import listingsDashboard from "./listings-dashboard";
import media from "./media";
import productsDashboard from "./products-dashboard";
import catalog from "./catalog";
import common from "./common";
import experiences from "./experiences";
import places from "./places";
import search from "./search";
import stays from "./stays";
import cart from "./cart";
import orders from "./orders";
import ordersDashboard from "./orders-dashboard";
import bookings from "./bookings";
import hostBookings from "./host-bookings";
import travellerBookings from "./traveller-bookings";

const zh = {
  ...common["zh-CN"],
  ...catalog["zh-CN"],
  ...places["zh-CN"],
  ...stays["zh-CN"],
  ...experiences["zh-CN"],
  ...search["zh-CN"],
  ...forms["zh-CN"],
  ...accounts["zh-CN"],
  ...dashboard["zh-CN"],
  ...admin["zh-CN"],
  ...listingsDashboard["zh-CN"],
  ...media["zh-CN"],
  ...productsDashboard["zh-CN"],
  ...cart["zh-CN"],
  ...orders["zh-CN"],
  ...ordersDashboard["zh-CN"],
  ...bookings["zh-CN"],
  ...hostBookings["zh-CN"],
  ...travellerBookings["zh-CN"],
};
const en = { ...common.en, ...catalog.en, ...places.en, ...stays.en, ...experiences.en, ...search.en,
  ...forms.en, ...accounts.en, ...dashboard.en, ...admin.en, ...listingsDashboard.en, ...media.en, ...productsDashboard.en,
  ...cart.en, ...orders.en, ...ordersDashboard.en, ...bookings.en, ...hostBookings.en, ...travellerBookings.en,
};

export type MessageKey = keyof typeof zh;
export const messages: Record<"zh-CN" | "en", Record<MessageKey, string>> = { "zh-CN": zh, en };
