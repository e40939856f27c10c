// Node ids and pod names exactly as Argo derives them from node names (FNV-1a, 32 bits, over UTF-8).

const encoder = new TextEncoder();

/** FNV-1a 32-bit hash of the UTF-8 bytes of `text`, as Go's `hash/fnv` New32a. */
export function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Argo's `Workflow.NodeID`: the workflow name for the root node, else `<wf>-<fnv32a(name)>`. */
export function nodeIdOf(workflowName: string, nodeName: string): string {
  return nodeName === workflowName ? workflowName : `${workflowName}-${fnv32a(nodeName)}`;
}

// Kubernetes names are at most 253 characters; Argo keeps room for the hash suffix.
const MAX_PREFIX = 253 - 10;

/** Argo's v2 pod name: `<wf>-<template>-<fnv32a(node name)>`, or the workflow name for the root node. */
export function podNameOf(workflowName: string, nodeName: string, templateName: string): string {
  if (workflowName === nodeName) return workflowName;
  let prefix = templateName === '' ? workflowName : `${workflowName}-${templateName}`;
  if (prefix.length > MAX_PREFIX - 1) prefix = prefix.slice(0, MAX_PREFIX - 1);
  return `${prefix}-${fnv32a(nodeName)}`;
}
