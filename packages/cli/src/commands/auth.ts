import { homedir } from 'node:os';
import { Command, Option } from 'commander';
import { UsageError } from '../usage-error';

/** What the auth commands read and write outside themselves. */
export interface AuthIo {
  readonly stdout: NodeJS.WritableStream;
  readonly readStdin: () => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** `slipway auth login|logout`: store registry credentials in docker's config.json, as docker and crane do. */
export function authCommand(io: AuthIo): Command {
  const auth = new Command('auth')
    .description('Log in to and out of registries (docker config.json)')
    .exitOverride();
  auth
    .command('login')
    .description('Store credentials for REGISTRY (in a credential helper when config.json names one)')
    .argument(
      '<registry>',
      'registry host, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com or 127.0.0.1:5000',
    )
    .requiredOption('-u, --username <user>', 'user name')
    .option('--password-stdin', 'read the password from standard input')
    .addOption(
      new Option(
        '-p, --password <password>',
        'the password (visible to other users: prefer --password-stdin)',
      ).conflicts('passwordStdin'),
    )
    .option('--config <path>', 'config.json to write (default: as docker finds it)')
    .exitOverride()
    .action(
      async (
        registry: string,
        options: { username: string; password?: string; passwordStdin?: boolean; config?: string },
      ) => {
        const password = options.passwordStdin
          ? (await io.readStdin()).replace(/\r?\n$/, '')
          : options.password;
        if (!password) throw new UsageError('give the password with --password-stdin (or -p)');
        const { login } = await import('@slipway/oci');
        const result = await login({
          registry,
          username: options.username,
          password,
          env: io.env,
          homeDir: homedir(),
          ...(options.config ? { configPath: options.config } : {}),
        });
        io.stdout.write(
          `logged in to ${registry}: credentials stored ${result.helper ? `in docker-credential-${result.helper}` : `in ${result.path}`}\n`,
        );
      },
    );
  auth
    .command('logout')
    .description('Remove the stored credentials for REGISTRY')
    .argument('<registry>', 'registry host')
    .option('--config <path>', 'config.json to change (default: as docker finds it)')
    .exitOverride()
    .action(async (registry: string, options: { config?: string }) => {
      const { logout } = await import('@slipway/oci');
      const result = await logout({
        registry,
        env: io.env,
        homeDir: homedir(),
        ...(options.config ? { configPath: options.config } : {}),
      });
      io.stdout.write(
        result.removed ? `logged out of ${registry}\n` : `no credentials were stored for ${registry}\n`,
      );
    });
  return auth;
}
