/** The funnel editor (placeholder until built). */
export function EditorPage({ funnelId, version }: { funnelId: string; version?: number }) {
  return <section data-testid="editor" data-id={funnelId} data-version={version} />;
}
