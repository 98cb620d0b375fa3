// The messages of the catalogue pages (home, products, stays, experiences, villages, cooperatives,
// search) in one language: the only ones those pages load in the browser (see ~/utils/t).
// `?lang=…` makes each namespace file a module of its own per language, so the build leaves the
// other language out of this chunk (it drops the unused half of the namespace's export).
import common from "../common?lang=en";
import catalog from "../catalog?lang=en";
import places from "../places?lang=en";
import stays from "../stays?lang=en";
import experiences from "../experiences?lang=en";
import search from "../search?lang=en";
import forms from "../forms?lang=en";
import cart from "../cart?lang=en";
import bookings from "../bookings?lang=en";

export default {
  ...common.en,
  ...catalog.en,
  ...places.en,
  ...stays.en,
  ...experiences.en,
  ...search.en,
  ...forms.en,
  ...cart.en,
  ...bookings.en,
};
