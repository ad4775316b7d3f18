import type { BranchData } from '../../../shared/nodes/branch.ts';
import { useT } from '../i18n/i18n.ts';
import { useAwaitedBefore } from './awaited.ts';
import { useForm } from './formContext.ts';
import { ExitIdInput, TextInput } from './fields.tsx';
import { freshId, ListEditor } from './ListEditor.tsx';
import { RuleInput } from './RuleBuilder.tsx';
import { amountsWithoutCurrency } from './amountRule.ts';

type Rule = BranchData['rules'][number];

/** Branch: rules tried in order, each an exit; "else" when none holds. */
export function BranchForm() {
  const { t } = useT();
  const awaited = useAwaitedBefore(useForm().scope);
  return (
    <>
      <p className="ed-hint">{t('hint.branch')}</p>
      {awaited && (
        <p className="ed-hint ed-hint-info" data-testid="branch-last-event">
          {t('hint.branchAfterAwait', { event: awaited.event, by: awaited.by })}
        </p>
      )}
      <ListEditor<Rule>
        path="rules"
        label={t('branch.rules')}
        testid="rule"
        addLabel={t('branch.addRule')}
        make={(items) => {
          const id = freshId(items, 'rule_');
          return { id, label: t('branch.ruleN', { n: items.length + 1 }), when: { '==': [{ var: 'contact.city' }, ''] } };
        }}
      >
        {(p) => (
          <>
            <div className="ed-cols">
              <TextInput path={`${p}.label`} label={t('field.ruleLabel')} />
              <ExitIdInput path={`${p}.id`} label={t('field.exitId')} />
            </div>
            <RuleInput path={`${p}.when`} label={t('field.when')} />
            <AmountHint path={`${p}.when`} />
          </>
        )}
      </ListEditor>
    </>
  );
}

/** Under a rule comparing an amount: it is compared as a number, whatever its currency. */
function AmountHint({ path }: { path: string }) {
  const { t } = useT();
  const amounts = amountsWithoutCurrency(useForm().get(path));
  if (!amounts.length) return null;
  return (
    <p className="ed-hint" data-testid="branch-amount-currency">
      {t('hint.branchAmountCurrency', { variable: amounts[0] })}
    </p>
  );
}
