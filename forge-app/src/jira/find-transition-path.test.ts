import { findTransitionPath, type WorkflowGraph } from './find-transition-path';

const workflow: WorkflowGraph = {
  name: 'W',
  statuses: ['1', '2', '3', '4', '5'].map((id) => ({ id, name: `S${id}` })),
  transitions: [
    { id: 'a', name: 'a', from: ['1'], to: '2' },
    { id: 'b', name: 'b', from: ['2'], to: '3' },
    { id: 'c', name: 'c', from: ['1', '2'], to: '4' },
    { id: 'd', name: 'd', from: ['4'], to: '3' },
    { id: 'g', name: 'global', from: [], to: '1' },
  ],
};

describe('finding a path of transitions', () => {
  it('is empty when the issue is already there', () => {
    expect(findTransitionPath(workflow, '3', '3')).toEqual([]);
  });
  it('takes the shortest path, the first-listed transition on a tie', () => {
    expect(findTransitionPath(workflow, '1', '3')).toEqual(['a', 'b']);
  });
  it('uses a global transition from anywhere', () => {
    expect(findTransitionPath(workflow, '3', '4')).toEqual(['g', 'c']);
  });
  it('is null when no path leads to the status', () => {
    expect(findTransitionPath(workflow, '1', '5')).toBeNull();
  });
});
