// What Kubernetes' API server checks when Argo creates a workflow's PersistentVolumeClaims: locally the claims
// are directories, but a claim Kubernetes would refuse must fail the workflow the same way.

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

interface ClaimTemplate {
  readonly metadata?: { readonly name?: string };
  readonly spec?: { readonly accessModes?: readonly string[] };
}

/** The API server's error for the first volumeClaimTemplate it would reject, as Argo reports it; else undefined. */
export function claimTemplateError(workflowName: string, claims: readonly unknown[]): string | undefined {
  for (const claim of claims as readonly ClaimTemplate[]) {
    const name = `${workflowName}-${claim.metadata?.name ?? ''}`;
    const modes = claim.spec?.accessModes ?? [];
    const invalid = `PersistentVolumeClaim "${name}" is invalid: spec.accessModes`;
    if (modes.length === 0) return `${invalid}: Required value: at least 1 access mode is required`;
    const unsupported = modes.find((mode) => !ACCESS_MODES.includes(mode));
    if (unsupported !== undefined) {
      const supported = ACCESS_MODES.map((mode) => `"${mode}"`).join(', ');
      return `${invalid}: Unsupported value: "${unsupported}": supported values: ${supported}`;
    }
  }
  return undefined;
}
