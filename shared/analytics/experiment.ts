/**
 * Reading an A/B test: do the variants' conversion rates differ by more than chance? A chi-square
 * test of independence on the variants × (converted, not converted) table — for two variants the
 * same as the two-proportion z-test. Pure arithmetic, no I/O.
 */

export interface VariantCounts {
  id: string;
  /** Runs that took this variant. */
  entered: number;
  /** Of those, runs that converted after taking it. */
  converted: number;
}

export interface ExperimentReading {
  /** The variant with the highest conversion rate (null while no variant has converted anyone). */
  leader: string | null;
  /** Chance of a difference at least this large if the variants were alike (null: nothing to compare yet). */
  p: number | null;
  /** Enough runs for the test to be trusted: every expected count in the table is at least 5 (Cochran). */
  enough: boolean;
  /** Enough runs and p < 0.05: the difference is not chance (95 % confidence). */
  significant: boolean;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
function lnGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The regularised upper incomplete gamma function Q(a, x) (series below a + 1, continued fraction above). */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const front = Math.exp(-x + a * Math.log(x) - lnGamma(a));
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 500 && Math.abs(term) > Math.abs(sum) * 1e-15; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return Math.max(0, 1 - sum * front);
  }
  // Lentz's continued fraction
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.min(1, front * h);
}

/** P(χ² ≥ stat) with `df` degrees of freedom. */
export function chiSquareP(stat: number, df: number): number {
  return gammaQ(df / 2, stat / 2);
}

/** Compares the variants' conversion rates (variants nobody took yet are left out). */
export function readExperiment(variants: VariantCounts[]): ExperimentReading {
  const taken = variants.filter((v) => v.entered > 0);
  const rate = (v: VariantCounts) => v.converted / v.entered;
  const best = taken.filter((v) => v.converted > 0).sort((a, b) => rate(b) - rate(a))[0];
  const leader = best ? best.id : null;
  const n = taken.reduce((s, v) => s + v.entered, 0);
  const c = taken.reduce((s, v) => s + v.converted, 0);
  if (taken.length < 2 || c === 0 || c === n) return { leader, p: null, enough: false, significant: false };
  let stat = 0;
  let enough = true;
  for (const v of taken) {
    const yes = (v.entered * c) / n;
    const no = (v.entered * (n - c)) / n;
    if (yes < 5 || no < 5) enough = false;
    stat += (v.converted - yes) ** 2 / yes + (v.entered - v.converted - no) ** 2 / no;
  }
  const p = chiSquareP(stat, taken.length - 1);
  return { leader, p, enough, significant: enough && p < 0.05 };
}
