/** Why rich text could not be converted. */
export interface RichTextError {
  /**
   * `malformed-adf`: the ADF is not shaped like ADF; `invalid-json`: the input is not JSON at all;
   * `format-unknown`: `convertRichText` was asked for a format other than adf, html or text.
   */
  code: 'malformed-adf' | 'invalid-json' | 'format-unknown';
  /** A sentence a person can act on. */
  message: string;
  /** JSON pointer to the offending value in the input (`''` for the whole input). */
  path: string;
}
