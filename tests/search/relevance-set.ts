// The search relevance set: what a shopper typing each query expects among the first five hits,
// over the demo seed (db/seed). Used by tests/integration/search-relevance.test.ts (recall floors
// per engine) and by `npm run bench:search` (recall per engine and per kind).
//
// An expectation is one `type:slug`, or a list of equally good answers when the query is broad
// (「核桃」 is answered by any of the six hickory-nut products; naming one of them would measure the
// engine's tie-breaking, not its relevance). Each expectation needs a hit of its own, so two
// identical lists mean "two of these". Recall@5 of a query = met expectations / expectations.
import type { SearchHit, SearchType } from "~/modules/search/types";
import type { Lang } from "~/utils/i18n";

export type QueryKind = "zh" | "pinyin" | "en" | "typo" | "mixed";
export const QUERY_KINDS: readonly QueryKind[] = ["zh", "pinyin", "en", "typo", "mixed"];

/** `product:slug`, `stay:slug`, `experience:slug` or `village:slug`. */
export type HitKey = `${SearchType}:${string}`;
export type Expectation = HitKey | readonly HitKey[];

export type RelevanceCase = {
  q: string;
  kind: QueryKind;
  /** The tab the shopper is on, when the query only makes sense there. */
  type?: SearchType;
  /** 1–3 expectations, each met by a distinct hit among the first five. */
  expect: readonly Expectation[];
};

const p = (...slugs: string[]) => slugs.map((s) => `product:${s}` as HitKey);
const s = (...slugs: string[]) => slugs.map((x) => `stay:${x}` as HitKey);
const e = (slug: string): HitKey => `experience:${slug}`;
const v = (slug: string): HitKey => `village:${slug}`;

// Broad answers: every item here is a fair first answer to the queries that use the list.
const HICKORY_NUTS = p(
  "linan-hand-peel-hickory-salted", "linan-hand-peel-hickory-cream", "linan-hickory-plain",
  "linan-hickory-kernels", "linan-hickory-new-season-presale", "linan-hickory-gift-box",
);
const ANJI_WHITE_TEA = p("anji-white-tea-premium", "anji-white-tea-grade-one", "anji-white-tea-daily", "anji-white-tea-gift-box");
const LONGJING_TEA = p(
  "west-lake-longjing-premium", "west-lake-longjing-grade-one", "west-lake-longjing-pre-guyu",
  "longjing-celadon-gift-box", "longjing-daily-tea", "longjing-tea-flakes", "longjing-cold-brew",
);
const HONEY = p(
  "baishanzu-native-bee-honey", "baishanzu-eurya-winter-honey", "baishanzu-log-hive-comb",
  "baishanzu-spring-honey-presale", "baishanzu-honey-tasting-set", "chenjiapu-mountain-honey",
  "lujia-wildflower-honey", "lujia-rapeseed-honey", "lujia-tallow-tree-honey", "lujia-loquat-blossom-honey",
  "lujia-comb-honey", "lujia-osmanthus-honey",
);
const SHIITAKE = p(
  "qingyuan-flower-shiitake", "qingyuan-thick-shiitake", "qingyuan-log-grown-shiitake",
  "qingyuan-fresh-shiitake", "qingyuan-shiitake-slices",
);
const MUSHROOMS = [...SHIITAKE, ...p("qingyuan-black-fungus", "qingyuan-maitake", "qingyuan-mushroom-gift-box")];
const BAMBOO_SHOOTS = p(
  "anji-winter-bamboo-shoots", "anji-spring-bamboo-shoots", "yucun-dried-bamboo-shoots", "moganshan-dried-shoots",
  "moganshan-early-shoots-presale", "tianmu-dried-bamboo-shoots", "linan-lei-bamboo-shoots-presale",
  "braised-bamboo-shoots-jar",
);
const DRIED_SHOOTS = p("yucun-dried-bamboo-shoots", "moganshan-dried-shoots", "tianmu-dried-bamboo-shoots");
const BAYBERRIES = p("xianju-dongkui-bayberries", "xianju-biqi-bayberries", "xianju-dried-bayberries", "xianju-freeze-dried-bayberries");
const CELADON = p(
  "longquan-plum-green-teacup", "longquan-powder-blue-teacup", "longquan-celadon-gaiwan", "longquan-celadon-pitcher",
  "longquan-celadon-tea-caddy", "longquan-travel-tea-set", "longquan-celadon-censer", "longquan-celadon-rice-bowls",
  "longquan-celadon-tea-pet", "longquan-celadon-incense-holder", "longquan-celadon-plum-vase", "longquan-ge-crackle-cup",
);
const CELADON_TEACUPS = p("longquan-plum-green-teacup", "longquan-powder-blue-teacup");
const STAYS = s(
  "yucun-zhuli-courtyard", "lujia-field-house", "lujia-happy-farm-cabins", "xiajiang-fenglin-riverside-inn",
  "moganshan-bamboo-hideaway", "moganshan-biwu-stream-house", "moganshan-bamboo-trail-cabins",
  "yangjiatang-golden-wall-house", "chenjiapu-cliff-book-house", "chenjiapu-cloud-terrace", "longjing-tea-courtyard",
  "xilu-bayberry-hill-lodge", "longyan-mushroom-village-inn", "daoshi-mountain-lodge", "chengtan-huyou-garden-rooms",
  "dayao-kiln-side-inn",
);
// The Moganshan stays: two by name, 碧坞溪舍 by its village (仙潭村, 莫干山镇).
const MOGANSHAN_STAYS = s("moganshan-bamboo-hideaway", "moganshan-biwu-stream-house", "moganshan-bamboo-trail-cabins");
// Farmhouse stays (农家乐): a family farmhouse, the farm's cabins, the riverside inn with its cooking class.
const FARM_STAYS = s("yucun-zhuli-courtyard", "lujia-happy-farm-cabins", "lujia-field-house", "xiajiang-fenglin-riverside-inn", "daoshi-mountain-lodge");
// Stays by county or city: Anji (余村, 鲁家村) and Hangzhou (龙井村 in Xihu, 岛石 in Lin'an, 下姜 in Chun'an).
const ANJI_STAYS = s("yucun-zhuli-courtyard", "lujia-field-house", "lujia-happy-farm-cabins");
const HANGZHOU_STAYS = s("longjing-tea-courtyard", "daoshi-mountain-lodge", "xiajiang-fenglin-riverside-inn");
const TEA_PICKING = e("longjing-tea-picking-and-roasting");
// Picking bayberries: the adopted tree (two kilos picked in June) or the lodge whose guests pick in season.
const BAYBERRY_PICKING: readonly HitKey[] = [e("xilu-bayberry-tree-adoption"), ...s("xilu-bayberry-hill-lodge")];
const CELADON_CLASS = e("dayao-celadon-throwing");

export const RELEVANCE_SET: readonly RelevanceCase[] = [
  // Chinese
  { q: "核桃", kind: "zh", expect: [HICKORY_NUTS, HICKORY_NUTS] },
  { q: "手剥山核桃", kind: "zh", expect: p("linan-hand-peel-hickory-salted", "linan-hand-peel-hickory-cream") },
  { q: "核桃仁", kind: "zh", expect: p("linan-hickory-kernels") },
  { q: "白茶", kind: "zh", expect: [ANJI_WHITE_TEA, ANJI_WHITE_TEA] },
  { q: "安吉白茶", kind: "zh", expect: p("anji-white-tea-premium", "anji-white-tea-grade-one", "anji-white-tea-daily") },
  { q: "西湖龙井", kind: "zh", expect: p("west-lake-longjing-premium", "west-lake-longjing-grade-one", "west-lake-longjing-pre-guyu") },
  { q: "龙井茶", kind: "zh", expect: [LONGJING_TEA, LONGJING_TEA] },
  { q: "黄芽", kind: "zh", expect: p("moganshan-yellow-bud-premium", "moganshan-yellow-bud-grade-one") },
  { q: "蜂蜜", kind: "zh", expect: [HONEY, HONEY] },
  { q: "土蜂蜜", kind: "zh", expect: p("baishanzu-native-bee-honey") },
  { q: "香菇", kind: "zh", expect: [SHIITAKE, SHIITAKE] },
  { q: "花菇", kind: "zh", expect: p("qingyuan-flower-shiitake") },
  { q: "笋干", kind: "zh", expect: [DRIED_SHOOTS, DRIED_SHOOTS] },
  { q: "冬笋", kind: "zh", expect: p("anji-winter-bamboo-shoots") },
  { q: "仙居杨梅", kind: "zh", expect: p("xianju-dongkui-bayberries", "xianju-biqi-bayberries") },
  { q: "常山胡柚", kind: "zh", expect: p("changshan-huyou") },
  { q: "龙泉青瓷", kind: "zh", expect: CELADON_TEACUPS },
  { q: "青瓷盖碗", kind: "zh", expect: p("longquan-celadon-gaiwan") },
  { q: "土鸡蛋", kind: "zh", expect: p("lujia-free-range-eggs") },
  { q: "千岛湖鱼头", kind: "zh", expect: p("qiandao-lake-fish-head") },
  { q: "年糕", kind: "zh", expect: [...p("lujia-hand-pounded-rice-cakes"), e("lujia-rice-cake-pounding")] },
  { q: "余村", kind: "zh", expect: [v("yucun")] },
  { q: "鲁家村", kind: "zh", expect: [v("lujiacun")] },
  { q: "下姜村", kind: "zh", expect: [v("xiajiangcun")] },
  { q: "杨家堂", kind: "zh", expect: [v("yangjiatangcun"), ...s("yangjiatang-golden-wall-house")] },
  { q: "陈家铺", kind: "zh", expect: [v("chenjiapucun"), ...s("chenjiapu-cliff-book-house")] },
  { q: "民宿", kind: "zh", expect: [...s("xiajiang-fenglin-riverside-inn"), STAYS] },
  { q: "农家", kind: "zh", type: "stay", expect: s("yucun-zhuli-courtyard", "xiajiang-fenglin-riverside-inn") },
  { q: "农家乐", kind: "zh", expect: [FARM_STAYS, FARM_STAYS] },
  { q: "莫干山", kind: "zh", type: "stay", expect: MOGANSHAN_STAYS },
  { q: "莫干山民宿", kind: "zh", expect: MOGANSHAN_STAYS },
  { q: "安吉民宿", kind: "zh", expect: [ANJI_STAYS, ANJI_STAYS] },
  { q: "杭州民宿", kind: "zh", expect: [HANGZHOU_STAYS, HANGZHOU_STAYS] },
  { q: "松阳古村", kind: "zh", expect: [v("yangjiatangcun"), v("chenjiapucun")] },
  { q: "采茶", kind: "zh", expect: [TEA_PICKING] },
  { q: "摘杨梅", kind: "zh", expect: [BAYBERRY_PICKING] },
  { q: "挖笋", kind: "zh", expect: [e("yucun-bamboo-shoot-digging")] },
  { q: "青瓷体验", kind: "zh", expect: [CELADON_CLASS] },
  { q: "竹编", kind: "zh", expect: [e("yucun-bamboo-weaving"), ...p("bamboo-woven-fruit-basket")] },
  { q: "竹海骑行", kind: "zh", expect: [e("moganshan-bamboo-forest-ride"), ...s("moganshan-bamboo-trail-cabins")] },
  { q: "无骨花灯", kind: "zh", expect: [...p("xianju-boneless-lantern"), e("xianju-boneless-lantern-workshop")] },
  { q: "小火车", kind: "zh", expect: [e("lujia-little-train-farm-tour")] },

  // Pinyin
  { q: "anji baicha", kind: "pinyin", expect: p("anji-white-tea-premium", "anji-white-tea-grade-one", "anji-white-tea-daily") },
  { q: "shanhetao", kind: "pinyin", expect: [HICKORY_NUTS, HICKORY_NUTS] },
  { q: "yucun", kind: "pinyin", expect: [v("yucun")] },
  { q: "lujiacun", kind: "pinyin", expect: [v("lujiacun")] },
  { q: "xiajiang", kind: "pinyin", expect: [v("xiajiangcun")] },
  { q: "xihu longjing", kind: "pinyin", expect: p("west-lake-longjing-premium", "west-lake-longjing-grade-one", "west-lake-longjing-pre-guyu") },
  { q: "moganshan minsu", kind: "pinyin", expect: MOGANSHAN_STAYS },
  { q: "xianggu", kind: "pinyin", expect: [SHIITAKE, SHIITAKE] },
  { q: "yangmei", kind: "pinyin", expect: [BAYBERRIES, BAYBERRIES] },
  { q: "caicha", kind: "pinyin", expect: [TEA_PICKING] },
  { q: "fengmi", kind: "pinyin", expect: [HONEY, HONEY] },

  // English
  { q: "walnut", kind: "en", expect: [HICKORY_NUTS, HICKORY_NUTS] },
  { q: "hickory nuts", kind: "en", expect: [HICKORY_NUTS, HICKORY_NUTS] },
  { q: "white tea", kind: "en", expect: [ANJI_WHITE_TEA, ANJI_WHITE_TEA] },
  { q: "dragon well tea", kind: "en", expect: [LONGJING_TEA, LONGJING_TEA] },
  { q: "honey", kind: "en", expect: [HONEY, HONEY] },
  { q: "homestay", kind: "en", expect: [STAYS, STAYS] },
  { q: "moganshan homestay", kind: "en", expect: MOGANSHAN_STAYS },
  { q: "anji homestay", kind: "en", expect: [ANJI_STAYS, ANJI_STAYS] },
  { q: "bamboo shoots", kind: "en", expect: [BAMBOO_SHOOTS, BAMBOO_SHOOTS] },
  { q: "shiitake", kind: "en", expect: [SHIITAKE, SHIITAKE] },
  { q: "celadon teacup", kind: "en", expect: CELADON_TEACUPS },
  { q: "pottery", kind: "en", expect: [CELADON_CLASS] },
  { q: "tea picking", kind: "en", expect: [TEA_PICKING] },
  { q: "bayberry picking", kind: "en", expect: [BAYBERRY_PICKING] },
  { q: "bamboo weaving", kind: "en", expect: [e("yucun-bamboo-weaving")] },
  { q: "cooking class", kind: "en", expect: [e("xiajiang-country-cooking-class")] },
  { q: "beeswax candles", kind: "en", expect: [...p("lujia-beeswax-candles"), e("lujia-apiary-half-day")] },
  { q: "Lujia Village", kind: "en", expect: [v("lujiacun")] },

  // Typos
  { q: "hony", kind: "typo", expect: [HONEY, HONEY] },
  { q: "bambo shoots", kind: "typo", expect: [BAMBOO_SHOOTS, BAMBOO_SHOOTS] },
  { q: "mushrom", kind: "typo", expect: [MUSHROOMS, MUSHROOMS] },
  { q: "wite tea", kind: "typo", expect: [ANJI_WHITE_TEA, ANJI_WHITE_TEA] },
  { q: "hikory", kind: "typo", expect: [HICKORY_NUTS, HICKORY_NUTS] },
  { q: "celadn", kind: "typo", expect: [CELADON, CELADON] },
  { q: "bayberies", kind: "typo", expect: [BAYBERRIES, BAYBERRIES] },
  { q: "longjng tea", kind: "typo", expect: [LONGJING_TEA, LONGJING_TEA] },
  { q: "homestya", kind: "typo", expect: [STAYS, STAYS] },
  { q: "shitake", kind: "typo", expect: [SHIITAKE, SHIITAKE] },

  // Mixed
  { q: "安吉 white tea", kind: "mixed", expect: p("anji-white-tea-premium", "anji-white-tea-grade-one", "anji-white-tea-daily") },
  { q: "anji 白茶", kind: "mixed", expect: p("anji-white-tea-premium", "anji-white-tea-grade-one", "anji-white-tea-daily") },
  { q: "龙井 tea", kind: "mixed", expect: [LONGJING_TEA, LONGJING_TEA] },
  { q: "莫干山 homestay", kind: "mixed", expect: MOGANSHAN_STAYS },
  { q: "yucun 民宿", kind: "mixed", expect: s("yucun-zhuli-courtyard") },
  { q: "仙居 bayberry", kind: "mixed", expect: p("xianju-dongkui-bayberries", "xianju-biqi-bayberries") },
  { q: "庆元 shiitake", kind: "mixed", expect: [SHIITAKE, SHIITAKE] },
  { q: "临安 hickory", kind: "mixed", expect: p("linan-hand-peel-hickory-salted", "linan-hand-peel-hickory-cream") },
];

/** The language a shopper typing this query reads: Chinese unless the query is plain English. */
export function langOf(c: RelevanceCase): Lang {
  return c.kind === "en" || c.kind === "typo" ? "en" : "zh-CN";
}

export function hitKey(hit: Pick<SearchHit, "type" | "slug">): HitKey {
  return `${hit.type}:${hit.slug}`;
}

/**
 * How many expectations the first five hits meet, each by a hit of its own (a small bipartite
 * matching: expectations may share candidates, e.g. "two of the hickory nuts").
 */
export function metExpectations(expectations: readonly Expectation[], hits: readonly HitKey[]): number {
  const top = hits.slice(0, 5);
  const candidates = expectations.map((x) => (typeof x === "string" ? [x] : x));
  const owner = new Map<HitKey, number>();
  const assign = (i: number, seen: Set<HitKey>): boolean => {
    for (const key of candidates[i]!) {
      if (!top.includes(key) || seen.has(key)) continue;
      seen.add(key);
      const holder = owner.get(key);
      if (holder === undefined || assign(holder, seen)) {
        owner.set(key, i);
        return true;
      }
    }
    return false;
  };
  let met = 0;
  for (let i = 0; i < candidates.length; i++) if (assign(i, new Set())) met++;
  return met;
}

/** Recall@5 of one query: met expectations / expectations. */
export function recallAt5(c: RelevanceCase, hits: readonly HitKey[]): number {
  return metExpectations(c.expect, hits) / c.expect.length;
}

export type RelevanceOutcome = { case: RelevanceCase; top5: HitKey[]; recall: number };

/** Runs every case through `searchTop5` and scores it; the mean recall overall and per kind. */
export async function runRelevanceSet(searchTop5: (c: RelevanceCase) => Promise<HitKey[]>) {
  const outcomes: RelevanceOutcome[] = [];
  for (const c of RELEVANCE_SET) {
    const top5 = (await searchTop5(c)).slice(0, 5);
    outcomes.push({ case: c, top5, recall: recallAt5(c, top5) });
  }
  const mean = (xs: RelevanceOutcome[]) => (xs.length ? xs.reduce((sum, o) => sum + o.recall, 0) / xs.length : 1);
  const byKind = Object.fromEntries(QUERY_KINDS.map((k) => [k, mean(outcomes.filter((o) => o.case.kind === k))])) as Record<QueryKind, number>;
  return { recall: mean(outcomes), byKind, outcomes, misses: outcomes.filter((o) => o.recall < 1) };
}
