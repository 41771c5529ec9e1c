import { moved } from './server-order';

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
