/** The words shown for an exit on a node's handle, in the user's language. */
export function exitLabel(type: string, data: Record<string, unknown> | undefined, exit: string, t: (k: string, v?: Record<string, string | number>) => string): string {
  const d = (data ?? {}) as any;
  if (type === 'branch' && exit !== 'else') {
    const r = (d.rules ?? []).find((x: any) => x?.id === exit);
    return r?.label || exit;
  }
  if (type === 'split') {
    const vs: any[] = d.variants ?? [];
    const total = vs.reduce((s, v) => s + (typeof v?.weight === 'number' ? v.weight : 0), 0);
    const v = vs.find((x) => x?.id === exit);
    return v && total > 0 ? `${exit} · ${Math.round((v.weight / total) * 100)}%` : exit;
  }
  if (type === 'handoff' && exit !== 'overdue') {
    const o = (d.outcomes ?? []).find((x: any) => x?.id === exit);
    return o?.label || exit;
  }
  if (type === 'offer' && exit === 'converted') return t(d.stage === 'offer' || d.stage === 'leadMagnet' ? 'exit.converted' : 'exit.bought');
  const key = `exit.${exit}`;
  const text = t(key);
  return text === key ? exit : text;
}
