import { splitParagraphs } from "~/modules/catalog/listing-display";

/** Multi-paragraph text from the database (paragraphs separated by blank lines). */
export function Paragraphs({ text, className = "" }: { text: string; className?: string }) {
  return (
    <div className={`space-y-3 leading-relaxed text-stone-800 ${className}`}>
      {splitParagraphs(text).map((p, i) => (
        <p key={i} className="whitespace-pre-line">
          {p}
        </p>
      ))}
    </div>
  );
}
