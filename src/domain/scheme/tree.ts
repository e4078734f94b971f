/** Walking the indicator tree once, so scoring and look-ups never search it again. */
import type { Dimension, Scheme } from "./types";

export interface NodeInfo {
  node: Dimension;
  /** The top-level dimension this node belongs to (itself at top level). */
  top: Dimension;
  /** Ancestors from the top level down to and including the node. */
  path: Dimension[];
  isLeaf: boolean;
}

export interface SchemeIndex {
  byKey: ReadonlyMap<string, NodeInfo>;
  /** Leaves in tree order (pre-order, children in scheme order). */
  leaves: readonly NodeInfo[];
  /** All nodes in tree order. */
  nodes: readonly NodeInfo[];
}

export const isLeaf = (d: Dimension): boolean => d.children === undefined || d.children.length === 0;

export function indexScheme(scheme: Pick<Scheme, "dimensions">): SchemeIndex {
  const byKey = new Map<string, NodeInfo>();
  const nodes: NodeInfo[] = [];
  const visit = (node: Dimension, top: Dimension, parents: Dimension[]) => {
    const info: NodeInfo = { node, top, path: [...parents, node], isLeaf: isLeaf(node) };
    byKey.set(node.key, info);
    nodes.push(info);
    for (const child of node.children ?? []) visit(child, top, info.path);
  };
  for (const top of scheme.dimensions) visit(top, top, []);
  return { byKey, nodes, leaves: nodes.filter((n) => n.isLeaf) };
}
