// Form fields for Conform: label, control, hint and the field's errors in the user's language,
// wired with ids and aria attributes. Every form works without JavaScript (plain POST), and
// Conform adds validation as you type when it is there.
import { type FieldMetadata, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { formMessage } from "~/utils/forms";
import { useT } from "~/utils/t";

const control =
  "mt-1 block min-h-11 w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-base text-stone-900 shadow-sm focus:border-tea-700 focus:outline-none focus:ring-2 focus:ring-tea-700/30 aria-[invalid=true]:border-red-600";

export function FieldErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm text-red-700">
      {errors.map((e) => (
        <li key={e}>{formMessage(t, e)}</li>
      ))}
    </ul>
  );
}

type Common = { label: string; hint?: ReactNode; className?: string };

/** The hint's id, for the control's aria-describedby. */
const hintId = (meta: FieldMetadata<unknown>, hint: ReactNode) => (hint ? `${meta.id}-hint` : undefined);

/** Label above the control, then the hint and the field's errors: the frame of every one-control field. */
function Labelled({ meta, label, hint, className, children }: Common & { meta: FieldMetadata<unknown>; children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={meta.id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={hintId(meta, hint)} className="mt-1 text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function Field({
  meta,
  type = "text",
  label,
  hint,
  className,
  ...rest
}: Common & {
  meta: FieldMetadata<unknown>;
  type?: "text" | "email" | "password" | "number" | "date" | "time" | "tel" | "url" | "datetime-local";
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "type">) {
  const props = getInputProps(meta as FieldMetadata<string>, { type, ariaDescribedBy: hintId(meta, hint) });
  return (
    <Labelled meta={meta} label={label} hint={hint} className={className}>
      <input {...props} {...rest} key={props.key} className={control} />
    </Labelled>
  );
}

export function TextareaField({
  meta,
  label,
  hint,
  className,
  rows = 4,
}: Common & { meta: FieldMetadata<unknown>; rows?: number }) {
  const props = getTextareaProps(meta as FieldMetadata<string>, { ariaDescribedBy: hintId(meta, hint) });
  return (
    <Labelled meta={meta} label={label} hint={hint} className={className}>
      <textarea {...props} key={props.key} rows={rows} className={control} />
    </Labelled>
  );
}

export function SelectField({
  meta,
  label,
  hint,
  className,
  options,
  placeholder,
}: Common & { meta: FieldMetadata<unknown>; options: { value: string; label: string }[]; placeholder?: string }) {
  const props = getSelectProps(meta as FieldMetadata<string>, { ariaDescribedBy: hintId(meta, hint) });
  return (
    <Labelled meta={meta} label={label} hint={hint} className={className}>
      <select {...props} key={props.key} className={control}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

/** A group of checkboxes for an array field (certifications, amenities, weekdays). */
export function CheckboxGroup({
  meta,
  legend,
  options,
  className,
}: {
  meta: FieldMetadata<unknown>;
  legend: string;
  options: { value: string; label: string }[];
  className?: string;
}) {
  const initial = meta.initialValue;
  const chosen = new Set(Array.isArray(initial) ? initial.map(String) : typeof initial === "string" ? [initial] : []);
  return (
    <fieldset className={className} aria-describedby={meta.errors?.length ? meta.errorId : undefined}>
      <legend className="text-sm font-medium text-stone-800">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-2">
        {options.map((o) => (
          <label key={`${meta.key ?? ""}${o.value}`} className="inline-flex min-h-11 items-center gap-2 text-base">
            <input type="checkbox" name={meta.name} value={o.value} defaultChecked={chosen.has(o.value)} className="h-5 w-5" />
            {o.label}
          </label>
        ))}
      </div>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

/** Errors that belong to the whole form (a wrong password, a conflict), announced to screen readers. */
export function FormErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <div id={id} role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-800">
      {errors.map((e) => (
        <p key={e}>{formMessage(t, e)}</p>
      ))}
    </div>
  );
}

/** A submit button that names its intent and says so while the form is being sent. */
export function SubmitButton({
  children,
  intent,
  variant = "primary",
  className = "",
}: {
  children: ReactNode;
  intent?: string;
  variant?: "primary" | "secondary" | "danger";
  className?: string;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && (intent === undefined || navigation.formData?.get("intent") === intent);
  const styles = {
    primary: "bg-tea-800 text-white hover:bg-tea-700",
    secondary: "border border-stone-300 bg-white text-stone-900 hover:bg-stone-50",
    danger: "border border-red-300 bg-white text-red-800 hover:bg-red-50",
  }[variant];
  return (
    <button
      type="submit"
      name={intent ? "intent" : undefined}
      value={intent}
      aria-disabled={busy || undefined}
      className={`inline-flex min-h-11 items-center justify-center rounded-lg px-4 py-2 text-base font-medium ${styles} ${className}`}
    >
      {children}
    </button>
  );
}
