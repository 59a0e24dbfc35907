import { FlowNetwork } from './max-flow.js';
import { readProblem, residualOf, type ProblemModel, type Residual, type ScheduleMode, type SchedulingProblem } from './problem.js';

/**
 * How many meetings can be placed at most, so that a schedule can be measured against it.
 *
 * In 'replan' mode (the default) only the meetings of closed slots are fixed; in 'stable' mode
 * every meeting that has a place is, and the bound is the best possible given them.
 *
 * Why it is a true bound. Let X be any valid schedule that keeps the fixed meetings where they
 * are (they always count), and let Y be the movable meetings it places. Each meeting m of Y sits
 * in a slot s where it may go (`residualOf`: s open, both people free and not in a fixed meeting
 * there, a table left after the fixed ones), so:
 *
 * (a) Slot flow. In slot s the meetings of Y use distinct tables, at most T − fixed(s) of them,
 *     and they share no person: they are a matching in the graph G_s of the movable meetings that
 *     may go to s. A matching is a fractional matching, and the largest fractional matching of a
 *     graph is half the maximum flow F_s of its bipartite double cover (source → p_left, cap 1;
 *     p_left → q_right for each meeting p–q, both ways; q_right → sink, cap 1), since a matching
 *     M gives a flow of 2|M| there. So slot s holds at most cap(s) = min(T − fixed(s), ⌊F_s/2⌋)
 *     meetings of Y. Sending one unit source → m → s → sink for each m of Y is then a flow in the
 *     network source → meeting (cap 1) → each slot it may go to → sink (cap(s)), so |Y| ≤ its
 *     maximum flow.
 * (b) Person flow. A person p is in at most one meeting per slot, so the meetings of Y that p is
 *     in are matched to distinct slots where each may go: there are at most b(p) of them, b(p)
 *     being the size of a maximum matching between p's movable meetings and the slots they may go
 *     to. Y is then a b-matching of the request graph (degree of p ≤ b(p)), which gives a flow of
 *     2|Y| in its double cover (source → p_left, cap b(p); p_left → q_right, one unit per meeting
 *     p–q each way; q_right → sink, cap b(q)). So |Y| ≤ ⌊F/2⌋ of that network.
 *
 * |X| = fixed + |Y| ≤ fixed + min((a), (b)). Both flows are integers, and (a) ≤ the bound that
 * ignores persons and (b) ≤ the bound that ignores tables, so this is at least as tight as each.
 */
export function placementUpperBound(problem: SchedulingProblem, mode: ScheduleMode = 'replan'): number {
  const model = readProblem(problem);
  return upperBoundOf(model, residualOf(model, mode));
}

export function upperBoundOf(model: ProblemModel, residual: Residual): number {
  const movable: number[] = [];
  for (let m = 0; m < model.meetings; m++) {
    if (residual.slotStart[m + 1]! > residual.slotStart[m]!) movable.push(m);
  }
  if (movable.length === 0) return residual.fixedCount;
  return residual.fixedCount + Math.min(slotFlowBound(model, residual, movable), personFlowBound(model, residual, movable));
}

/** Bound (a): meetings → the slots they may go to, each slot holding at most cap(s). */
function slotFlowBound(model: ProblemModel, residual: Residual, movable: readonly number[]): number {
  const { slots, tables } = model;
  const { slotStart, slotList } = residual;
  const capacity = new Int32Array(slots);
  for (let s = 0; s < slots; s++) {
    const room = tables - residual.fixedInSlot[s]!;
    // A greedy matching is no larger than the largest one: when it fills the tables already, the tables are the limit.
    capacity[s] = greedyMatchingInSlot(model, residual, movable, s, room) >= room ? room : matchingBoundInSlot(model, residual, movable, s);
  }
  // Nodes: 0 source, 1 sink, 2..2+slots slots, then meetings.
  const network = new FlowNetwork(2 + slots + movable.length, slots + movable.length + slotList.length);
  for (let s = 0; s < slots; s++) network.addEdge(2 + s, 1, capacity[s]!);
  movable.forEach((m, index) => {
    const node = 2 + slots + index;
    network.addEdge(0, node, 1);
    for (let i = slotStart[m]!; i < slotStart[m + 1]!; i++) network.addEdge(node, 2 + slotList[i]!, 1);
  });
  return network.maxFlow(0, 1);
}

/** The size of a maximal matching among the movable meetings that may go to `slot`, counted up to `enough`. */
function greedyMatchingInSlot(model: ProblemModel, residual: Residual, movable: readonly number[], slot: number, enough: number): number {
  const { slots, a, b } = model;
  const taken = new Uint8Array(model.people);
  let size = 0;
  for (const m of movable) {
    if (size >= enough) break;
    if (!residual.feasible[m * slots + slot] || taken[a[m]!] || taken[b[m]!]) continue;
    taken[a[m]!] = taken[b[m]!] = 1;
    size++;
  }
  return size;
}

/** ⌊F_s/2⌋: the largest fractional matching among the movable meetings that may go to slot s, rounded down. */
function matchingBoundInSlot(model: ProblemModel, residual: Residual, movable: readonly number[], slot: number): number {
  const { slots, a, b } = model;
  const nodeOf = new Map<number, number>();
  const node = (person: number) => {
    let index = nodeOf.get(person);
    if (index === undefined) {
      index = nodeOf.size;
      nodeOf.set(person, index);
    }
    return index;
  };
  const pairs: [number, number][] = [];
  for (const m of movable) {
    if (residual.feasible[m * slots + slot]) pairs.push([node(a[m]!), node(b[m]!)]);
  }
  if (pairs.length === 0) return 0;
  const persons = nodeOf.size;
  // Nodes: 0 source, 1 sink, 2.. left copies, 2 + persons.. right copies.
  const network = new FlowNetwork(2 + 2 * persons, 2 * persons + 2 * pairs.length);
  for (let p = 0; p < persons; p++) {
    network.addEdge(0, 2 + p, 1);
    network.addEdge(2 + persons + p, 1, 1);
  }
  for (const [p, q] of pairs) {
    network.addEdge(2 + p, 2 + persons + q, 1);
    network.addEdge(2 + q, 2 + persons + p, 1);
  }
  return Math.floor(network.maxFlow(0, 1) / 2);
}

/** Bound (b): ⌊F/2⌋ of the double cover of the request graph with person capacities b(p). */
function personFlowBound(model: ProblemModel, residual: Residual, movable: readonly number[]): number {
  const { people, a, b } = model;
  const meetingsOf: number[][] = Array.from({ length: people }, () => []);
  for (const m of movable) {
    meetingsOf[a[m]!]!.push(m);
    meetingsOf[b[m]!]!.push(m);
  }
  const network = new FlowNetwork(2 + 2 * people, 2 * people + 2 * movable.length);
  for (let p = 0; p < people; p++) {
    const own = meetingsOf[p]!;
    if (own.length === 0) continue;
    const limit = slotMatchingSize(model, residual, own);
    network.addEdge(0, 2 + p, limit);
    network.addEdge(2 + people + p, 1, limit);
  }
  for (const m of movable) {
    network.addEdge(2 + a[m]!, 2 + people + b[m]!, 1);
    network.addEdge(2 + b[m]!, 2 + people + a[m]!, 1);
  }
  return Math.floor(network.maxFlow(0, 1) / 2);
}

/** b(p): the most of `meetings` (one person's) that can go to distinct slots, by augmenting paths. */
function slotMatchingSize(model: ProblemModel, residual: Residual, meetings: readonly number[]): number {
  const { slotStart, slotList } = residual;
  const holder = new Int32Array(model.slots).fill(-1);
  let size = 0;
  for (let i = 0; i < meetings.length && size < model.slots; i++) {
    const seen = new Uint8Array(model.slots);
    const augment = (index: number): boolean => {
      const m = meetings[index]!;
      for (let k = slotStart[m]!; k < slotStart[m + 1]!; k++) {
        const s = slotList[k]!;
        if (seen[s]) continue;
        seen[s] = 1;
        if (holder[s] === -1 || augment(holder[s]!)) {
          holder[s] = index;
          return true;
        }
      }
      return false;
    };
    if (augment(i)) size++;
  }
  return size;
}
