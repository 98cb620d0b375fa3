// The messages of the catalogue pages (home, products, stays, experiences, villages, cooperatives,
// search) in one language: the only ones those pages load in the browser (see ~/utils/t).
// `?lang=…` makes each namespace file a module of its own per language, so the build leaves the
// other language out of this chunk (it drops the unused half of the namespace's export).
import common from "../common?lang=zh-CN";
import catalog from "../catalog?lang=zh-CN";
import places from "../places?lang=zh-CN";
import stays from "../stays?lang=zh-CN";
import experiences from "../experiences?lang=zh-CN";
import search from "../search?lang=zh-CN";
import forms from "../forms?lang=zh-CN";
import cart from "../cart?lang=zh-CN";
import bookings from "../bookings?lang=zh-CN";

export default {
  ...common["zh-CN"],
  ...catalog["zh-CN"],
  ...places["zh-CN"],
  ...stays["zh-CN"],
  ...experiences["zh-CN"],
  ...search["zh-CN"],
  ...forms["zh-CN"],
  ...cart["zh-CN"],
  ...bookings["zh-CN"],
};
