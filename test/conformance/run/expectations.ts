// Where a file's own text (its comments, its commands, Argo's e2e test for it) says more than its folder:
// the phase it must end in, or why it cannot be run here at all. Keyed by path within the corpus.
import type { Expectation } from './classify';

/** A file's expectation or exclusion, with the reason. */
export interface Override {
  readonly expect?: Expectation | 'Any';
  readonly exclude?: string;
  /** A longer per-workflow timeout, for workflows that take minutes by design. */
  readonly timeoutSeconds?: number;
  /** Stop or terminate the workflow a few seconds in, as Argo's e2e test for the file does. */
  readonly shutdown?: 'stop' | 'terminate';
  readonly why: string;
}

const NSLOOKUP =
  'needs the internet: `nslookup argo.io` asks a DNS server, which does not read hostAliases in /etc/hosts';
const ABSENT_OPTIONAL = "Argo's e2e test expects it: a task reads an output of a task that did not run";

/** Overrides by corpus path (`#n` for the n-th workflow of a file applies to the whole file too). */
export const OVERRIDES: Readonly<Record<string, Override>> = {
  'examples/continue-on-fail.yaml': {
    expect: 'Succeeded',
    why: '`continueOn: failed` lets the workflow succeed (e2e/functional runs the same file to Succeeded)',
  },
  'e2e/functional/continue-on-fail.yaml': {
    expect: 'Succeeded',
    why: '`continueOn: failed` lets the workflow succeed (its label says a step fails)',
  },
  'examples/custom-metrics.yaml': { expect: 'Any', why: 'its `flakey` step exits 0 or 1 at random' },
  'examples/retry-on-error.yaml': {
    expect: 'Any',
    why: 'its step exits 0 with probability 1/5, three tries: it succeeds about half the time',
  },
  'examples/resubmit.yaml': { expect: 'Any', why: 'its steps exit 0 or 1 at random' },
  'examples/pod-gc-strategy.yaml': { expect: 'Failed', why: 'its `fail` step always exits 1' },
  'examples/pod-gc-strategy-with-label-selector.yaml': {
    expect: 'Failed',
    why: 'its `fail` step always exits 1',
  },
  'examples/template-defaults.yaml': {
    expect: 'Any',
    why: 'its step exits 0 or 1 at random (3 tries)',
  },
  'examples/retry-conditional.yaml': {
    expect: 'Failed',
    why: 'its script always exits 1 or 2, so the retries end Failed',
  },
  'examples/timeouts-workflow.yaml': {
    expect: 'Failed',
    why: '`activeDeadlineSeconds: 30` stops steps that sleep longer',
  },
  'examples/step-level-timeout.yaml': {
    expect: 'Failed',
    why: 'a step sleeps past its `timeout`',
  },
  'examples/loops-arbitrary-sequential-steps.yaml': {
    expect: 'Failed',
    why: 'its comment: the fourth item exits 1 and stops the loop (failFast)',
  },
  'e2e/functional/dag-omitted-output-ref.yaml': { expect: 'Failed', why: ABSENT_OPTIONAL },
  'e2e/functional/dag-skipped-output-ref.yaml': { expect: 'Failed', why: ABSENT_OPTIONAL },
  'e2e/functional/dag-skipped-artifact-subpath-ref.yaml': { expect: 'Failed', why: ABSENT_OPTIONAL },
  'e2e/functional/steps-skipped-output-ref.yaml': { expect: 'Failed', why: ABSENT_OPTIONAL },
  'e2e/functional/steps-skipped-withparam-ref.yaml': { expect: 'Failed', why: ABSENT_OPTIONAL },
  'e2e/functional/stop-terminate.yaml': { expect: 'Failed', shutdown: 'stop', why: 'Argo stops it' },
  'e2e/functional/stop-terminate-2.yaml': { expect: 'Failed', shutdown: 'stop', why: 'Argo stops it' },
  'e2e/functional/stop-terminate-daemon.yaml': {
    expect: 'Failed',
    shutdown: 'stop',
    why: 'Argo stops it',
  },
  'e2e/functional/workflow-exit-handler-sleep.yaml': {
    expect: 'Failed',
    shutdown: 'terminate',
    why: 'Argo terminates it',
  },
  'examples/synchronization-mutex-tmpl-level.yaml': {
    timeoutSeconds: 400,
    why: 'five 50 s steps hold one mutex in turn',
  },
  'examples/synchronization-db-mutex-tmpl-level.yaml': {
    timeoutSeconds: 400,
    why: 'five 50 s steps hold one mutex in turn',
  },
  'examples/parallelism-nested-workflow.yaml': {
    timeoutSeconds: 400,
    why: '30 s steps run a few at a time',
  },
  'e2e/functional/output-input-artifact-optional.yaml': {
    expect: 'Failed',
    why:
      "no Argo test runs it; Argo's controller (steps.go) cannot resolve `from` an optional output artifact " +
      'that was not saved unless the argument itself is optional, and errors the step',
  },
  'e2e/expectedfailures/serviceaccount-insufficient-permissions.yaml': {
    exclude: 'needs a Kubernetes service account (and its RBAC permissions)',
    why: 'fails on Kubernetes permissions',
  },
  'e2e/expectedfailures/unschedulable.yaml': {
    exclude: 'needs a Kubernetes scheduler (its nodeSelector matches no node)',
    why: 'fails because no node fits',
  },
  'e2e/functional/workflow_level_host_aliases.yaml': { exclude: NSLOOKUP, why: NSLOOKUP },
  'e2e/functional/template_level_host_aliases.yaml': { exclude: NSLOOKUP, why: NSLOOKUP },
  'e2e/functional/workflow_template_level_host_aliases.yaml': { exclude: NSLOOKUP, why: NSLOOKUP },
  'e2e/expectedfailures/oom-kill.yaml': {
    exclude:
      'needs memory limits: a fork bomb stopped only by `limits.memory: 5M`, which local sandboxes do not enforce (no cgroups)',
    why: 'unsafe without cgroups',
  },
  'e2e/expectedfailures/pns/pns-quick-exit-output-art.yaml': {
    expect: 'Succeeded',
    why:
      "it fails only under Argo's removed PNS executor (the container exits before the wait sidecar opens its root); " +
      'Slipway reads outputs after the container stops',
  },
  'examples/forever.yaml': { exclude: 'runs forever by design', why: 'a `sleep` in an endless loop' },
  'e2e/functional/loop-sequence-many-long-pods.yaml': {
    exclude: 'a load test of 10000 pods sleeping 600 s each',
    why: 'a cluster load test',
  },
};

/** The override for a case id (`file#n` falls back to `file`). */
export function overrideFor(id: string): Override | undefined {
  return OVERRIDES[id] ?? OVERRIDES[id.replace(/#\d+$/, '')];
}
