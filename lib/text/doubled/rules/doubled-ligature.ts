/**
 * Ligatures in doubled Latin text. A fake-bold `ﬁ` drawn twice comes out of PDF extraction as
 * `fifi` rather than `ffii`; inside a doubled word (`ddeefifinnee`) that spelling is one doubled
 * unit and is collapsed to `fi`. Edits it makes carry this rule's name.
 */
export const DOUBLED_LIGATURE = 'doubled-ligature';

// Longest first, so `ffiffi` is not read as `ff` + `i`.
const LIGATURES = ['ffi', 'ffl', 'fi', 'fl'];

/** The ligature spelled twice in a row at `at`, if any. */
export function matchDoubledLigature(text: string, at: number, to: number): string | null {
  for (const lig of LIGATURES) {
    if (at + 2 * lig.length <= to && text.startsWith(lig, at) && text.startsWith(lig, at + lig.length)) return lig;
  }
  return null;
}
