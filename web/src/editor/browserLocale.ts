/**
 * Whether this browser has a locale's data: a browser built with fewer languages (Debian's
 * Chromium for Kazakh) still reports the locale as resolved but writes its months as `M11`
 * (`2026 M11 24`), while the server (full ICU) writes what the contact reads («2026 ж. 24 қараша»).
 */
export const browserKnows = (locale: string): boolean => {
  try {
    const f = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
    return f.resolvedOptions().locale.split('-')[0] === locale.split('-')[0] && !/^M\d+$/.test(f.format(Date.UTC(2026, 10, 24)));
  } catch {
    return false;
  }
};
