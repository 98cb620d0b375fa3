// Client-safe helpers of the seller pages.

/** 800 basis points → "8%", 1250 → "12.5%". */
export function formatCommission(bps: number): string {
  return `${(bps / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}
