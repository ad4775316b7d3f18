import type { ComponentType } from 'react';
import { ActionForm } from './ActionForm.tsx';
import { BranchForm } from './BranchForm.tsx';
import { DelayForm } from './DelayForm.tsx';
import { ExitForm } from './ExitForm.tsx';
import { GoalForm } from './GoalForm.tsx';
import { HandoffForm } from './HandoffForm.tsx';
import { MessageForm } from './MessageForm.tsx';
import { OfferForm } from './OfferForm.tsx';
import { SplitForm } from './SplitForm.tsx';
import { TriggerForm } from './TriggerForm.tsx';
import { WaitForm } from './WaitForm.tsx';

/** The inspector form of each node type. */
export const FORMS: Record<string, ComponentType> = {
  trigger: TriggerForm,
  offer: OfferForm,
  message: MessageForm,
  delay: DelayForm,
  wait: WaitForm,
  branch: BranchForm,
  split: SplitForm,
  handoff: HandoffForm,
  action: ActionForm,
  goal: GoalForm,
  exit: ExitForm,
};
