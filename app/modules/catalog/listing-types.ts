// Plain data shapes of the public village, cooperative, stay and experience pages. Server
// modules return them; components render them. Instants are ISO strings, calendar dates
// "YYYY-MM-DD" (Asia/Shanghai), money integer fen.
import type { VillageHighlight } from "../../../db/schema/villages";

export type CooperativeKind = "cooperative" | "family_farm" | "homestay_host" | "leisure_farm";
export type CancellationPolicy = "flexible" | "moderate" | "strict";

export type Paged<T> = { items: T[]; total: number; page: number; pages: number; pageSize: number };

export type VillageRef = { slug: string; nameZh: string; nameEn: string };
export type CooperativeRef = { slug: string; nameZh: string; nameEn: string; kind: CooperativeKind };

export type VillageLocation = {
  provinceZh: string;
  provinceEn: string;
  cityZh: string;
  cityEn: string;
  countyZh: string;
  countyEn: string;
  townZh: string;
  townEn: string;
};

export type VillageCardData = VillageRef &
  VillageLocation & {
    summaryZh: string;
    summaryEn: string;
    coverImage: string;
    featured: boolean;
    stayCount: number;
    experienceCount: number;
    productCount: number;
  };

export type VillageDetail = VillageRef &
  VillageLocation & {
    summaryZh: string;
    summaryEn: string;
    storyZh: string;
    storyEn: string;
    highlights: VillageHighlight[];
    coverImage: string;
    lat: number | null;
    lng: number | null;
  };

export type CooperativeCardData = CooperativeRef & {
  storyZh: string;
  storyEn: string;
  foundedYear: number | null;
  village: VillageRef | null;
};

export type CooperativeDetail = CooperativeCardData & { id: number };

export type StayCardData = {
  slug: string;
  titleZh: string;
  titleEn: string;
  image: string;
  amenities: string[];
  village: VillageRef;
  host: CooperativeRef;
  /** Lowest nightly base price of the rooms that fit the guests asked for. */
  priceFromCents: number;
  /** Most guests one room takes. */
  maxGuests: number;
  roomCount: number;
  /** With dates: the price of the cheapest room free for the whole range (and fitting the guests). */
  range?: { checkIn: string; checkOut: string; nights: number; totalCents: number } | null;
};

export type StayRate = {
  label: { zh: string; en: string };
  startDate: string;
  /** Exclusive: the rate covers the nights [startDate, endDate). */
  endDate: string;
  priceCents: number;
  minNights: number;
};

export type StayBlackout = { startDate: string; endDate: string };

export type StayRoom = {
  id: number;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  beds: string;
  maxGuests: number;
  basePriceCents: number;
  weekendPriceCents: number | null;
  minNights: number;
  rates: StayRate[];
  blackouts: StayBlackout[];
};

export type StayDetail = {
  slug: string;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  image: string;
  amenities: string[];
  houseRulesZh: string;
  houseRulesEn: string;
  checkInTime: string;
  checkOutTime: string;
  cancellationPolicy: CancellationPolicy;
  village: VillageRef & VillageLocation;
  host: CooperativeRef;
  rooms: StayRoom[];
};

export type ExperienceCardData = {
  slug: string;
  titleZh: string;
  titleEn: string;
  image: string;
  durationMinutes: number;
  pricePerPersonCents: number;
  minPeople: number;
  maxPeople: number;
  village: VillageRef;
  host: CooperativeRef;
  /** The next slot that still has seats, if any (ISO instant). */
  nextSlotAt: string | null;
};

export type ExperienceSlot = { id: number; startsAt: string; capacity: number; seatsLeft: number };

export type BookableSlot = ExperienceSlot & {
  /** When bookings of the slot close (the host's cutoff before the start), ISO instant. */
  closesAt: string;
  /** open: bookable now; closed: past the cutoff; full: fewer seats left than the smallest group. */
  state: "open" | "closed" | "full";
};

export type ExperienceDetail = {
  slug: string;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  meetingPointZh: string;
  meetingPointEn: string;
  image: string;
  durationMinutes: number;
  pricePerPersonCents: number;
  minPeople: number;
  maxPeople: number;
  village: VillageRef & VillageLocation;
  host: CooperativeRef;
  slots: ExperienceSlot[];
};

/** An experience's page: its slots say whether they can still be booked. */
export type BookableExperience = Omit<ExperienceDetail, "slots"> & {
  /** Bookings close this long before a slot starts. */
  bookingCutoffMinutes: number;
  slots: BookableSlot[];
};
