// GET /api/v1/experiences/:slug — an experience with its slots of the coming weeks: seats left,
// whether each can still be booked and when bookings close. Short-lived cache: seats change.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseLangParam } from "~/modules/api/params";
import { apiHandler, apiJson, invalidParams, methodNotAllowed, notFoundError } from "~/modules/api/respond.server";
import { experienceJson } from "~/modules/api/serializers";
import { AVAILABILITY_CACHE } from "~/modules/bookings/find-dates";
import { getExperienceBySlug } from "~/modules/catalog/experiences.server";
import { isSlug } from "~/modules/catalog/listing-params";
import { getDb } from "~/utils/db.server";

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  apiHandler(async () => {
    const parsed = parseLangParam(new URL(request.url).searchParams);
    if (!parsed.ok) return invalidParams(parsed.fields);
    const experience = isSlug(params.slug) ? await getExperienceBySlug(getDb(), params.slug, { now: new Date() }) : null;
    if (!experience) return notFoundError("No such experience.");
    return apiJson(
      { lang: parsed.value.lang, experience: experienceJson(experience, parsed.value.lang) },
      { headers: { "Cache-Control": AVAILABILITY_CACHE } },
    );
  });

export const action = methodNotAllowed;
