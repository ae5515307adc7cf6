import { SharedWork } from './shared-work';

/** Concurrent askers share one computation; a finished answer is reused only briefly. */
describe('SharedWork', () => {
  it('runs one computation for concurrent askers of a key, separate ones for other keys', async () => {
    const work = new SharedWork<number>(1000);
    let runs = 0;
    const compute = async () => ++runs;
    const answers = await Promise.all([work.get('a', compute), work.get('a', compute), work.get('b', compute)]);
    expect(answers).toEqual([1, 1, 2]);
    expect(runs).toBe(2);
  });

  it('computes afresh once the reuse window has passed, and after a failure', async () => {
    const work = new SharedWork<number>(0);
    let runs = 0;
    await work.get('a', async () => ++runs);
    await new Promise((resolve) => setImmediate(resolve));
    // reuseMs 0: the window closes as soon as any time has passed.
    const started = performance.now();
    while (performance.now() === started) await new Promise((resolve) => setImmediate(resolve));
    expect(await work.get('a', async () => ++runs)).toBe(2);
    await expect(work.get('x', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await work.get('x', async () => 7)).toBe(7);
  });
});
