/** The funnel list (placeholder until built). */
export function FunnelListPage() {
  return <section data-testid="funnel-list" />;
}
