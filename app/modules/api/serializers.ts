// Catalogue and search data → the JSON API v1 bodies (docs/decisions/007-json-api-v1.md).
// One language per response (`lang`, English falling back to Chinese like the pages), money in
// integer fen (`…Cents`, and `priceFrom` of search hits), calendar dates "YYYY-MM-DD", instants
// ISO 8601 in China Standard Time, paths relative to the site. Internal integer ids stay inside,
// except a room's `unitId` and a slot's `slotId`: cart lines name what they book by them.
// Client-safe, pure.
import type { AvailableQuote, RoomAvailability } from "~/modules/bookings/find-types";
import { CANCELLATION_TERMS, cancellationDeadline } from "~/modules/catalog/cancellation";
import { toShanghaiIso } from "~/modules/catalog/listing-display";
import type {
  BookableExperience,
  CooperativeCardData,
  CooperativeKind,
  StayDetail,
  VillageCardData,
  VillageLocation,
} from "~/modules/catalog/listing-types";
import { isPreSale } from "~/modules/catalog/product-display";
import { type ProductDetail, productImage } from "~/modules/catalog/types";
import { type Photo, largestPhotoUrl } from "~/modules/media/photo";
import type { SearchQuery, SearchResult } from "~/modules/search/types";
import { type Lang, localePath, pick } from "~/utils/i18n";
import type { StayParams } from "./params";
import { quoteRoom } from "./stay-quote";

/** A room's quote as the API gives it: `bookable` also means free (no held or confirmed night in the way). */
function quoteJson(quote: AvailableQuote) {
  const { unitId: _unitId, available, ...rest } = quote;
  return { ...rest, available, bookable: available };
}

type Named = { slug: string; nameZh: string; nameEn: string };

const ref = (lang: Lang, section: "villages" | "cooperatives", place: Named) => ({
  slug: place.slug,
  name: pick(lang, place.nameZh, place.nameEn),
  url: localePath(lang, `/${section}/${place.slug}`),
});

const sellerRef = (lang: Lang, seller: Named & { kind: CooperativeKind }) => ({ ...ref(lang, "cooperatives", seller), kind: seller.kind });

const location = (lang: Lang, v: VillageLocation) => ({
  province: pick(lang, v.provinceZh, v.provinceEn),
  city: pick(lang, v.cityZh, v.cityEn),
  county: pick(lang, v.countyZh, v.countyEn),
  town: pick(lang, v.townZh, v.townEn),
});

export function productJson(p: ProductDetail & { photos?: Photo[] }, lang: Lang, today: string) {
  const cover = p.photos?.[0];
  return {
    slug: p.slug,
    title: pick(lang, p.titleZh, p.titleEn),
    description: pick(lang, p.descriptionZh, p.descriptionEn),
    url: localePath(lang, `/products/${p.slug}`),
    // The cover's largest WebP (site-relative on local disk, absolute from object storage).
    image: cover ? largestPhotoUrl(cover) : productImage(p),
    category: p.category,
    certifications: p.certifications,
    harvestSeason: p.harvestSeason,
    priceFromCents: p.priceFromCents,
    inStock: p.variants.some((v) => v.stock > 0),
    preSale: p.variants.some((v) => isPreSale(v.shipsFrom, today)),
    village: p.village ? ref(lang, "villages", p.village) : null,
    cooperative: sellerRef(lang, p.cooperative),
    variants: p.variants.map((v) => ({
      sku: v.sku,
      name: pick(lang, v.nameZh, v.nameEn),
      priceCents: v.priceCents,
      stock: Math.max(v.stock, 0),
      inStock: v.stock > 0,
      weightG: v.weightG,
      shipsFrom: v.shipsFrom,
      preSale: isPreSale(v.shipsFrom, today),
    })),
  };
}

/**
 * `quotes` (from quoteRooms, for the dates in `params`) make each room's quote availability-aware;
 * without them a quote follows the host's rules only. Rooms carry `unitId`, the id cart lines take.
 */
export function stayJson(stay: StayDetail, lang: Lang, params: Omit<StayParams, "lang"> = {}, quotes?: AvailableQuote[]) {
  const { checkIn, checkOut, guests } = params;
  const range = checkIn && checkOut ? { checkIn, checkOut, guests } : null;
  const terms = CANCELLATION_TERMS[stay.cancellationPolicy];
  return {
    slug: stay.slug,
    title: pick(lang, stay.titleZh, stay.titleEn),
    description: pick(lang, stay.descriptionZh, stay.descriptionEn),
    url: localePath(lang, `/stays/${stay.slug}`),
    image: stay.image,
    amenities: stay.amenities,
    houseRules: pick(lang, stay.houseRulesZh, stay.houseRulesEn),
    checkInTime: stay.checkInTime,
    checkOutTime: stay.checkOutTime,
    cancellation: {
      policy: stay.cancellationPolicy,
      refundPercent: terms.refundPercent,
      daysBefore: terms.daysBefore,
      /** Last day (Asia/Shanghai) a cancellation still gets the refund, for the dates asked. */
      deadline: range ? cancellationDeadline(stay.cancellationPolicy, range.checkIn) : null,
    },
    village: { ...ref(lang, "villages", stay.village), location: location(lang, stay.village) },
    host: sellerRef(lang, stay.host),
    priceFromCents: stay.rooms.length ? Math.min(...stay.rooms.map((r) => r.basePriceCents)) : null,
    maxGuests: stay.rooms.length ? Math.max(...stay.rooms.map((r) => r.maxGuests)) : 0,
    rooms: stay.rooms.map((room) => ({
      unitId: room.id,
      name: pick(lang, room.nameZh, room.nameEn),
      description: pick(lang, room.descriptionZh, room.descriptionEn),
      beds: room.beds,
      maxGuests: room.maxGuests,
      basePriceCents: room.basePriceCents,
      weekendPriceCents: room.weekendPriceCents,
      minNights: room.minNights,
      rates: room.rates.map((r) => ({
        label: pick(lang, r.label.zh, r.label.en),
        startDate: r.startDate,
        endDate: r.endDate,
        priceCents: r.priceCents,
        minNights: r.minNights,
      })),
      blackouts: room.blackouts,
      quote: range ? roomQuote(room, range, quotes) : null,
    })),
  };
}

function roomQuote(room: StayDetail["rooms"][number], range: { checkIn: string; checkOut: string; guests?: number }, quotes?: AvailableQuote[]) {
  const quote = quotes?.find((q) => q.unitId === room.id);
  return quote ? quoteJson(quote) : quoteRoom(room, range);
}

/** GET /api/v1/stays/:slug/availability: each room's nights with state, price and minimum stay. */
export function stayAvailabilityJson(
  stay: StayDetail,
  lang: Lang,
  range: { from: string; to: string; today: string; calendarEnd: string },
  rooms: RoomAvailability[],
) {
  return {
    lang,
    stay: { slug: stay.slug, title: pick(lang, stay.titleZh, stay.titleEn), url: localePath(lang, `/stays/${stay.slug}`) },
    ...range,
    rooms: stay.rooms.flatMap((room) => {
      const found = rooms.find((r) => r.unitId === room.id);
      return found
        ? [{ unitId: room.id, name: pick(lang, room.nameZh, room.nameEn), maxGuests: room.maxGuests, minNights: room.minNights, nights: found.nights }]
        : [];
    }),
  };
}

/** Slots carry `slotId` (what cart lines take), seats left, and whether and until when they can be booked. */
export function experienceJson(e: BookableExperience, lang: Lang) {
  return {
    slug: e.slug,
    title: pick(lang, e.titleZh, e.titleEn),
    description: pick(lang, e.descriptionZh, e.descriptionEn),
    meetingPoint: pick(lang, e.meetingPointZh, e.meetingPointEn),
    url: localePath(lang, `/experiences/${e.slug}`),
    image: e.image,
    durationMinutes: e.durationMinutes,
    pricePerPersonCents: e.pricePerPersonCents,
    minPeople: e.minPeople,
    maxPeople: e.maxPeople,
    village: { ...ref(lang, "villages", e.village), location: location(lang, e.village) },
    host: sellerRef(lang, e.host),
    bookingCutoffMinutes: e.bookingCutoffMinutes,
    slots: e.slots.map((s) => {
      const startsAt = toShanghaiIso(s.startsAt);
      return {
        slotId: s.id,
        startsAt,
        date: startsAt.slice(0, 10),
        capacity: s.capacity,
        seatsLeft: s.seatsLeft,
        full: s.seatsLeft === 0,
        state: s.state,
        bookable: s.state === "open",
        closesAt: toShanghaiIso(s.closesAt),
      };
    }),
  };
}

export function villageJson(v: VillageCardData, lang: Lang) {
  return {
    ...ref(lang, "villages", v),
    summary: pick(lang, v.summaryZh, v.summaryEn),
    image: v.coverImage,
    location: location(lang, v),
    featured: v.featured,
    counts: { products: v.productCount, stays: v.stayCount, experiences: v.experienceCount },
  };
}

export function cooperativeJson(c: CooperativeCardData, lang: Lang) {
  return {
    ...sellerRef(lang, c),
    story: pick(lang, c.storyZh, c.storyEn),
    foundedYear: c.foundedYear,
    village: c.village ? ref(lang, "villages", c.village) : null,
  };
}

export function searchJson(result: SearchResult, query: SearchQuery) {
  const place = (section: "villages" | "cooperatives", p: { slug: string; name: string } | null) =>
    p ? { slug: p.slug, name: p.name, url: localePath(query.lang, `/${section}/${p.slug}`) } : null;
  return {
    query: result.query,
    lang: query.lang,
    engine: result.engine,
    total: result.total,
    limit: query.limit,
    offset: query.offset,
    hits: result.hits.map((h) => ({
      type: h.type,
      slug: h.slug,
      title: h.title,
      titleParts: h.titleParts,
      snippet: h.snippet,
      url: h.url,
      image: h.image,
      village: place("villages", h.village),
      cooperative: place("cooperatives", h.cooperative),
      priceFrom: h.priceFrom,
      category: h.category,
      certifications: h.certifications,
      ...(h.sku ? { sku: h.sku } : {}),
    })),
    facets: result.facets,
    didYouMean: result.didYouMean,
    tookMs: result.tookMs,
  };
}
