// Run by `npm install` (the root `prepare` script): the offline Apex checks in `npm test` need
// Java 11 or later (apex-ls and PMD are Java programs). When no suitable `java` is found and this
// is a Debian-like machine where we are root, install Debian's OpenJDK 17 runtime; otherwise say
// what to install. Never fails the install: `npm test`'s Apex checks name what is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

function javaMajor() {
  const home = process.env.JAVA_HOME;
  const command =
    home && existsSync(path.join(home, 'bin', 'java')) ? path.join(home, 'bin', 'java') : 'java';
  const run = spawnSync(command, ['-version'], { encoding: 'utf8' });
  if (run.error || run.status !== 0) return null;
  const match = /version "(?:1\.)?(\d+)/.exec(`${run.stderr}${run.stdout}`);
  return match ? Number(match[1]) : null;
}

const found = javaMajor();
if (found !== null && found >= 11) {
  process.exit(0);
}
const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
if (!canApt) {
  console.warn(
    `tandem: the offline Apex checks need Java 11 or later (found ${found ?? 'none'}). ` +
      'Install a JDK (Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME.',
  );
  process.exit(0);
}
console.log("tandem: installing Debian's OpenJDK 17 runtime for the offline Apex checks...");
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'openjdk-17-jre-headless']]) {
  const run = spawnSync('apt-get', args, { stdio: 'inherit', env });
  if (run.status !== 0) {
    console.warn(`tandem: apt-get ${args[0]} failed; install a JDK 11+ by hand or set JAVA_HOME.`);
    process.exit(0);
  }
}
console.log(`tandem: Java ${javaMajor() ?? '(still not found)'} ready.`);
