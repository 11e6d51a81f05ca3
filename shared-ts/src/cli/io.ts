/** What a CLI command may touch, so commands are tested without a process. */
export interface CliIo {
  /** The whole of standard input. */
  readStdin(): Promise<string>;
  /** A file's text; throws with a readable message when it cannot be read. */
  readFile(path: string): string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A CLI command: takes its arguments (after the command words) and returns the exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;
