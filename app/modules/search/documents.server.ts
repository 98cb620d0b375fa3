// Search documents: what a product, stay, experience or village looks like to search. Built from
// the catalogue tables, stored in `search_documents` (the PostgreSQL engine's index) and shipped
// as they are to Meilisearch.
import { sql } from "drizzle-orm";
import catalogMessages from "~/locales/catalog";
import type { Database } from "~/utils/db.server";
import { intArray } from "~/utils/sql-arrays.server";
import { fallbackPhotoUrl } from "../media/photo";
import { toPhoto } from "../media/photos.server";
import type { SearchType } from "./types";
import {
  cutForSearch,
  hanIndexTerms,
  latinWords,
  pinyinJoined,
  pinyinWords,
  unique,
} from "./text.server";

type Executor = Pick<Database, "execute">;

export type PlaceNames = { slug: string; zh: string; en: string };

/** The part of a document that hits are rendered from (no database round trip per hit). */
export type DocDisplay = {
  image: string;
  snippetZh: string;
  snippetEn: string;
  village: PlaceNames | null;
  cooperative: PlaceNames | null;
};

/** The Meilisearch document; also kept in `search_documents.doc`. */
export type SearchDoc = {
  id: string;
  type: SearchType;
  entityId: number;
  slug: string;
  title_zh: string;
  title_en: string;
  title_tokens_zh: string;
  pinyin: string;
  skus: string[];
  names_zh: string;
  names_en: string;
  text_zh: string;
  text_en: string;
  text_tokens_zh: string;
  category: string | null;
  village: string | null;
  certifications: string[];
  priceFrom: number | null;
  listedAt: number;
  boost: number;
  display: DocDisplay;
};

/** A document plus the weighted terms of its PostgreSQL tsvector. */
export type BuiltDoc = {
  key: string;
  doc: SearchDoc;
  terms: { a: string[]; b: string[]; c: string[] };
  english: { a: string; b: string; c: string };
  latin: string[];
};

export const docKey = (type: SearchType, id: number) => `${type}:${id}`;
export const meiliId = (type: SearchType, id: number) => `${type}-${id}`;

function categoryNames(category: string | null): { zh: string; en: string } {
  if (!category) return { zh: "", en: "" };
  const key = `catalog.category.${category}` as keyof (typeof catalogMessages)["zh-CN"];
  return { zh: catalogMessages["zh-CN"][key] ?? "", en: catalogMessages.en[key] ?? "" };
}

const snippet = (text: string) => (text.length > 90 ? `${text.slice(0, 88)}…` : text);

type Source = {
  type: SearchType;
  id: number;
  slug: string;
  titleZh: string;
  titleEn: string;
  textZh: string;
  textEn: string;
  /** Other names a shopper may type: place, seller, category, room and variant names. */
  namesZh: string[];
  namesEn: string[];
  skus: string[];
  category: string | null;
  certifications: string[];
  priceFrom: number | null;
  listedAt: Date;
  boost: number;
  image: string;
  village: PlaceNames | null;
  cooperative: PlaceNames | null;
};

export function buildDoc(s: Source): BuiltDoc {
  const namesZh = s.namesZh.filter(Boolean).join(" ");
  const namesEn = s.namesEn.filter(Boolean).join(" ");
  const titlePinyin = unique([...pinyinWords(s.titleZh), pinyinJoined(s.titleZh)]);
  const namePinyin = unique([...pinyinWords(namesZh)]);
  const skuWords = s.skus.map((sku) => sku.toLowerCase());
  const doc: SearchDoc = {
    id: meiliId(s.type, s.id),
    type: s.type,
    entityId: s.id,
    slug: s.slug,
    title_zh: s.titleZh,
    title_en: s.titleEn,
    title_tokens_zh: unique(cutForSearch(s.titleZh)).join(" "),
    pinyin: unique([...titlePinyin, ...namePinyin]).join(" "),
    skus: s.skus,
    names_zh: namesZh,
    names_en: namesEn,
    text_zh: s.textZh,
    text_en: s.textEn,
    text_tokens_zh: unique(cutForSearch(s.textZh)).join(" "),
    category: s.category,
    village: s.village?.slug ?? null,
    certifications: s.certifications,
    priceFrom: s.priceFrom,
    listedAt: Math.floor(s.listedAt.getTime() / 1000),
    boost: s.boost,
    display: {
      image: s.image,
      snippetZh: snippet(s.textZh),
      snippetEn: snippet(s.textEn),
      village: s.village,
      cooperative: s.cooperative,
    },
  };
  return {
    key: docKey(s.type, s.id),
    doc,
    terms: {
      a: unique([...hanIndexTerms(s.titleZh), ...latinWords(s.titleEn), ...titlePinyin, ...skuWords, ...skuWords.flatMap(latinWords)]),
      b: unique([...hanIndexTerms(namesZh), ...latinWords(namesEn), ...namePinyin]),
      // Descriptions get words only: character pairs of long texts would bloat the tsvector
      // (out of line storage to read for every match) and find too much.
      c: unique([...cutForSearch(s.textZh), ...latinWords(s.textEn)]),
    },
    english: { a: s.titleEn, b: namesEn, c: s.textEn },
    // Spelling suggestions come from English words and whole pinyin words, not single syllables
    // ("hony" should become "honey", not the syllable "hong").
    latin: unique([
      ...latinWords(s.titleEn),
      ...latinWords(namesEn),
      ...pinyinWords(s.titleZh, { syllables: false }),
      ...pinyinWords(namesZh, { syllables: false }),
    ]).filter(
      (w) => w.length >= 3 && !/^\d+$/.test(w),
    ),
  };
}

type Row = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : "");
const place = (slug: unknown, zh: unknown, en: unknown): PlaceNames | null =>
  typeof slug === "string" ? { slug, zh: str(zh), en: str(en) } : null;
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));

function coverImage(cover: unknown): string | null {
  if (!cover || typeof cover !== "object") return null;
  const photo = toPhoto(cover as Parameters<typeof toPhoto>[0]);
  return photo ? fallbackPhotoUrl(photo) : null;
}

// The seller and village columns every listing query selects, and what they give a document.
const PLACE_COLUMNS = sql.raw(`c.slug AS c_slug, c.name_zh AS c_zh, c.name_en AS c_en,
           v.slug AS v_slug, v.name_zh AS v_zh, v.name_en AS v_en, v.county_zh, v.county_en, v.city_zh, v.city_en`);

/** What products, stays and experiences share: identity, titles, place and seller names. */
function listing(type: SearchType, r: Row, kind: { zh: string; en: string }) {
  return {
    type,
    id: Number(r.id),
    slug: str(r.slug),
    titleZh: str(r.title_zh),
    titleEn: str(r.title_en),
    namesZh: [kind.zh, str(r.v_zh), str(r.county_zh), str(r.city_zh), str(r.c_zh)],
    namesEn: [kind.en, str(r.v_en), str(r.county_en), str(r.city_en), str(r.c_en)],
    listedAt: date(r.created_at),
    image: str(r.image),
    village: place(r.v_slug, r.v_zh, r.v_en),
    cooperative: place(r.c_slug, r.c_zh, r.c_en),
  };
}

async function loadProducts(db: Executor, ids: number[]): Promise<Map<number, Source>> {
  const rows = (await db.execute(sql`
    SELECT p.id, p.slug, p.title_zh, p.title_en, p.description_zh, p.description_en, p.category::text AS category,
           p.certifications::text[] AS certifications, p.price_from_cents, p.created_at, p.image, p.harvest_season,
           ${PLACE_COLUMNS},
           (SELECT coalesce(array_agg(pv.sku ORDER BY pv.position), '{}') FROM product_variants pv WHERE pv.product_id = p.id) AS skus,
           (SELECT coalesce(string_agg(pv.name_zh, ' '), '') FROM product_variants pv WHERE pv.product_id = p.id) AS variants_zh,
           (SELECT coalesce(string_agg(pv.name_en, ' '), '') FROM product_variants pv WHERE pv.product_id = p.id) AS variants_en,
           EXISTS (SELECT 1 FROM product_variants pv WHERE pv.product_id = p.id AND (pv.stock > 0)) AS in_stock,
           (SELECT json_build_object('key', pi.storage_key, 'width', pi.width, 'height', pi.height, 'widths', pi.widths,
                                     'altZh', pi.alt_zh, 'altEn', pi.alt_en)
              FROM product_images pi WHERE pi.product_id = p.id ORDER BY pi.position, pi.id LIMIT 1) AS cover
    FROM products p
    JOIN cooperatives c ON c.id = p.cooperative_id
    LEFT JOIN villages v ON v.id = p.village_id
    WHERE p.id = ANY(${intArray(ids)}) AND p.status = 'active' AND c.status = 'approved'
  `)) as Row[];
  return new Map(
    rows.map((r) => {
      const cat = categoryNames(str(r.category));
      return [
        Number(r.id),
        {
          ...listing("product", r, cat),
          // The seller's own photo when there is one (a WebP of ~640 px), else the category art.
          image: coverImage(r.cover) ?? str(r.image),
          textZh: `${str(r.description_zh)} ${str(r.variants_zh)}`.trim(),
          textEn: `${str(r.description_en)} ${str(r.variants_en)}`.trim(),
          skus: strings(r.skus),
          category: str(r.category) || null,
          certifications: strings(r.certifications),
          priceFrom: Number(r.price_from_cents),
          boost: r.in_stock ? 1 : 0,
        } satisfies Source,
      ];
    }),
  );
}

async function loadStays(db: Executor, ids: number[]): Promise<Map<number, Source>> {
  const rows = (await db.execute(sql`
    SELECT s.id, s.slug, s.title_zh, s.title_en, s.description_zh, s.description_en, s.created_at, s.image,
           ${PLACE_COLUMNS},
           (SELECT min(u.base_price_cents) FROM stay_units u WHERE u.stay_id = s.id) AS price_from,
           (SELECT coalesce(string_agg(u.name_zh, ' '), '') FROM stay_units u WHERE u.stay_id = s.id) AS rooms_zh,
           (SELECT coalesce(string_agg(u.name_en, ' '), '') FROM stay_units u WHERE u.stay_id = s.id) AS rooms_en
    FROM stays s
    JOIN cooperatives c ON c.id = s.cooperative_id
    JOIN villages v ON v.id = s.village_id
    WHERE s.id = ANY(${intArray(ids)}) AND s.status = 'active' AND c.status = 'approved'
  `)) as Row[];
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        ...listing("stay", r, { zh: "民宿", en: "homestay" }),
        textZh: `${str(r.description_zh)} ${str(r.rooms_zh)}`.trim(),
        textEn: `${str(r.description_en)} ${str(r.rooms_en)}`.trim(),
        skus: [],
        category: null,
        certifications: [],
        priceFrom: r.price_from === null ? null : Number(r.price_from),
        boost: 0,
      } satisfies Source,
    ]),
  );
}

async function loadExperiences(db: Executor, ids: number[]): Promise<Map<number, Source>> {
  const rows = (await db.execute(sql`
    SELECT e.id, e.slug, e.title_zh, e.title_en, e.description_zh, e.description_en, e.meeting_point_zh,
           e.meeting_point_en, e.price_per_person_cents, e.created_at, e.image,
           ${PLACE_COLUMNS}
    FROM experiences e
    JOIN cooperatives c ON c.id = e.cooperative_id
    JOIN villages v ON v.id = e.village_id
    WHERE e.id = ANY(${intArray(ids)}) AND e.status = 'active' AND c.status = 'approved'
  `)) as Row[];
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        ...listing("experience", r, { zh: "体验", en: "experience" }),
        textZh: `${str(r.description_zh)} ${str(r.meeting_point_zh)}`.trim(),
        textEn: `${str(r.description_en)} ${str(r.meeting_point_en)}`.trim(),
        skus: [],
        category: null,
        certifications: [],
        priceFrom: Number(r.price_per_person_cents),
        boost: 0,
      } satisfies Source,
    ]),
  );
}

async function loadVillages(db: Executor, ids: number[]): Promise<Map<number, Source>> {
  const rows = (await db.execute(sql`
    SELECT id, slug, name_zh, name_en, province_zh, province_en, city_zh, city_en, county_zh, county_en,
           town_zh, town_en, summary_zh, summary_en, story_zh, story_en, highlights, cover_image, featured, created_at
    FROM villages WHERE id = ANY(${intArray(ids)})
  `)) as Row[];
  return new Map(
    rows.map((r) => {
      const highlights = Array.isArray(r.highlights) ? (r.highlights as { zh?: string; en?: string }[]) : [];
      return [
        Number(r.id),
        {
          type: "village",
          id: Number(r.id),
          slug: str(r.slug),
          titleZh: str(r.name_zh),
          titleEn: str(r.name_en),
          textZh: [str(r.summary_zh), ...highlights.map((h) => str(h.zh)), str(r.story_zh)].join(" "),
          textEn: [str(r.summary_en), ...highlights.map((h) => str(h.en)), str(r.story_en)].join(" "),
          namesZh: ["村", str(r.town_zh), str(r.county_zh), str(r.city_zh), str(r.province_zh)],
          namesEn: ["village", str(r.town_en), str(r.county_en), str(r.city_en), str(r.province_en)],
          skus: [],
          category: null,
          certifications: [],
          priceFrom: null,
          listedAt: date(r.created_at),
          boost: r.featured ? 1 : 0,
          image: str(r.cover_image),
          village: { slug: str(r.slug), zh: str(r.name_zh), en: str(r.name_en) },
          cooperative: null,
        } satisfies Source,
      ];
    }),
  );
}

const LOADERS: Record<SearchType, (db: Executor, ids: number[]) => Promise<Map<number, Source>>> = {
  product: loadProducts,
  stay: loadStays,
  experience: loadExperiences,
  village: loadVillages,
};

export type DocIds = Record<SearchType, number[]>;

/**
 * Current documents for the given ids; an id missing from the result is deleted or hidden (a
 * draft, an archived listing, a suspended seller) and must leave the index.
 */
export async function loadDocs(db: Executor, ids: DocIds): Promise<Map<string, BuiltDoc>> {
  const out = new Map<string, BuiltDoc>();
  for (const type of Object.keys(LOADERS) as SearchType[]) {
    if (ids[type].length === 0) continue;
    const sources = await LOADERS[type](db, ids[type]);
    for (const source of sources.values()) {
      const built = buildDoc(source);
      out.set(built.key, built);
    }
  }
  return out;
}
