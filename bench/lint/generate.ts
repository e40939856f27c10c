/** A Workflow with one DAG of `tasks` tasks: a chain with fan-in every tenth task, each passing a parameter on. */
export function generateDagWorkflow(tasks: number): string {
  const lines = [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Workflow',
    'metadata:',
    '  generateName: big-dag-',
    'spec:',
    '  entrypoint: main',
    '  arguments:',
    '    parameters:',
    '      - name: greeting',
    '        value: hello',
    '  templates:',
    '    - name: main',
    '      dag:',
    '        tasks:',
  ];
  for (let i = 0; i < tasks; i++) {
    lines.push(`          - name: t${i}`, '            template: echo');
    const deps = i === 0 ? [] : i % 10 === 0 ? [`t${i - 1}`, `t${i - 10}`] : [`t${i - 1}`];
    if (deps.length > 0) lines.push(`            depends: ${deps.map((d) => `${d}.Succeeded`).join(' && ')}`);
    const from = i === 0 ? '{{workflow.parameters.greeting}}' : `{{tasks.t${i - 1}.outputs.parameters.out}}`;
    lines.push(
      '            arguments:',
      '              parameters:',
      '                - name: message',
      `                  value: "${from}"`,
    );
  }
  lines.push(
    '    - name: echo',
    '      inputs:',
    '        parameters:',
    '          - name: message',
    '      outputs:',
    '        parameters:',
    '          - name: out',
    '            valueFrom:',
    '              path: /tmp/out',
    '      container:',
    '        image: busybox:1.36',
    '        command: [sh, -c]',
    '        args: ["echo {{inputs.parameters.message}} | tee /tmp/out"]',
  );
  return `${lines.join('\n')}\n`;
}
