import { action } from './action.ts';
import { branch } from './branch.ts';
import { delay } from './delay.ts';
import { exit } from './exit.ts';
import { goal } from './goal.ts';
import { handoff } from './handoff.ts';
import { message } from './message.ts';
import { offer } from './offer.ts';
import { split } from './split.ts';
import { trigger } from './trigger.ts';
import type { NodeDef } from './types.ts';
import { wait } from './wait.ts';

/** Every node type, listed once. The palette, validator, compiler and engine read it from here. */
export const NODE_TYPES: readonly NodeDef[] = [trigger, offer, message, delay, wait, branch, split, handoff, action, goal, exit];

const byType = new Map(NODE_TYPES.map((d) => [d.type, d]));

/** The definition of a node type, or undefined for an unknown type. */
export const nodeDef = (type: string): NodeDef | undefined => byType.get(type);
