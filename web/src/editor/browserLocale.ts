/**
 * Whether this browser has a locale's data: a browser built with fewer languages writes Kazakh
 * dates as `2026 M11 24`, while the server (full ICU) writes what the contact reads.
 */
export const browserKnows = (locale: string): boolean => {
  try {
    return new Intl.DateTimeFormat(locale).resolvedOptions().locale.split('-')[0] === locale.split('-')[0];
  } catch {
    return false;
  }
};
