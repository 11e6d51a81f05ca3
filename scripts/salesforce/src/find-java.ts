import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The lowest Java major version PMD 7 and apex-ls run on (Java 17 is what was tested). */
export const MIN_JAVA_MAJOR = 11;

/** A Java runtime found for the checks, or why none was. */
export type JavaLookup =
  | { readonly ok: true; readonly command: string; readonly major: number }
  | { readonly ok: false; readonly code: 'java-missing' | 'java-too-old'; readonly message: string };

/** Reads the major version from `java -version` output (`version "17.0.15"`, `version "1.8.0_392"`). */
export function parseJavaMajor(versionOutput: string): number | null {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (match === null) return null;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

/**
 * Finds the `java` to run: `$JAVA_HOME/bin/java` when JAVA_HOME is set, else `java` on PATH.
 * Never throws: a missing or old Java is a result whose message says what to install or set.
 */
export function findJava(env: NodeJS.ProcessEnv = process.env): JavaLookup {
  const javaHome = env['JAVA_HOME'];
  const fromHome = javaHome ? path.join(javaHome, 'bin', 'java') : null;
  const command = fromHome !== null && existsSync(fromHome) ? fromHome : 'java';
  const run = spawnSync(command, ['-version'], { encoding: 'utf8', env, timeout: 30_000 });
  if (run.error !== undefined || run.status !== 0) {
    const where = fromHome !== null ? `JAVA_HOME (${javaHome}) has no bin/java and ` : '';
    return {
      ok: false,
      code: 'java-missing',
      message:
        `The Apex checks need Java ${MIN_JAVA_MAJOR} or later (17 tested) to run apex-ls and PMD, but ` +
        `${where}no \`java\` runs from PATH (${run.error?.message ?? `exit ${run.status}`}). ` +
        'Install a JDK (Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME.',
    };
  }
  const major = parseJavaMajor(`${run.stderr}${run.stdout}`);
  if (major === null || major < MIN_JAVA_MAJOR) {
    return {
      ok: false,
      code: 'java-too-old',
      message: `The Apex checks need Java ${MIN_JAVA_MAJOR} or later (17 tested); \`${command} -version\` says ${
        major === null ? 'no version' : `Java ${major}`
      }. Install a newer JDK or point JAVA_HOME at one.`,
    };
  }
  return { ok: true, command, major };
}
