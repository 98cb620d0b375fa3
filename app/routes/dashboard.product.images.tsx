// /dashboard/products/:productId/images — a product's pictures: upload (multipart, works
// without JavaScript), describe in Chinese and English, reorder (the first is the cover), delete.
// Another cooperative's product is a 404 before its body is even read.
import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FieldErrors, Field, FormErrors, SubmitButton } from "~/components/forms/Fields";
import { ListingImage } from "~/components/ListingImage";
import { LocaleLink } from "~/components/LocaleLink";
import { requireSeller } from "~/modules/accounts/auth.server";
import { MediaError } from "~/modules/media/errors";
import type { Photo } from "~/modules/media/photo";
import { toPhoto } from "~/modules/media/photos.server";
import {
  MAX_IMAGES_PER_PRODUCT,
  addProductImage,
  deleteProductImage,
  getManagedProduct,
  listProductImages,
  moveProductImage,
  updateProductImageAlt,
} from "~/modules/media/product-images.server";
import { imageSchema, uploadSchema } from "~/modules/media/schemas";
import { isMultipart, readUploadForm } from "~/modules/media/upload.server";
import { type Database, getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE, notFound } from "~/utils/http.server";
import { langFromPath, langFromRequest, localePath, pick } from "~/utils/i18n";
import { translator, useLang, useT } from "~/utils/t";

const DONE = ["uploaded", "saved", "moved", "deleted"] as const;
type Done = (typeof DONE)[number];

type Scope = { cooperativeId: number; productId: number };
type Reply = { form: string; result: SubmissionResult<string[]> };

/** The acting seller's product named in the URL; anything else is a 404. */
async function scopeOf(request: Request, params: LoaderFunctionArgs["params"], db: Database) {
  const seller = await requireSeller(request, {}, db);
  const raw = params.productId ?? "";
  if (!/^[1-9]\d{0,8}$/.test(raw)) notFound();
  const scope: Scope = { cooperativeId: seller.membership.cooperativeId, productId: Number(raw) };
  const product = await getManagedProduct(db, scope);
  if (!product) notFound();
  return { scope, product };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { scope, product } = await scopeOf(request, params, db);
  const images = await listProductImages(db, scope);
  const done = new URL(request.url).searchParams.get("done");
  return data(
    {
      product,
      images: images.map((image) => ({
        id: image.id,
        width: image.width,
        height: image.height,
        altZh: image.altZh,
        altEn: image.altEn,
        photo: toPhoto({ key: image.storageKey, ...image }),
      })),
      max: MAX_IMAGES_PER_PRODUCT,
      done: DONE.find((d) => d === done) ?? null,
    },
    { headers: { "Cache-Control": PRIVATE_NO_STORE } },
  );
}

export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });

export const meta: MetaFunction<typeof loader> = ({ data: loaded, location }) => {
  const lang = langFromPath(location.pathname);
  const t = translator(lang);
  const product = loaded?.product ? pick(lang, loaded.product.titleZh, loaded.product.titleEn) : "";
  return [{ title: [t("media.images.title"), product, t("dashboard.title")].filter(Boolean).join(" · ") }, { name: "robots", content: "noindex" }];
};

function refused(form: string, error: MediaError, result?: SubmissionResult<string[]>) {
  if (error.status === 404) notFound();
  const message = error.key === "media.error.tooMany" ? `${error.key}:${MAX_IMAGES_PER_PRODUCT}` : error.key;
  const field = form === "upload" ? "file" : "";
  return data<Reply>({ form, result: { ...result, status: "error", error: { ...result?.error, [field]: [message] } } }, { status: error.status });
}

async function upload(request: Request, db: Database, scope: Scope, formData: FormData | null, back: string) {
  try {
    formData ??= await readUploadForm(request);
  } catch (error) {
    if (error instanceof MediaError) return refused("upload", error);
    throw error;
  }
  const submission = parseForm(formData, uploadSchema);
  if (submission.status !== "success") return data<Reply>({ form: "upload", result: submission.reply() }, { status: 400 });
  const { file, altZh, altEn } = submission.value;
  try {
    await addProductImage(db, { ...scope, bytes: new Uint8Array(await file.arrayBuffer()), altZh, altEn });
  } catch (error) {
    if (error instanceof MediaError) return refused("upload", error, submission.reply());
    throw error;
  }
  return redirect(`${back}?done=uploaded`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { scope } = await scopeOf(request, params, db);
  const back = localePath(langFromRequest(request), `/dashboard/products/${scope.productId}/images`);
  if (isMultipart(request)) return upload(request, db, scope, null, back);

  const formData = await request.formData().catch(() => null);
  if (!formData) return refused("upload", new MediaError("media.error.malformed", 400));
  if (formData.get("intent") === "upload") return upload(request, db, scope, formData, back);

  const rawId = String(formData.get("imageId") ?? "");
  const form = /^\d{1,10}$/.test(rawId) ? `image-${rawId}` : "image";
  const submission = parseForm(formData, imageSchema);
  if (submission.status !== "success") return data<Reply>({ form, result: submission.reply() }, { status: 400 });
  const input = { ...scope, imageId: submission.value.imageId };
  let done: Done;
  try {
    switch (submission.value.intent) {
      case "save-alt":
        await updateProductImageAlt(db, { ...input, altZh: submission.value.altZh, altEn: submission.value.altEn });
        done = "saved";
        break;
      case "move-up":
      case "move-down":
        await moveProductImage(db, { ...input, direction: submission.value.intent === "move-up" ? "up" : "down" });
        done = "moved";
        break;
      case "delete":
        await deleteProductImage(db, input);
        done = "deleted";
        break;
    }
  } catch (error) {
    if (error instanceof MediaError) return refused(form, error, submission.reply());
    throw error;
  }
  return redirect(`${back}?done=${done}`);
}

type ImageView = { id: number; width: number; height: number; altZh: string; altEn: string; photo: Photo | null };

export default function ProductImagesPage() {
  const { product, images, max, done } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const t = useT();
  const lang = useLang();
  const resultFor = (form: string) => (reply?.form === form ? reply.result : undefined);
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <LocaleLink to={`/dashboard/products/${product.id}`} className="inline-flex min-h-11 items-center text-tea-800 underline">
          {t("media.images.back")}
        </LocaleLink>
        <h1 className="text-xl font-semibold">{t("media.images.title")}</h1>
        <p className="text-stone-700">{pick(lang, product.titleZh, product.titleEn)}</p>
      </div>
      {done ? (
        <p role="status" className="rounded-lg border border-tea-200 bg-tea-50 p-3 text-tea-800">
          {t(`media.done.${done}`)}
        </p>
      ) : null}
      <p className="text-sm text-stone-700">{t("media.images.intro", { n: max })}</p>

      <section aria-labelledby="images-list" className="space-y-3">
        <h2 id="images-list" className="text-lg font-semibold">
          {t("media.images.list")} <span className="text-sm font-normal text-stone-600">{t("media.images.count", { n: images.length, max })}</span>
        </h2>
        {images.length ? (
          <ol className="space-y-3">
            {images.map((image, index) => (
              <ImageRow key={image.id} image={image} index={index} count={images.length} lastResult={resultFor(`image-${image.id}`)} />
            ))}
          </ol>
        ) : (
          <p className="text-stone-700">{t("media.images.empty")}</p>
        )}
        <FormErrors id="image-errors" errors={resultFor("image")?.error?.[""] ?? undefined} />
      </section>

      <section aria-labelledby="upload-title" className="space-y-3 rounded-xl bg-white p-4 shadow-sm">
        <h2 id="upload-title" className="text-lg font-semibold">
          {t("media.upload.title")}
        </h2>
        {images.length >= max ? (
          <p className="text-stone-700">{t("media.images.full", { n: max })}</p>
        ) : (
          // A new key after each upload: the emptied form is ready for the next picture.
          <UploadForm key={images.length} lastResult={resultFor("upload")} />
        )}
      </section>
    </div>
  );
}

function UploadForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const t = useT();
  const [form, fields] = useForm({
    id: "upload",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, uploadSchema),
  });
  const file = fields.file;
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <div>
        <label htmlFor={file.id} className="block text-sm font-medium text-stone-800">
          {t("media.upload.file")}
        </label>
        <input
          id={file.id}
          name={file.name}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          required
          aria-invalid={file.errors?.length ? true : undefined}
          aria-describedby={`${file.id}-hint${file.errors?.length ? ` ${file.errorId}` : ""}`}
          className="mt-1 block min-h-11 w-full rounded-lg border border-stone-300 bg-white p-2 text-base file:mr-3 file:min-h-9 file:rounded-md file:border-0 file:bg-tea-50 file:px-3 file:text-tea-800"
        />
        <p id={`${file.id}-hint`} className="mt-1 text-sm text-stone-600">
          {t("media.upload.fileHint")}
        </p>
        <FieldErrors id={file.errorId} errors={file.errors} />
      </div>
      <Field meta={fields.altZh} label={t("media.upload.altZh")} hint={t("media.upload.altZhHint")} />
      <Field meta={fields.altEn} label={t("media.upload.altEn")} lang="en" />
      <SubmitButton intent="upload" className="w-full sm:w-auto">
        {t("media.upload.submit")}
      </SubmitButton>
    </Form>
  );
}

function ImageRow({ image, index, count, lastResult }: { image: ImageView; index: number; count: number; lastResult: SubmissionResult<string[]> | undefined }) {
  const t = useT();
  const [form, fields] = useForm({
    id: `image-${image.id}`,
    lastResult,
    defaultValue: { altZh: image.altZh, altEn: image.altEn },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, imageSchema),
  });
  const label = t("media.image.label", { n: index + 1 });
  const which = <span className="sr-only"> · {label}</span>;
  return (
    <li className="rounded-xl bg-white p-4 shadow-sm">
      <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-[12rem_1fr]">
        <input type="hidden" name="imageId" value={image.id} />
        <div className="space-y-1">
          <ListingImage photo={image.photo} alt="" width={400} height={300} sizes="12rem" className="rounded-md" />
          <p className="text-sm font-medium text-stone-800">
            {label}
            {index === 0 ? <span className="ml-2 rounded bg-tea-50 px-2 py-0.5 text-tea-800">{t("media.image.cover")}</span> : null}
          </p>
          <p className="text-sm text-stone-600">{t("media.image.size", { width: image.width, height: image.height })}</p>
        </div>
        <fieldset className="min-w-0 space-y-3">
          <legend className="sr-only">{label}</legend>
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field meta={fields.altZh} label={t("media.upload.altZh")} />
          <Field meta={fields.altEn} label={t("media.upload.altEn")} lang="en" />
          <div className="flex flex-wrap gap-2">
            <SubmitButton intent="save-alt">
              {t("media.image.save")}
              {which}
            </SubmitButton>
            {index > 0 ? (
              <SubmitButton intent="move-up" variant="secondary">
                {t("media.image.up")}
                {which}
              </SubmitButton>
            ) : null}
            {index < count - 1 ? (
              <SubmitButton intent="move-down" variant="secondary">
                {t("media.image.down")}
                {which}
              </SubmitButton>
            ) : null}
            <SubmitButton intent="delete" variant="danger">
              {t("media.image.delete")}
              {which}
            </SubmitButton>
          </div>
        </fieldset>
      </Form>
    </li>
  );
}
