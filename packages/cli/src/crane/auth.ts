import { homedir } from 'node:os';
import { UsageError } from '../usage-error';
import type { CraneIo } from './io';

/** Flags of `crane auth login`. */
export interface LoginFlags {
  username?: string;
  password?: string;
  passwordStdin?: boolean;
}

/** `crane auth login SERVER -u USER -p PASS | --password-stdin`: stores the credentials in docker's config.json. */
export async function runCraneLogin(server: string, flags: LoginFlags, io: CraneIo): Promise<void> {
  if (flags.passwordStdin && flags.password !== undefined)
    throw new UsageError('give the password with -p or --password-stdin, not both');
  const password = flags.passwordStdin ? (await io.readStdin()).replace(/\r?\n$/, '') : flags.password;
  if (!flags.username) throw new UsageError('crane auth login needs -u USERNAME');
  if (!password) throw new UsageError('crane auth login needs -p PASSWORD or --password-stdin');
  const { login } = await import('@slipway/oci');
  const result = await login({
    registry: server,
    username: flags.username,
    password,
    env: io.env,
    homeDir: homedir(),
  });
  io.stderr.write(
    `logged in to ${server} via ${result.helper ? `docker-credential-${result.helper}` : result.path}\n`,
  );
}

/** `crane auth logout SERVER`: removes the stored credentials. */
export async function runCraneLogout(server: string, io: CraneIo): Promise<void> {
  const { logout } = await import('@slipway/oci');
  const result = await logout({ registry: server, env: io.env, homeDir: homedir() });
  io.stderr.write(
    result.removed
      ? `logged out of ${server} via ${result.path}\n`
      : `no credentials were stored for ${server}\n`,
  );
}
