/** The key of a node's name for people (`FunnelNode.label`) in its canvas data: `@` starts no node type's field. */
export const NODE_LABEL = '@label';
