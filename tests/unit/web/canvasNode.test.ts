import { describe, expect, it } from 'vitest';
import { sameCanvasNode, type CanvasNodeProps } from '../../../web/src/nodes/canvasNode.ts';

const data = { channel: 'email', body: 'Привет' };
const props = (over: Partial<CanvasNodeProps> = {}): CanvasNodeProps =>
  ({ id: 'm1', type: 'message', data, selected: false, width: 1, height: 1, positionAbsoluteX: 0, positionAbsoluteY: 0, dragging: false, zIndex: 0, isConnectable: true, selectable: true, deletable: true, draggable: true, ...over }) as CanvasNodeProps;

describe('a canvas node re-renders only for what it shows', () => {
  it('ignores the size React Flow measures and the position it moves the node to', () => {
    expect(sameCanvasNode(props(), props({ width: 250, height: 132 }))).toBe(true);
    expect(sameCanvasNode(props(), props({ positionAbsoluteX: 40, positionAbsoluteY: 80, dragging: true, zIndex: 1000 }))).toBe(true);
  });
  it('re-renders for new data, selection, another id or type', () => {
    expect(sameCanvasNode(props(), props({ data: { ...data } }))).toBe(false);
    expect(sameCanvasNode(props(), props({ selected: true }))).toBe(false);
    expect(sameCanvasNode(props(), props({ id: 'm2' }))).toBe(false);
    expect(sameCanvasNode(props(), props({ type: 'unknown' }))).toBe(false);
  });
});
