// Conform's useForm, wired the way every listing form is: the schema validates in the browser
// as you go and on the server on submit, and only the form the action answered shows the
// answer (a room page holds several forms; see respond.server.ts).
import { useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { useActionData } from "@remix-run/react";
import type { z } from "zod";
import type { ListingActionData } from "~/modules/seller-listings/types";
import { parseForm } from "~/utils/forms";

export function useListingAnswer(id: string): ListingActionData | undefined {
  const answer = useActionData() as unknown;
  if (answer && typeof answer === "object" && "form" in answer && (answer as ListingActionData).form === id) {
    return answer as ListingActionData;
  }
  return undefined;
}

export function useListingForm<Schema extends z.ZodTypeAny>(id: string, schema: Schema, defaultValue?: Record<string, unknown>) {
  const answer = useListingAnswer(id);
  const [form, fields] = useForm<z.input<Schema>, z.output<Schema>, string[]>({
    id,
    lastResult: answer?.result,
    defaultValue: defaultValue as never,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, schema),
  });
  return { form, fields, notice: answer?.notice };
}
