import { runTaskGraph, Task, upwardRanks } from '../task-graph';

function graph(log: string[], running: { now: number; max: number }) {
  const t = (name: string, weight: number, after: Task[] = []): Task => ({
    name,
    weight,
    after,
    run: async () => {
      running.max = Math.max(running.max, ++running.now);
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`end ${name}`);
      running.now--;
    },
  });
  const a1 = t('a1', 1);
  const a2 = t('a2', 4, [a1]);
  const b1 = t('b1', 1);
  const b2 = t('b2', 1, [b1, a2]);
  const c = t('c', 1);
  return [a1, a2, b1, b2, c];
}

describe('task graph', () => {
  it('ranks tasks by their longest weighted path to the end', () => {
    const [a1, a2, b1, b2, c] = graph([], { now: 0, max: 0 });
    const rank = upwardRanks([a1!, a2!, b1!, b2!, c!]);
    expect([a1, a2, b1, b2, c].map((t) => rank.get(t!))).toEqual([6, 5, 2, 1, 1]);
  });

  it('runs every task once, after its dependencies, the critical path first, within the concurrency', async () => {
    const log: string[] = [];
    const running = { now: 0, max: 0 };
    await runTaskGraph(graph(log, running), 2);
    expect(running.max).toBe(2);
    expect(log.filter((l) => l.startsWith('start'))).toHaveLength(5);
    expect(log.slice(0, 2)).toEqual(['start a1', 'start b1']);
    for (const [before, after] of [
      ['a1', 'a2'],
      ['a2', 'b2'],
      ['b1', 'b2'],
    ]) {
      expect(log.indexOf(`end ${before}`)).toBeLessThan(log.indexOf(`start ${after}`));
    }
  });

  it('runs one at a time with concurrency 1, in rank order', async () => {
    const log: string[] = [];
    await runTaskGraph(graph(log, { now: 0, max: 0 }), 1);
    expect(log.filter((l) => l.startsWith('start')).map((l) => l.slice(6))).toEqual(['a1', 'a2', 'b1', 'b2', 'c']);
  });

  it('starts a task alongside another once that one has started, never before', async () => {
    const log: string[] = [];
    let settle: () => void = () => {};
    const outcome = new Promise<void>((r) => (settle = r));
    const first: Task = { name: 'first', weight: 1, after: [], run: async () => void log.push('first') };
    const validate: Task = {
      name: 'validate',
      weight: 2,
      after: [first],
      run: async () => {
        log.push('validate');
        await new Promise((r) => setTimeout(r, 10));
        settle();
      },
    };
    const plan: Task = {
      name: 'plan',
      weight: 4,
      after: [first],
      alongside: [validate],
      run: async () => {
        log.push('plan');
        await outcome; // waits for validate's result itself
        log.push('plan done');
      },
    };
    expect(upwardRanks([first, validate, plan]).get(validate)).toBe(6);
    await runTaskGraph([first, plan, validate], 1); // one slot: no deadlock, validate goes first
    expect(log).toEqual(['first', 'validate', 'plan', 'plan done']);
    log.length = 0;
    await runTaskGraph([first, plan, validate], 2);
    expect(log.slice(0, 3)).toEqual(['first', 'validate', 'plan']);
  });

  it('refuses cycles and dependencies outside the graph', async () => {
    const a: Task = { name: 'a', weight: 1, after: [], run: async () => {} };
    const b: Task = { name: 'b', weight: 1, after: [a], run: async () => {} };
    a.after.push(b);
    expect(() => upwardRanks([a, b])).toThrow(/cycle/);
    const outside: Task = { name: 'x', weight: 1, after: [], run: async () => {} };
    await expect(runTaskGraph([{ name: 'y', weight: 1, after: [outside], run: async () => {} }], 2)).rejects.toThrow(/stuck/);
  });
});
