/** Analytics on the canvas: toggle the per-node overlay, the stage chart (placeholder until built). */
export function AnalyticsPanel({ funnelId }: { funnelId: string }) {
  return <div data-testid="analytics" data-funnel={funnelId} />;
}
