/** What the crane commands read and write outside themselves. */
export interface CraneIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly readStdin: () => Promise<string>;
  readonly setExitCode: (code: number) => void;
}

/** crane's global flags, which every subcommand accepts before or after its arguments. */
export interface CraneGlobals {
  insecure?: boolean;
  platform?: string;
  verbose?: boolean;
  allowNondistributableArtifacts?: boolean;
}
