import type { UntilDate } from '../../../shared/nodes/untilDate.ts';
import { humanOffset } from '../editor/humanize.ts';
import { clockTime, uiLocale, type Lang } from '../i18n/i18n.ts';

/** A date a delay or a wait reads, on the canvas: the attribute, the offset in words, the time of day. */
export function UntilDateText({ spec, lang }: { spec: UntilDate; lang: Lang }) {
  return (
    <>
      <code>{spec.attribute}</code>
      {spec.offset ? ` · ${humanOffset(spec.offset, lang) ?? spec.offset}` : ''}
      {spec.at ? ` · ${clockTime(spec.at, uiLocale(lang))}` : ''}
    </>
  );
}
