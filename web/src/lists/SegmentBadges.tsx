import { isLifecycleSegment } from '../../../shared/format/lifecycle.ts';
import { segmentName, segmentRule } from '../app/segments.ts';
import { useLifecycleRules } from '../app/workspace.ts';
import { useFormat } from './format.ts';

/**
 * A contact's segments as badges, named for people («Спящие», not `lifecycle:sleeping`); a
 * life-cycle one has its id and the rule it follows in the tooltip (the contact page, a task card).
 */
export function SegmentBadges({ segments }: { segments: readonly string[] }) {
  const { t } = useFormat();
  const rules = useLifecycleRules();
  return (
    <>
      {segments.map((s) => (
        <span key={s} className="badge ls-tag" title={isLifecycleSegment(s) ? `${s}: ${segmentRule(t, s, rules)}` : undefined} data-testid="contact-segment">
          {segmentName(t, s)}
        </span>
      ))}
    </>
  );
}
