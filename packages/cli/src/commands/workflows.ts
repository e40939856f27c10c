import { Command, Option } from 'commander';
import type { SubmitFlags, WorkflowIo } from '../workflow/actions';

export type { WorkflowIo } from '../workflow/actions';

const actions = () => import('../workflow/actions');

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `slipway submit|list|get|logs|delete`: run Argo workflows locally and look at them afterwards. */
export function workflowCommands(io: WorkflowIo): Command[] {
  const home = new Option('--home <dir>', 'where Slipway keeps its state (default: ~/.slipway)');
  const submit = new Command('submit')
    .description('Run a Workflow locally, each step in a sandbox; exits 1 when it does not succeed')
    .argument('[file]', 'a Workflow manifest (YAML or JSON)')
    .option(
      '--from <kind/name>',
      'run a stored template: workflowtemplate/NAME or clusterworkflowtemplate/NAME',
    )
    .option('-p, --parameter <name=value>', 'a workflow parameter (repeatable)', collect, [])
    .option('--name <name>', 'the workflow name (default: metadata.name, or generateName plus a suffix)')
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
    .addOption(
      new Option('--isolation <mode>', 'sandbox over the image, or the host root read-only')
        .choices(['sandbox', 'host-root'])
        .default('sandbox'),
    )
    .addOption(
      new Option('-o, --output <format>', 'what to print at the end')
        .choices(['name', 'json', 'wide'])
        .default('wide'),
    )
    .addOption(home)
    .exitOverride()
    .action(async (file: string | undefined, flags: SubmitFlags) =>
      (await actions()).runSubmit(file, flags, io),
    );
  const list = new Command('list')
    .description('List workflows')
    .addOption(new Option('--home <dir>', 'state directory'))
    .exitOverride()
    .action(async (flags: { home?: string }) => (await actions()).runList(flags, io));
  const get = new Command('get')
    .description("Show a workflow's nodes, phases and outputs")
    .argument('<name>', 'workflow name')
    .addOption(new Option('-o, --output <format>', 'format').choices(['wide', 'json']).default('wide'))
    .addOption(new Option('--home <dir>', 'state directory'))
    .exitOverride()
    .action(async (name: string, flags: { home?: string; output: string }) =>
      (await actions()).runGet(name, flags, io),
    );
  const logs = new Command('logs')
    .description("Print a workflow's logs (kept after it finished)")
    .argument('<name>', 'workflow name')
    .option('--node <name>', 'only this node (its name or display name)')
    .addOption(new Option('--home <dir>', 'state directory'))
    .exitOverride()
    .action(async (name: string, flags: { home?: string; node?: string }) =>
      (await actions()).runLogs(name, flags, io),
    );
  const del = new Command('delete')
    .description('Delete a workflow and its logs')
    .argument('<name>', 'workflow name')
    .addOption(new Option('--home <dir>', 'state directory'))
    .exitOverride()
    .action(async (name: string, flags: { home?: string }) => (await actions()).runDelete(name, flags, io));
  const templateActions = () => import('../workflow/template-actions');
  const template = new Command('template')
    .description('Store and manage WorkflowTemplates (and ClusterWorkflowTemplates, CronWorkflows)')
    .exitOverride();
  template
    .command('create')
    .description('Lint the files together and store the templates they define')
    .argument('<files...>', 'manifests')
    .addOption(new Option('--home <dir>', 'state directory'))
    .exitOverride()
    .action(async (files: string[], flags: { home?: string }) =>
      (await templateActions()).runTemplateCreate(files, flags, io),
    );
  template
    .command('list')
    .addOption(new Option('--home <dir>', 'state directory'))
    .exitOverride()
    .action(async (flags: { home?: string }) => (await templateActions()).runTemplateList(flags, io));
  template
    .command('get')
    .argument('<kind/name>', 'e.g. workflowtemplate/ci-template')
    .addOption(new Option('--home <dir>', 'state directory'))
    .exitOverride()
    .action(async (name: string, flags: { home?: string }) =>
      (await templateActions()).runTemplateGet(name, flags, io),
    );
  template
    .command('delete')
    .argument('<kind/name>', 'e.g. workflowtemplate/ci-template')
    .addOption(new Option('--home <dir>', 'state directory'))
    .exitOverride()
    .action(async (name: string, flags: { home?: string }) =>
      (await templateActions()).runTemplateDelete(name, flags, io),
    );
  const secret = new Command('secret')
    .description('Local secrets for secretKeyRef env and secret volumes')
    .exitOverride();
  secret
    .command('create')
    .argument('<name>', 'secret name')
    .option('--from-literal <key=value>', 'a key and its value (repeatable)', collect, [])
    .addOption(new Option('--home <dir>', 'state directory'))
    .exitOverride()
    .action(async (name: string, flags: { home?: string; fromLiteral: string[] }) =>
      (await templateActions()).runSecretCreate(name, flags.fromLiteral, flags, io),
    );
  secret
    .command('list')
    .addOption(new Option('--home <dir>', 'state directory'))
    .exitOverride()
    .action(async (flags: { home?: string }) => (await templateActions()).runSecretList(flags, io));
  secret
    .command('delete')
    .argument('<name>', 'secret name')
    .addOption(new Option('--home <dir>', 'state directory'))
    .exitOverride()
    .action(async (name: string, flags: { home?: string }) =>
      (await templateActions()).runSecretDelete(name, flags, io),
    );
  return [submit, list, get, logs, del, template, secret];
}
