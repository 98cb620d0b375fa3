// Why an upload or an image change was refused: a message key of locales/media.ts and the
// HTTP status the page answers with. Client-safe (the page shows the key's text).
import type { MessageKey } from "~/locales";

export type MediaErrorKey = Extract<MessageKey, `media.error.${string}`>;

export class MediaError extends Error {
  constructor(
    readonly key: MediaErrorKey,
    readonly status: number = 400,
  ) {
    super(key);
    this.name = "MediaError";
  }
}
