import type { NodeTypes } from '@xyflow/react';
import { ActionNode } from './ActionNode.tsx';
import { BranchNode } from './BranchNode.tsx';
import { DelayNode } from './DelayNode.tsx';
import { ExitNode } from './ExitNode.tsx';
import { GoalNode } from './GoalNode.tsx';
import { HandoffNode } from './HandoffNode.tsx';
import { MessageNode } from './MessageNode.tsx';
import { OfferNode } from './OfferNode.tsx';
import { SplitNode } from './SplitNode.tsx';
import { TriggerNode } from './TriggerNode.tsx';
import { UnknownNode } from './UnknownNode.tsx';
import { WaitNode } from './WaitNode.tsx';

/** The canvas component of each node type (React Flow `nodeTypes`; a module constant so it stays stable). */
export const nodeTypes: NodeTypes = {
  trigger: TriggerNode,
  offer: OfferNode,
  message: MessageNode,
  delay: DelayNode,
  wait: WaitNode,
  branch: BranchNode,
  split: SplitNode,
  handoff: HandoffNode,
  action: ActionNode,
  goal: GoalNode,
  exit: ExitNode,
  unknown: UnknownNode,
};
