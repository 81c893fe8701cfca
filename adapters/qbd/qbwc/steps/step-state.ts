/**
 * How a step's own progress crosses the session's boundary, where it is kept as a record of
 * strings between calls (StepContext.state). A step declares its state type and one codec, and
 * converts only at its edge: it decodes what it is given and encodes what it hands back.
 *
 * @example const PAGE: StateCodec<{ iteratorId?: string }> = { decode: (s) => ({ iteratorId: s.iteratorId }), encode: (p) => ({ ...p }) };
 */
export interface StateCodec<S> {
  decode(state: Readonly<Record<string, string>>): S;
  encode(state: S): Record<string, string>;
}
