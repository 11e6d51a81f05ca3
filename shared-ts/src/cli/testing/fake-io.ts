import type { CliIo } from '../io';

/** A `CliIo` that records what a command prints, for tests. */
export type FakeIo = CliIo & { out: string; err: string };

/**
 * A fake `CliIo`: standard input is `stdin` (an `Error` makes reading it fail), files come from
 * `files` (a missing one fails as the real one does), and output is collected in `out`/`err`.
 */
export function fakeIo(options: { stdin?: string | Error; files?: Record<string, string> } = {}): FakeIo {
  const { stdin = '', files = {} } = options;
  const io: FakeIo = {
    out: '',
    err: '',
    readStdin: async () => {
      if (stdin instanceof Error) throw stdin;
      return stdin;
    },
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`cannot read ${path}: no such file`);
      return text;
    },
    stdout: (text) => {
      io.out += text;
    },
    stderr: (text) => {
      io.err += text;
    },
  };
  return io;
}
