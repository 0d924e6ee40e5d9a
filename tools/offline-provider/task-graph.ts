// Runs a graph of tasks, at most `concurrency` at a time, each once every task it
// depends on has finished (whatever its outcome: a task decides itself what an
// upstream failure means for it). Among the tasks that are ready, the one with the
// longest weighted path to the end of the graph goes first (a critical-path list
// schedule), ties in the order the tasks were added, so a run is deterministic for a
// given graph.

export interface Task {
  name: string;
  /** Relative cost, for the critical-path priority. */
  weight: number;
  after: Task[];
  /**
   * Tasks this one may run alongside although it waits for their outcome itself: it
   * starts once they have started, and ranks as if it came after them.
   */
  alongside?: Task[];
  run: () => Promise<void>;
}

/** Longest weighted path from each task to the end of the graph (its own weight included). */
export function upwardRanks(tasks: Task[]): Map<Task, number> {
  const successors = new Map<Task, Task[]>(tasks.map((t) => [t, []]));
  for (const t of tasks) for (const d of [...t.after, ...(t.alongside ?? [])]) successors.get(d)?.push(t);
  const rank = new Map<Task, number>();
  const visit = (t: Task, path: Set<Task>): number => {
    const known = rank.get(t);
    if (known !== undefined) return known;
    if (path.has(t)) throw new Error(`task graph has a cycle through ${t.name}`);
    path.add(t);
    const r = t.weight + Math.max(0, ...successors.get(t)!.map((s) => visit(s, path)));
    path.delete(t);
    rank.set(t, r);
    return r;
  };
  for (const t of tasks) visit(t, new Set());
  return rank;
}

export async function runTaskGraph(tasks: Task[], concurrency: number): Promise<void> {
  const rank = upwardRanks(tasks);
  const order = new Map(tasks.map((t, i) => [t, i]));
  const finished = new Set<Task>();
  const running = new Map<Task, Promise<void>>();
  const waiting = [...tasks];
  const started = (t: Task) => finished.has(t) || running.has(t);
  const next = (): Task | undefined =>
    waiting
      .filter((t) => t.after.every((d) => finished.has(d)) && (t.alongside ?? []).every(started))
      .sort((a, b) => rank.get(b)! - rank.get(a)! || order.get(a)! - order.get(b)!)[0];
  while (waiting.length > 0 || running.size > 0) {
    // One at a time: starting a task can make another ready (`alongside`).
    while (running.size < Math.max(1, concurrency)) {
      const t = next();
      if (!t) break;
      waiting.splice(waiting.indexOf(t), 1);
      running.set(
        t,
        t.run().finally(() => {
          running.delete(t);
          finished.add(t);
        }),
      );
    }
    if (running.size === 0) throw new Error(`task graph stuck: ${waiting.map((t) => t.name).join(', ')} wait for tasks that are not in it`);
    await Promise.race(running.values());
  }
}
