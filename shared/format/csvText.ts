/**
 * What a CSV file from a spreadsheet needs before its rows can be read: its bytes as text (UTF-8, or
 * Windows-1251 as Russian Excel saves «CSV (разделители — запятые)») and its delimiter (a comma, or
 * the semicolon of a locale whose decimal mark is a comma). Pure: no I/O.
 */

/** The file's text: UTF-8 (a BOM dropped) when its bytes are UTF-8, else Windows-1251. */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1251' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
  }
}

/**
 * The delimiter of a CSV text, read from its first line: a semicolon when that line has more
 * semicolons than commas outside quotes (`id;firstName;email`), else a comma.
 * @example csvDelimiter('id;firstName;email\n1;Anna;a@b.c') // ';'
 */
export function csvDelimiter(text: string): ',' | ';' {
  const first = text.replace(/^\uFEFF/, '').split('\n', 1)[0] ?? '';
  let quoted = false;
  let commas = 0;
  let semicolons = 0;
  for (const ch of first) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}
