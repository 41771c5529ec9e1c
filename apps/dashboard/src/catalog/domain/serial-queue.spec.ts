import { SerialQueue } from './serial-queue';

describe('SerialQueue', () => {
  it('starts each change after the one before it settled, a failure included, and answers each its own result', async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    let release!: () => void;
    const first = queue.run(async () => {
      order.push('first starts');
      await new Promise<void>((resolve) => (release = resolve));
      order.push('first ends');
      throw new Error('first failed');
    });
    const second = queue.run(() => {
      order.push('second starts');
      return Promise.resolve(2);
    });
    await Promise.resolve();
    expect(order).toEqual(['first starts']);
    release();
    await expect(first).rejects.toThrow('first failed');
    await expect(second).resolves.toBe(2);
    expect(order).toEqual(['first starts', 'first ends', 'second starts']);
  });
});
