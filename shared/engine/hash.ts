/**
 * A stable number in [0, 1) for a string (FNV-1a, 32 bit, then one round of mixing). The same
 * text gives the same number in the browser and on the server, on every run.
 */
export function bucket(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) / 0x1_0000_0000;
}
