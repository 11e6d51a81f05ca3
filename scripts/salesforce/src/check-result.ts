/** One finding of a Salesforce check: where, which rule, and a message a person can act on. */
export interface Finding {
  /** Absolute path of the file, or the folder when the finding is about the whole run. */
  readonly file: string;
  /** 1-based line, 0 when unknown. */
  readonly line: number;
  /** Stable code: `apex-parse`, `apex-unformatted`, `apex-ls:<category>`, `pmd:<rule>`, `metadata-*`, ... */
  readonly code: string;
  readonly message: string;
}

/** The outcome of one check: what ran (for the report) and what it found; a failed run is a finding too. */
export interface CheckResult {
  /** One line naming the tool and the files it looked at, e.g. `apex-ls CheckForIssues on 3 files`. */
  readonly ran: string;
  readonly findings: readonly Finding[];
}

/** Formats findings as `file:line: code: message`, one a line, for an assertion message or a console. */
export function formatFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.file}:${f.line}: ${f.code}: ${f.message}`).join('\n');
}
