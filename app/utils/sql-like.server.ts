/** `s` as literal text inside a LIKE / ILIKE pattern: its `\`, `%` and `_` escaped with `\` (PostgreSQL's default escape). */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
