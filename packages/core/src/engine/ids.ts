// Node ids and pod names exactly as Argo derives them from node names (FNV-1a, 32 bits, over UTF-8).

function mix(hash: number, byte: number): number {
  return Math.imul(hash ^ byte, 0x01000193) >>> 0;
}

/** FNV-1a 32-bit hash of the UTF-8 bytes of `text`, as Go's `hash/fnv` New32a. */
export function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  // Encode to UTF-8 on the fly: node names are hashed several times per node, allocation adds up.
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      hash = mix(hash, code);
      continue;
    }
    if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    } else if (code >= 0xd800 && code < 0xe000) code = 0xfffd;
    if (code < 0x800) {
      hash = mix(hash, 0xc0 | (code >> 6));
    } else if (code < 0x10000) {
      hash = mix(hash, 0xe0 | (code >> 12));
      hash = mix(hash, 0x80 | ((code >> 6) & 0x3f));
    } else {
      hash = mix(hash, 0xf0 | (code >> 18));
      hash = mix(hash, 0x80 | ((code >> 12) & 0x3f));
      hash = mix(hash, 0x80 | ((code >> 6) & 0x3f));
    }
    hash = mix(hash, 0x80 | (code & 0x3f));
  }
  return hash;
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
