/** Test and benchmark support: a null-executor driver on fake time, and helpers to load workflows. */
export { manifestsFromYaml, nodeNamed, phases, stateFromYaml, workflowFromYaml } from './fixtures';
export {
  DEFAULT_START,
  type PodBehaviour,
  type PodCall,
  type PodScript,
  type RunOptions,
  type RunResult,
  runWorkflow,
} from './null-executor';
export { runShell, type ShellOutcome } from './shell';
