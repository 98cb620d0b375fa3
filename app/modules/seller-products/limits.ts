// Limits the pages state to sellers as well as enforce (so no server-only import in components).
/** The largest CSV the dashboard's import form takes (the whole request body). */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
