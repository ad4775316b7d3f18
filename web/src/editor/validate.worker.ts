/**
 * Live validation off the main thread: the editor posts its document here after each change and
 * gets the shared validator's issues back, so checking a 500-node funnel (~100 ms) never holds up
 * drawing it or typing in it. Messages: `{ id, doc, lang, workspace? }` in, `{ id, issues }` out.
 */
import type { Funnel } from '../../../shared/format/funnel.ts';
import { validateFunnel } from '../../../shared/validate/validateFunnel.ts';
import type { Lang } from '../../../shared/validate/i18n.ts';
import type { WorkspaceFacts } from '../../../shared/nodes/types.ts';

interface Request {
  id: number;
  doc: Funnel;
  lang: Lang;
  workspace?: WorkspaceFacts;
}

self.onmessage = (e: MessageEvent<Request>) => {
  const { id, doc, lang, workspace } = e.data;
  postMessage({ id, issues: validateFunnel(doc, { lang, workspace }).issues });
};
