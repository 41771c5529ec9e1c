import { groupsInOrder, moved } from './server-order';

describe('moved', () => {
  const ids = ['a', 'b', 'c'];

  it('moves one server up or down, leaving the others in their order', () => {
    expect(moved(ids, 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moved(ids, 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(ids, 0, 2)).toEqual(['b', 'c', 'a']);
    expect(ids).toEqual(['a', 'b', 'c']);
  });

  it('refuses a move past either end, or of a server not in the list', () => {
    expect(moved(ids, 0, -1)).toBeUndefined();
    expect(moved(ids, 2, 1)).toBeUndefined();
    expect(moved(ids, -1, 1)).toBeUndefined();
  });
});

describe('groupsInOrder', () => {
  it('lists the stored order first, then the groups of the servers not in it by name, each once; no group, no entry', () => {
    const servers = [{ group: 'web' }, { group: 'db' }, {}, { group: 'cache' }, { group: 'db' }, { group: 'edge' }];
    expect(groupsInOrder(['edge', 'web'], servers)).toEqual(['edge', 'web', 'cache', 'db']);
    expect(groupsInOrder([], servers)).toEqual(['cache', 'db', 'edge', 'web']);
    // A stored name no listed server has stays: an agent may report that group.
    expect(groupsInOrder(['from-agents'], [{ group: 'web' }])).toEqual(['from-agents', 'web']);
  });
});
