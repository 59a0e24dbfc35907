/**
 * Maximum flow (Dinic's algorithm) on a network given edge by edge. The bounds of the scheduler
 * use it on shallow networks (source, two layers, sink) of unit or small capacities, where it
 * needs about √V phases.
 */
export class FlowNetwork {
  private readonly head: Int32Array;
  private to: Int32Array;
  private capacity: Float64Array;
  private next: Int32Array;
  private edges = 0;

  /** `edges` is a guess of how many edges will be added; more may be. */
  constructor(
    readonly nodes: number,
    edges = 16,
  ) {
    this.head = new Int32Array(nodes).fill(-1);
    this.to = new Int32Array(2 * edges);
    this.capacity = new Float64Array(2 * edges);
    this.next = new Int32Array(2 * edges);
  }

  /** An edge from → to of `capacity` (and its residual twin). */
  addEdge(from: number, to: number, capacity: number): void {
    if (capacity <= 0) return;
    if (this.edges + 2 > this.to.length) {
      const grow = <T extends Int32Array | Float64Array>(array: T): T => {
        const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
        bigger.set(array);
        return bigger;
      };
      this.to = grow(this.to);
      this.capacity = grow(this.capacity);
      this.next = grow(this.next);
    }
    const e = this.edges;
    this.to[e] = to;
    this.to[e + 1] = from;
    this.capacity[e] = capacity;
    this.capacity[e + 1] = 0;
    this.next[e] = this.head[from]!;
    this.next[e + 1] = this.head[to]!;
    this.head[from] = e;
    this.head[to] = e + 1;
    this.edges += 2;
  }

  maxFlow(source: number, sink: number): number {
    const { nodes, head, to, capacity, next } = this;
    const level = new Int32Array(nodes);
    const cursor = new Int32Array(nodes);
    const queue = new Int32Array(nodes);
    // The path of the search below, as the edge taken out of each node on it.
    const pathEdges = new Int32Array(nodes);
    let total = 0;
    for (;;) {
      level.fill(-1);
      level[source] = 0;
      let read = 0;
      let write = 0;
      queue[write++] = source;
      while (read < write) {
        const node = queue[read++]!;
        for (let e = head[node]!; e !== -1; e = next[e]!) {
          const target = to[e]!;
          if (capacity[e]! > 0 && level[target] === -1) {
            level[target] = level[node]! + 1;
            queue[write++] = target;
          }
        }
      }
      if (level[sink] === -1) return total;
      cursor.set(head);
      // Blocking flow by iterative depth-first search along the levels.
      let depth = 0;
      let node = source;
      for (;;) {
        if (node === sink) {
          let pushed = Infinity;
          for (let i = 0; i < depth; i++) pushed = Math.min(pushed, capacity[pathEdges[i]!]!);
          for (let i = 0; i < depth; i++) {
            const e = pathEdges[i]!;
            capacity[e]! -= pushed;
            capacity[e ^ 1]! += pushed;
          }
          total += pushed;
          // Back to the first edge of the path that is now full.
          let back = 0;
          while (capacity[pathEdges[back]!]! > 0) back++;
          depth = back;
          node = depth === 0 ? source : to[pathEdges[depth - 1]!]!;
          continue;
        }
        let e = cursor[node]!;
        while (e !== -1 && !(capacity[e]! > 0 && level[to[e]!] === level[node]! + 1)) e = next[e]!;
        cursor[node] = e;
        if (e !== -1) {
          pathEdges[depth++] = e;
          node = to[e]!;
          continue;
        }
        // A dead end: no more flow through `node` in this phase.
        if (node === source) break;
        level[node] = -1;
        depth--;
        const from = depth === 0 ? source : to[pathEdges[depth - 1]!]!;
        cursor[from] = next[cursor[from]!]!;
        node = from;
      }
    }
  }
}
