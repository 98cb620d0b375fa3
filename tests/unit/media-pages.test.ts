// Pictures as browsers receive them: <picture> with AVIF and WebP sizes on the storefront, the
// art when there is no upload, and the dashboard's pictures page as a plain multipart form
// with its errors in the page's language.
import { createElement } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ListingImage } from "~/components/ListingImage";
import { ProductCard } from "~/components/ProductCard";
import type { ProductCardData } from "~/modules/catalog/types";
import type { Photo } from "~/modules/media/photo";
import { render, route } from "./page-double";

vi.mock("@remix-run/react", () => import("./page-double").then((m) => m.remixReactDouble()));

const photo: Photo = {
  src: "/media/products/abc123",
  width: 1600,
  height: 1200,
  widths: [320, 640, 960, 1280],
  altZh: "竹匾上的白茶",
  altEn: "White tea on a bamboo tray",
};

const card: ProductCardData = {
  slug: "anji-white-tea",
  titleZh: "安吉白茶",
  titleEn: "Anji White Tea",
  image: "",
  category: "tea",
  certifications: [],
  priceFromCents: 16800,
  villageSlug: null,
  villageNameZh: null,
  villageNameEn: null,
  cooperativeSlug: "coop",
  cooperativeNameZh: "合作社",
  cooperativeNameEn: "Cooperative",
  soldOut: false,
  preSale: false,
};

describe("ListingImage with an uploaded photo", () => {
  it("offers AVIF first, then WebP, at every width, sized and lazy, described in the page's language", () => {
    const html = render(createElement(ListingImage, { photo, width: 800, height: 600, sizes: "50vw" }));
    expect(html).toMatch(/^<picture/);
    const avif = html.indexOf('type="image/avif"');
    const webp = html.indexOf('type="image/webp"');
    expect(avif).toBeGreaterThan(0);
    expect(webp).toBeGreaterThan(avif);
    expect(html).toContain(
      'srcSet="/media/products/abc123-320.avif 320w, /media/products/abc123-640.avif 640w, /media/products/abc123-960.avif 960w, /media/products/abc123-1280.avif 1280w"',
    );
    expect(html).toContain("/media/products/abc123-1280.webp 1280w");
    expect(html).toContain('sizes="50vw"');
    expect(html).toContain('src="/media/products/abc123-640.webp"');
    expect(html).toMatch(/width="800"[^>]*height="600"/);
    expect(html).toContain('loading="lazy"');
    expect(html).toContain('alt="竹匾上的白茶"');
    expect(render(createElement(ListingImage, { photo }), "en")).toContain('alt="White tea on a bamboo tray"');
    // No English description: the Chinese one is better than nothing.
    expect(render(createElement(ListingImage, { photo: { ...photo, altEn: "" } }), "en")).toContain('alt="竹匾上的白茶"');
  });

  it("above the fold it loads at once", () => {
    const html = render(createElement(ListingImage, { photo, eager: true }));
    expect(html).toContain('loading="eager"');
    expect(html).toContain('fetchpriority="high"');
  });

  it("without a photo it is the art as before", () => {
    const html = render(createElement(ListingImage, { src: "/images/categories/tea.svg" }));
    expect(html).toMatch(/^<img/);
    expect(html).toContain('src="/images/categories/tea.svg"');
    expect(html).toContain('alt=""');
  });
});

describe("ProductCard", () => {
  it("shows the cover photo when there is one, else the category's illustration", () => {
    const withPhoto = render(createElement(ProductCard, { product: { ...card, photo } }));
    expect(withPhoto).toContain("<picture");
    expect(withPhoto).toContain("/media/products/abc123-320.avif 320w");
    const without = render(createElement(ProductCard, { product: { ...card, photo: null } }));
    expect(without).not.toContain("<picture");
    expect(without).toContain('src="/images/categories/tea.svg"');
  });
});

describe("the dashboard's pictures page", () => {
  const loaded = {
    product: { id: 42, slug: "anji-white-tea", titleZh: "安吉白茶", titleEn: "Anji White Tea", status: "active" },
    images: [
      { id: 7, width: 1600, height: 1200, altZh: "封面图", altEn: "", photo },
      { id: 8, width: 900, height: 900, altZh: "第二张", altEn: "Second", photo: { ...photo, src: "/media/products/def456" } },
    ],
    max: 8,
    done: "uploaded",
  };

  beforeEach(() => {
    route.loaderData = loaded;
    route.actionData = undefined;
  });

  it("is a multipart upload form that works without JavaScript, and one form per picture", async () => {
    const { default: Page } = await import("~/routes/dashboard.product.images");
    const html = render(createElement(Page));
    expect(html).toMatch(/<form[^>]*method="post"[^>]*encType="multipart\/form-data"|<form[^>]*encType="multipart\/form-data"[^>]*method="post"/);
    expect(html).toMatch(/<input[^>]*type="file"[^>]*accept="image\/jpeg,image\/png,image\/webp"[^>]*required/);
    expect(html).toContain(">图片说明（中文）</label>");
    expect(html).toContain('role="status"');
    expect(html).toContain("图片已上传。");
    expect(html).toContain("已上传 2 / 8 张");
    // Each picture: its descriptions, save/move/delete buttons named by intent; the cover cannot move up.
    expect(html).toContain('value="封面图"');
    expect(html.match(/name="intent" value="delete"/g)).toHaveLength(2);
    expect(html.match(/name="intent" value="move-up"/g)).toHaveLength(1);
    expect(html.match(/name="intent" value="move-down"/g)).toHaveLength(1);
    expect(html).toContain('name="imageId" value="7"');
    expect(html).toContain('href="/dashboard/products/42"');
  });

  it("shows the upload's error beside the file field in English, and nothing else's", async () => {
    const { default: Page } = await import("~/routes/dashboard.product.images");
    route.actionData = { form: "upload", result: { status: "error", initialValue: { altZh: "留着的说明" }, error: { file: ["media.error.type"] } } };
    const html = render(createElement(Page), "en");
    expect(html).toContain("Only JPEG, PNG or WebP pictures can be uploaded.");
    expect(html).toContain('value="留着的说明"');
    expect(html).toContain('href="/en/dashboard/products/42"');
    route.actionData = { form: "upload", result: { status: "error", error: { file: ["media.error.tooMany:8"] } } };
    expect(render(createElement(Page))).toContain("每个商品最多 8 张图片");
  });

  it("when the product has the most pictures, says so instead of offering the upload", async () => {
    const { default: Page } = await import("~/routes/dashboard.product.images");
    route.loaderData = { ...loaded, max: 2, done: null };
    const html = render(createElement(Page));
    expect(html).not.toContain('type="file"');
    expect(html).toContain("已达到 2 张的上限");
  });
});
