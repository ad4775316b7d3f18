import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CURRENCIES } from '../../../shared/format/currency.ts';
import { parseDecimal } from '../../../shared/format/decimal.ts';
import { api } from '../api/client.ts';
import { useWorkspaceCurrency } from '../app/workspace.ts';
import { Dialog, FormButtons } from './Dialog.tsx';
import { errorText } from './errors.ts';
import { useFormat } from './format.ts';


/**
 * Records a contact's order by hand (a sale closed by phone, a payment outside the site) through
 * the same API an integration uses: a paid order also arrives as the event `order.paid`, so it
 * converts the funnel stage selling that sku and counts in the stage's revenue.
 */
export function AddOrderDialog({ contactId, onClose }: { contactId: string; onClose: () => void }) {
  const { t } = useFormat();
  const qc = useQueryClient();
  const [sku, setSku] = useState('');
  const [amount, setAmount] = useState('');
  // the workspace's currency until one is chosen here (it may arrive after the dialog opens)
  const workspaceCurrency = useWorkspaceCurrency();
  const [chosen, setCurrency] = useState<string | null>(null);
  const currency = chosen ?? workspaceCurrency;
  const [status, setStatus] = useState<'paid' | 'pending'>('paid');
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => {
      const sum = parseDecimal(amount) ?? NaN;
      return api.addOrder({ id: `manual-${Date.now().toString(36)}`, contactId, amount: sum, currency, status, ...(sku.trim() ? { sku: sku.trim() } : {}) });
    },
    onSuccess: () => {
      for (const key of [['contact', contactId], ['runs', { contactId }], ['customer-metrics'], ['contact-events', contactId]]) void qc.invalidateQueries({ queryKey: key });
      onClose();
    },
  });
  return (
    <Dialog title={t('contact.order.add.title')} onClose={onClose} testId="order-add" dirty={sku.trim() !== '' || amount.trim() !== ''}>
      <form
        className="ls-form"
        onSubmit={(e) => {
          e.preventDefault();
          const sum = parseDecimal(amount) ?? NaN;
          if (amount.trim() === '' || !Number.isFinite(sum) || sum < 0) return setProblem(t('contact.order.add.badAmount'));
          setProblem(null);
          save.mutate();
        }}
      >
        <label>
          {t('contact.order.sku')}
          <input name="sku" value={sku} onChange={(e) => setSku(e.target.value)} placeholder="TRIP-1" />
          <span className="ls-small muted">{t('contact.order.add.skuHint')}</span>
        </label>
        <div className="ls-row">
          <label>
            {t('contact.order.amount')}
            <input name="amount" inputMode="decimal" value={amount} onChange={(e) => (setAmount(e.target.value), setProblem(null))} placeholder="1 490" aria-invalid={!!problem} />
          </label>
          <label>
            {t('contact.order.currency')}
            <select name="currency" value={currency} onChange={(e) => setCurrency(e.target.value)}>
              {CURRENCIES.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          <label>
            {t('contact.order.status')}
            <select name="status" value={status} onChange={(e) => setStatus(e.target.value as 'paid' | 'pending')}>
              <option value="paid">{t('order.paid')}</option>
              <option value="pending">{t('order.pending')}</option>
            </select>
          </label>
        </div>
        {(problem || save.error) && (
          <p className="error" role="alert" data-testid="order-add-error">
            {problem ?? errorText(save.error)}
          </p>
        )}
        <FormButtons onCancel={onClose} disabled={save.isPending} testId="order-add-save" />
      </form>
    </Dialog>
  );
}
