import { funnelCurrency } from '../../../shared/format/funnel.ts';
import { useEditor } from './store.ts';

/** The open funnel's currency (its settings', else RUB): goal values, deal amounts and revenue are in it. */
export const useFunnelCurrency = (): string => useEditor((s) => funnelCurrency(s.doc));
