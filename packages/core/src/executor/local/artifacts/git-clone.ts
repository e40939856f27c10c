import { ArtifactError } from '../errors';
import { runTool } from '../fs/run-tool';

/** Clones `repo` into `dir` (which must not exist) and checks out `revision` (branch, tag or commit) if given. */
export async function gitClone(git: string, repo: string, dir: string, revision?: string): Promise<void> {
  if (revision?.startsWith('-'))
    throw new ArtifactError(`git revision \`${revision}\` must not start with '-'`);
  try {
    await runTool(git, ['clone', '--quiet', '--', repo, dir], { timeoutMs: 10 * 60_000 });
    // No `--` after the revision: with it git would not turn a remote-only branch name into a local branch.
    if (revision) await runTool(git, ['-C', dir, 'checkout', '--quiet', revision]);
  } catch (error) {
    throw new ArtifactError(
      `cannot clone git artifact ${repo}${revision ? ` at ${revision}` : ''}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
