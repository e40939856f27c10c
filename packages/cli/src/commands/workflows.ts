import type { TemplateKind } from '@slipway/core';
import { Command, Option } from 'commander';
import type { SubmitFlags, WorkflowIo } from '../workflow/actions';
import type { ControlSignal } from '../workflow/control/protocol';

export type { WorkflowIo } from '../workflow/actions';

const actions = () => import('../workflow/actions');
const controlActions = () => import('../workflow/control-actions');
const templateActions = () => import('../workflow/template-actions');

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** A subcommand with the options every workflow command shares. */
function command(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .addOption(
      new Option('--home <dir>', 'where Slipway keeps its state (default: $SLIPWAY_HOME or ~/.slipway)'),
    )
    .exitOverride();
}

function outputOption(choices: string[], fallback: string): Option {
  return new Option('-o, --output <format>', 'what to print').choices(choices).default(fallback);
}

function submitCommand(io: WorkflowIo): Command {
  return command('submit', 'Run a Workflow locally, each step in a sandbox; exits 1 when it does not succeed')
    .argument('[file]', 'a Workflow manifest (YAML or JSON)')
    .option(
      '--from <kind/name>',
      'run a stored template: workflowtemplate/NAME or clusterworkflowtemplate/NAME',
    )
    .option('-p, --parameter <name=value>', 'a workflow parameter (repeatable)', collect, [])
    .option('-f, --parameter-file <file>', 'workflow parameters from a YAML or JSON map (-p wins)')
    .option('-e, --entrypoint <template>', 'run this template instead of spec.entrypoint')
    .option('--name <name>', 'the workflow name (default: metadata.name, or generateName plus a suffix)')
    .option('-w, --watch', 'show the live node tree while it runs')
    .option('--wait', 'wait for the end and print only the outcome (the default when not watching)')
    .option(
      '--registry-mirror <registry=host>',
      'pull images of a registry from a mirror, e.g. docker.io=127.0.0.1:5000 (repeatable)',
      collect,
      [],
    )
    .option(
      '--insecure-registry <host>',
      'reach this registry over plain HTTP or unverified TLS (repeatable)',
      collect,
      [],
    )
    .option(
      '--registry-endpoint <registry=host>',
      "send the steps' pulls and pushes of a registry to another address, keeping the registry's own " +
        'credentials (an ECR host served by a local endpoint, a proxy; repeatable)',
      collect,
      [],
    )
    .addOption(
      new Option('--isolation <mode>', 'sandbox over the image, or the host root read-only')
        .choices(['sandbox', 'host-root'])
        .default('sandbox'),
    )
    .addOption(outputOption(['name', 'json', 'yaml', 'wide'], 'wide'))
    .action(async (file: string | undefined, flags: SubmitFlags) =>
      (await actions()).runSubmit(file, flags, io),
    );
}

function inspectCommands(io: WorkflowIo): Command[] {
  const list = command('list', 'List workflows').action(async (flags: { home?: string }) =>
    (await actions()).runList(flags, io),
  );
  const get = command('get', "Show a workflow's nodes, phases and outputs")
    .argument('<name>', 'workflow name')
    .addOption(outputOption(['wide', 'json', 'yaml'], 'wide'))
    .action(async (name: string, flags: { home?: string; output: string }) =>
      (await actions()).runGet(name, flags, io),
    );
  const logs = command('logs', "Print a workflow's logs (kept after it finished)")
    .argument('<name>', 'workflow name')
    .option('--node <name>', 'only this node (its name, display name or id)')
    .option('-f, --follow', 'keep printing new output until the workflow ends')
    .action(async (name: string, flags: { home?: string; node?: string; follow?: boolean }) =>
      (await actions()).runLogs(name, flags, io),
    );
  const del = command('delete', 'Delete a workflow and its logs')
    .argument('<name>', 'workflow name')
    .action(async (name: string, flags: { home?: string }) => (await actions()).runDelete(name, flags, io));
  const watch = command('watch', "Show a workflow's live node tree until it ends")
    .argument('<name>', 'workflow name')
    .action(async (name: string, flags: { home?: string }) =>
      (await controlActions()).runWatch(name, flags, io),
    );
  const wait = command('wait', 'Wait for workflows to end; exits 1 unless all succeeded')
    .argument('<names...>', 'workflow names')
    .action(async (names: string[], flags: { home?: string }) =>
      (await controlActions()).runWait(names, flags, io),
    );
  return [list, get, logs, del, watch, wait];
}

function signalCommand(io: WorkflowIo, signal: ControlSignal, description: string): Command {
  const cmd = command(signal, description)
    .argument('<name>', 'workflow name')
    .option('-w, --watch', 'when it runs here, show the live node tree');
  if (signal === 'stop' || signal === 'terminate')
    cmd.option('--message <text>', 'why (shown in the workflow message)');
  if (signal === 'resume')
    cmd.option('--node <name>', 'resume only this suspend node (name, display name or id)');
  return cmd.action(
    async (name: string, flags: { home?: string; node?: string; message?: string; watch?: boolean }) =>
      (await controlActions()).runSignal(signal, name, flags, io),
  );
}

function controlCommands(io: WorkflowIo): Command[] {
  const retry = command('retry', 'Re-run the failed nodes of a finished workflow, its workspace intact')
    .argument('<name>', 'workflow name')
    .option('--node-field-selector <selector>', 'e.g. displayName=build or templateName=test,phase!=Skipped')
    .option('--restart-successful', 'also re-run the succeeded nodes the selector matches')
    .option('-w, --watch', 'show the live node tree')
    .addOption(outputOption(['name', 'json', 'yaml', 'wide'], 'wide'))
    .action(
      async (name: string, flags: Parameters<Awaited<ReturnType<typeof controlActions>>['runRetry']>[1]) =>
        (await controlActions()).runRetry(name, flags, io),
    );
  const resubmit = command('resubmit', 'Run a workflow again as a new one, with the same parameters')
    .argument('<name>', 'workflow name')
    .option('-p, --parameter <name=value>', 'override a parameter (repeatable)', collect, [])
    .option('--name <name>', 'the new workflow name')
    .option('-w, --watch', 'show the live node tree')
    .addOption(outputOption(['name', 'json', 'yaml', 'wide'], 'wide'))
    .action(
      async (name: string, flags: Parameters<Awaited<ReturnType<typeof controlActions>>['runResubmit']>[1]) =>
        (await controlActions()).runResubmit(name, flags, io),
    );
  return [
    signalCommand(io, 'stop', 'Stop a workflow: running steps are killed, exit handlers still run'),
    signalCommand(
      io,
      'terminate',
      'Terminate a workflow: running steps are killed, exit handlers do not run',
    ),
    signalCommand(io, 'suspend', 'Suspend a workflow: running steps finish, nothing new starts'),
    signalCommand(io, 'resume', 'Resume a suspended workflow (or one no process runs any more, here)'),
    retry,
    resubmit,
  ];
}

function templateCommand(
  io: WorkflowIo,
  name: string,
  kind: TemplateKind | undefined,
  what: string,
): Command {
  const group = new Command(name).description(`Store and manage ${what}`).exitOverride();
  const kindFlag = kind === undefined ? {} : { kind };
  group.addCommand(
    command('create', 'Lint the files together and store the templates they define')
      .argument('<files...>', 'manifests')
      .action(async (files: string[], flags: { home?: string }) =>
        (await templateActions()).runTemplateCreate(files, { ...flags, ...kindFlag }, io),
      ),
  );
  group.addCommand(
    command('list', `List stored ${what}`).action(async (flags: { home?: string }) =>
      (await templateActions()).runTemplateList({ ...flags, ...kindFlag }, io),
    ),
  );
  group.addCommand(
    command('get', 'Print a stored template')
      .argument(
        '<name>',
        kind === undefined ? 'KIND/NAME, e.g. workflowtemplate/ci-template' : 'template name',
      )
      .action(async (ref: string, flags: { home?: string }) =>
        (await templateActions()).runTemplateGet(ref, { ...flags, ...kindFlag }, io),
      ),
  );
  group.addCommand(
    command('delete', 'Delete a stored template')
      .argument(
        '<name>',
        kind === undefined ? 'KIND/NAME, e.g. workflowtemplate/ci-template' : 'template name',
      )
      .action(async (ref: string, flags: { home?: string }) =>
        (await templateActions()).runTemplateDelete(ref, { ...flags, ...kindFlag }, io),
      ),
  );
  return group;
}

function secretCommand(io: WorkflowIo): Command {
  const secret = new Command('secret')
    .description('Local secrets for secretKeyRef env and secret volumes')
    .exitOverride();
  secret.addCommand(
    command('create', 'Store a secret')
      .argument('<name>', 'secret name')
      .option('--from-literal <key=value>', 'a key and its value (repeatable)', collect, [])
      .action(async (name: string, flags: { home?: string; fromLiteral: string[] }) =>
        (await templateActions()).runSecretCreate(name, flags.fromLiteral, flags, io),
      ),
  );
  secret.addCommand(
    command('list', 'List secrets').action(async (flags: { home?: string }) =>
      (await templateActions()).runSecretList(flags, io),
    ),
  );
  secret.addCommand(
    command('delete', 'Delete a secret')
      .argument('<name>', 'secret name')
      .action(async (name: string, flags: { home?: string }) =>
        (await templateActions()).runSecretDelete(name, flags, io),
      ),
  );
  return secret;
}

/** The workflow commands: submit, inspect and control runs, and store templates and secrets. */
export function workflowCommands(io: WorkflowIo): Command[] {
  return [
    submitCommand(io),
    ...inspectCommands(io),
    ...controlCommands(io),
    templateCommand(
      io,
      'template',
      undefined,
      'WorkflowTemplates (and ClusterWorkflowTemplates, CronWorkflows)',
    ),
    templateCommand(io, 'cluster-template', 'ClusterWorkflowTemplate', 'ClusterWorkflowTemplates'),
    secretCommand(io),
  ];
}
