/**
 * What the fault suite tried, for the summary printed after the whole run: cases, faults the
 * service survived, records compared against an unfaulted run, duplicates found (must be 0).
 */
export const faultTally = { cases: 0, faultsSurvived: 0, recordsCompared: 0, duplicates: 0 };

let registered = false;

/** Registers the root hook that prints the tally once, after every test of the run. */
export function reportFaultTallyAtEnd(): void {
  if (registered) return;
  registered = true;
  after(() => {
    if (faultTally.cases === 0) return;
    console.log(
      `\n  Fault suite: ${faultTally.cases} cases tried, ${faultTally.faultsSurvived} faults survived, ` +
        `${faultTally.recordsCompared} records compared, ${faultTally.duplicates} duplicates found (must be 0)\n`,
    );
  });
}

/** Counts the values that occur more than once (duplicates by a record's natural key). */
export function countDuplicates(keys: readonly string[]): number {
  return keys.length - new Set(keys).size;
}
