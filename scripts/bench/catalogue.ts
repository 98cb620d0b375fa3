// A large, varied product catalogue for the search bench, generated in memory as product CSVs in
// the DESIGN.md import format (so it goes through the same importer as every seller's file).
// Deterministic: the same count gives the same files. Titles are made from word lists per category,
// in Chinese and English, with the seed's villages as origins.
import type { CategoryKey } from "../../db/schema/keys";
import { seeded } from "../../db/seed/art/svg";
import { CSV_COLUMNS, toCsv } from "../../db/seed/product-csvs";

type Words = readonly (readonly [zh: string, en: string])[];

// Per category: the things sold, and the variants (packaging) they come in.
const GOODS: Record<CategoryKey, { items: Words; packs: Words; grams: readonly number[]; yuan: readonly [number, number] }> = {
  tea: {
    items: [["绿茶", "green tea"], ["白茶", "white tea"], ["红茶", "black tea"], ["黄茶", "yellow tea"], ["毛尖", "Maojian"], ["龙井", "Longjing"], ["银毫", "Yinhao"], ["香茶", "fragrant tea"], ["花茶", "blossom tea"], ["冷泡茶", "cold-brew tea"]],
    packs: [["50克品鉴罐", "50 g tasting tin"], ["125克袋装", "125 g pouch"], ["250克罐装", "250 g tin"], ["双罐礼盒", "two-tin gift box"]],
    grams: [50, 125, 250, 500],
    yuan: [38, 880],
  },
  grain: {
    items: [["大米", "rice"], ["糯米", "glutinous rice"], ["红米", "red rice"], ["小米", "millet"], ["山茶油", "camellia oil"], ["菜籽油", "rapeseed oil"], ["手工面", "hand-pulled noodles"], ["番薯粉丝", "sweet-potato noodles"]],
    packs: [["2.5公斤袋", "2.5 kg bag"], ["5公斤袋", "5 kg bag"], ["1升瓶", "1 L bottle"], ["礼盒", "gift box"]],
    grams: [1000, 2500, 5000],
    yuan: [28, 260],
  },
  fruit: {
    items: [["杨梅", "bayberries"], ["胡柚", "huyou"], ["猕猴桃", "kiwifruit"], ["葡萄", "grapes"], ["草莓", "strawberries"], ["蜜梨", "honey pears"], ["蓝莓", "blueberries"], ["橘子", "mandarins"], ["枇杷", "loquats"], ["桃子", "peaches"]],
    packs: [["2.5公斤箱", "2.5 kg box"], ["5公斤箱", "5 kg box"], ["精品礼盒", "gift box"]],
    grams: [1500, 2500, 5000],
    yuan: [39, 320],
  },
  vegetables: {
    items: [["时蔬箱", "vegetable box"], ["白萝卜", "white radish"], ["小土豆", "baby potatoes"], ["茭白", "water bamboo"], ["青菜", "greens"], ["红心番薯", "red sweet potatoes"], ["南瓜", "pumpkins"], ["芋艿", "taro"]],
    packs: [["3公斤箱", "3 kg box"], ["5公斤箱", "5 kg box"]],
    grams: [3000, 5000],
    yuan: [29, 168],
  },
  nuts: {
    items: [["山核桃", "hickory nuts"], ["手剥山核桃", "hand-peel hickory nuts"], ["山核桃仁", "hickory kernels"], ["板栗", "chestnuts"], ["香榧", "Torreya nuts"], ["南瓜子", "pumpkin seeds"], ["花生", "peanuts"]],
    packs: [["250克袋", "250 g bag"], ["500克罐", "500 g jar"], ["礼盒", "gift box"]],
    grams: [250, 500, 1000],
    yuan: [35, 398],
  },
  honey: {
    items: [["土蜂蜜", "native honey"], ["百花蜜", "wildflower honey"], ["油菜花蜜", "rapeseed honey"], ["枇杷蜜", "loquat honey"], ["巢蜜", "comb honey"], ["桂花蜜", "osmanthus honey"], ["蜂花粉", "bee pollen"]],
    packs: [["250克瓶", "250 g jar"], ["500克瓶", "500 g jar"], ["1公斤桶", "1 kg tub"]],
    grams: [250, 500, 1000],
    yuan: [48, 468],
  },
  mushrooms: {
    items: [["香菇", "shiitake"], ["花菇", "flower shiitake"], ["黑木耳", "black wood ear"], ["灰树花", "maitake"], ["猴头菇", "lion's mane"], ["茶树菇", "tea-tree mushrooms"]],
    packs: [["200克袋", "200 g bag"], ["500克袋", "500 g bag"], ["山珍礼盒", "gift box"]],
    grams: [200, 500, 1000],
    yuan: [32, 368],
  },
  bamboo: {
    items: [["笋干", "dried bamboo shoots"], ["冬笋", "winter bamboo shoots"], ["春笋", "spring bamboo shoots"], ["扁尖", "bianjian shoots"], ["雷笋", "lei bamboo shoots"], ["笋衣", "shoot sheath tips"]],
    packs: [["250克袋", "250 g bag"], ["500克袋", "500 g bag"], ["2.5公斤箱", "2.5 kg box"]],
    grams: [250, 500, 2500],
    yuan: [25, 238],
  },
  meat_eggs: {
    items: [["土鸡蛋", "farm eggs"], ["散养老母鸡", "free-range hen"], ["鸭蛋", "duck eggs"], ["土鸡", "farm chicken"], ["腊鸭", "cured duck"]],
    packs: [["30枚", "30 eggs"], ["60枚", "60 eggs"], ["整只冰鲜", "whole, chilled"]],
    grams: [1500, 3000],
    yuan: [45, 298],
  },
  aquatic: {
    items: [["鱼干", "dried fish"], ["有机鱼头", "organic fish head"], ["小鱼干", "small dried fish"], ["湖虾干", "dried lake shrimp"], ["螺蛳", "river snails"]],
    packs: [["250克袋", "250 g bag"], ["500克袋", "500 g bag"], ["冷冻整条", "whole, frozen"]],
    grams: [250, 500, 1500],
    yuan: [36, 288],
  },
  preserved: {
    items: [["腊肉", "cured pork"], ["咸鸭蛋", "salted duck eggs"], ["萝卜干", "dried radish"], ["菜干", "dried mustard greens"], ["剁辣椒", "chopped chilli"], ["胡柚膏", "huyou syrup"], ["果酱", "fruit jam"]],
    packs: [["250克罐", "250 g jar"], ["500克袋", "500 g bag"], ["礼盒", "gift box"]],
    grams: [250, 500, 1000],
    yuan: [22, 198],
  },
  crafts: {
    items: [["竹编果篮", "woven bamboo basket"], ["青瓷茶杯", "celadon teacup"], ["青瓷盖碗", "celadon gaiwan"], ["竹筷", "bamboo chopsticks"], ["蜂蜡蜡烛", "beeswax candles"], ["无骨花灯", "boneless lantern"], ["竹茶盘", "bamboo tea tray"], ["木雕", "wood carving"]],
    packs: [["单件", "single piece"], ["一对", "a pair"], ["礼盒", "gift box"]],
    grams: [200, 500, 1200],
    yuan: [48, 1280],
  },
  snacks: {
    items: [["年糕", "rice cakes"], ["麻糍", "ciba"], ["番薯干", "sweet-potato strips"], ["山核桃酥", "hickory shortbread"], ["茶酥", "tea pastries"], ["杨梅干", "dried bayberries"], ["香菇脆", "shiitake crisps"], ["苞芦粿", "corn-flour buns"]],
    packs: [["250克袋", "250 g bag"], ["500克盒", "500 g box"], ["礼盒", "gift box"]],
    grams: [250, 500, 1000],
    yuan: [18, 168],
  },
};

const QUALIFIERS: Words = [
  ["高山", "mountain"], ["有机", "organic"], ["手工", "hand-made"], ["农家", "farmhouse"], ["精选", "selected"],
  ["当季", "new-season"], ["古法", "old-method"], ["柴火", "wood-fired"], ["原味", "plain"], ["山里", "hill-grown"],
  ["溪边", "streamside"], ["林下", "woodland"], ["老品种", "heirloom"], ["家常", "everyday"],
];
const GRADES: Words = [["", ""], ["一级", "grade 1"], ["特级", "top grade"], ["礼盒装", "gift edition"], ["家庭装", "family pack"], ["预售", "pre-sale"]];
const SENTENCES: Words = [
  ["合作社统一品控、统一发货。", "Graded and shipped by the cooperative."],
  ["山里的老法子，慢慢做，不添加防腐剂。", "Made slowly the old way, with no preservatives."],
  ["每一批都能查到产地和采收日期。", "Every batch shows its origin and harvest date."],
  ["冷链发货，江浙沪次日达。", "Shipped cold-chain, next day within the Yangtze delta."],
  ["村里的家庭农场轮流供货，量少而新鲜。", "The village's family farms take turns to supply it: small batches, always fresh."],
];
const CERTS = ["", "", "organic", "green_food", "gi", "organic;gi", "heritage"];

export type GeneratedCsv = { sellerIndex: number; name: string; csv: string; products: number };

/**
 * `count` generated products (1–3 variants each) as CSV files of `perFile` products, each file for
 * seller `sellerIndex` (round-robin over `sellers`), with villages of origin from `villages`
 * (`[slug, nameZh, nameEn]`). Each file stays well under the importer's 5 MB limit.
 */
export function generateCatalogue(options: {
  count: number;
  perFile?: number;
  sellers: number;
  villages: readonly (readonly [slug: string, zh: string, en: string])[];
}): GeneratedCsv[] {
  // The seed pictures' deterministic generator: every run imports the same catalogue.
  const rnd = seeded("bench-catalogue");
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const categories = Object.keys(GOODS) as CategoryKey[];
  const perFile = options.perFile ?? 1000;
  const files: GeneratedCsv[] = [];
  for (let start = 0, fileNo = 0; start < options.count; start += perFile, fileNo++) {
    const rows: string[][] = [[...CSV_COLUMNS]];
    const end = Math.min(options.count, start + perFile);
    for (let n = start; n < end; n++) {
      const category = categories[n % categories.length]!;
      const goods = GOODS[category];
      const [itemZh, itemEn] = pick(goods.items);
      const [qualZh, qualEn] = pick(QUALIFIERS);
      const [gradeZh, gradeEn] = pick(GRADES);
      const [village, villageZh, villageEn] = pick(options.villages);
      const [sentZh, sentEn] = pick(SENTENCES);
      const handle = `bench-${category.replace("_", "-")}-${n}`;
      const titleZh = `${villageZh}${qualZh}${itemZh}${gradeZh ? ` ${gradeZh}` : ""}`;
      const titleEn = `${villageEn} ${qualEn} ${itemEn}${gradeEn ? `, ${gradeEn}` : ""}`;
      const descriptionZh = `${villageZh}出产的${qualZh}${itemZh}。${sentZh}`;
      const descriptionEn = `${qualEn[0]!.toUpperCase()}${qualEn.slice(1)} ${itemEn} from ${villageEn}. ${sentEn}`;
      const certs = pick(CERTS);
      const month = 1 + Math.floor(rnd() * 12);
      const variants = 1 + Math.floor(rnd() * 3);
      const base = goods.yuan[0] + rnd() * (goods.yuan[1] - goods.yuan[0]);
      for (let k = 0; k < variants; k++) {
        const [packZh, packEn] = goods.packs[k % goods.packs.length]!;
        const price = (base * (1 + k * 0.8)).toFixed(2);
        const stock = String(Math.floor(rnd() * 200));
        const grams = String(goods.grams[k % goods.grams.length]);
        rows.push([
          handle, titleZh, titleEn, category, descriptionZh, descriptionEn, certs, `${month}-${(month % 12) + 1}`,
          village, `BENCH-${n}-${k + 1}`, packZh, packEn, price, stock, grams, "", "active",
        ]);
      }
    }
    files.push({ sellerIndex: fileNo % options.sellers, name: `bench-${fileNo + 1}.csv`, csv: toCsv(rows), products: end - start });
  }
  return files;
}
