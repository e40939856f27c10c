// Workflows for the engine benchmark: a fan-out/fan-in DAG of N tasks, built as the typed model directly.
import type { DAGTask, Workflow } from '../../packages/core/src/spec/model';

/** `start` → N tasks in parallel → `end` (which depends on all N). */
export function fanOutFanIn(size: number): Workflow {
  const middle: DAGTask[] = [];
  for (let i = 0; i < size; i++) {
    middle.push({
      name: `t${i}`,
      template: 'work',
      dependencies: ['start'],
      arguments: { parameters: [{ name: 'n', value: String(i) }] },
    });
  }
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: { name: `fan-${size}` },
    spec: {
      entrypoint: 'main',
      templates: [
        {
          name: 'main',
          dag: {
            tasks: [
              { name: 'start', template: 'work', arguments: { parameters: [{ name: 'n', value: 'start' }] } },
              ...middle,
              {
                name: 'end',
                template: 'work',
                dependencies: middle.map((t) => t.name),
                arguments: { parameters: [{ name: 'n', value: 'end' }] },
              },
            ],
          },
        },
        {
          name: 'work',
          inputs: { parameters: [{ name: 'n' }] },
          container: {
            image: 'busybox',
            command: ['echo'],
            args: ['task {{inputs.parameters.n}} of {{workflow.name}}'],
          },
        },
      ],
    },
  };
}
