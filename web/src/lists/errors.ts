import { ApiError } from '../api/client.ts';

/** The text to show for a failed call: the server's own message (it names the field), else the error's. */
export const errorText = (e: unknown): string => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

/** The HTTP status of a failed API call, if it was one. */
export const errorStatus = (e: unknown): number | null => (e instanceof ApiError ? e.status : null);
